export * from './policy-defaults';
export * from './ownership';
export * from './empowerment-rules';
export * from './negative-list';
