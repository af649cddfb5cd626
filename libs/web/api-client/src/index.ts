export * from './generated';
export * from './lib/provide-api-client';
// The app's only way to the generated client: one facade per bounded context (the API's tags).
export * from './lib/session-api';
export * from './lib/organizations-api';
export * from './lib/platform-api';
export * from './lib/catalog-api';
export * from './lib/rights-api';
export * from './lib/registry-api';
export * from './lib/market-api';
export * from './lib/licensing-api';
export * from './lib/brokerage-api';
