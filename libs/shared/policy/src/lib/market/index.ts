export * from './market-policy';
export * from './open-licence';
