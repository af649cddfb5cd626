export * from './lib/identity';
export * from './lib/permissions';
export * from './lib/catalog';
export * from './lib/market';
export * from './lib/disclosures';
export * from './lib/rights';
export * from './lib/registry';
export * from './lib/brokerage';
