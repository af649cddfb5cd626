export * from './lib/credit-code';
