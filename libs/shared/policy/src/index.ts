export * from './lib/credit-code';
export * from './lib/inventor-shares';
export * from './lib/patent-number';
export * from './lib/rights';
export * from './lib/registry';
export * from './lib/market';
export * from './lib/brokerage/credit';
export * from './lib/brokerage/match-score';
