export * from './lib/platform.module';
export * from './lib/outbox/outbox-relay.service';
export * from './lib/outbox/mailer';
export * from './lib/bull-board';
