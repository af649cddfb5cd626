export * from './amounts';
export * from './numbering';
export * from './regions';
export * from './review';
