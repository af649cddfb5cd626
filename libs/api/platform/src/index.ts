export * from './lib/platform.module';
export * from './lib/outbox/outbox-relay.service';
export * from './lib/outbox/mailer';
export * from './lib/bull-board';
export * from './lib/disclosures/disclosures.module';
export * from './lib/disclosures/disclosures.service';
export * from './lib/disclosures/disclosure.dto';
