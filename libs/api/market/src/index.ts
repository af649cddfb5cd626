export * from './lib/market.module';
export * from './lib/entities';
export * from './lib/deals/deals.service';
export * from './lib/listings/listings.service';
export * from './lib/auctions/auction-closer.service';
export * from './lib/trading/take.service';
export * from './lib/live/live.service';
export * from './lib/seed/market-seeder';
