export * from './lib/licensing.module';
export * from './lib/licences/licences.service';
export * from './lib/invoices/invoice-scheduler';
export * from './lib/invoices/invoice-issuer';
export * from './lib/seed/licensing-seeder';
