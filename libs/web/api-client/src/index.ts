export * from './generated';
export * from './lib/provide-api-client';
export * from './lib/ttx-api';
export * from './lib/licensing-api';
export * from './lib/organizations-api';
