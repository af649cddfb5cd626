export * from './lib/registry.module';
export * from './lib/entities';
export * from './lib/contracts/contracts.service';
export * from './lib/stats/stats.service';
export * from './lib/imports/import-runner';
export * from './lib/imports/import-columns';
export * from './lib/seed/registry-seeder';
export * from './lib/deals/registry-deals.module';
