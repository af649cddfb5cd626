export * from './lib/identity';
export * from './lib/permissions';
export * from './lib/catalog';
export * from './lib/disclosures';
export * from './lib/brokerage';
