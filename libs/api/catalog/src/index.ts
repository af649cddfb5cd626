export * from './lib/catalog.module';
export * from './lib/entities';
export * from './lib/achievements/achievements.service';
export * from './lib/achievements/achievement-facts.service';
export * from './lib/search/search.service';
export * from './lib/search/tokenize';
export * from './lib/seed/catalog-seeder';
