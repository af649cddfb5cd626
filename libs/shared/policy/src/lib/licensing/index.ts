export * from './periods';
export * from './terms';
export * from './distribution';
export * from './billing';
