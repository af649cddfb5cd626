export * from './lib/market.module';
export * from './lib/entities';
export * from './lib/deals/deals.service';
export * from './lib/listings/listings.service';
export * from './lib/auctions/auction-closer.service';
export * from './lib/trading/take.service';
export * from './lib/negotiation/negotiation.service';
export * from './lib/live/live.service';
export * from './lib/seed/market-seeder';
// The bid statement itself, for the benchmark's raw baseline (the same SQL without HTTP or Nest).
export { BID_SQL, runBid, type BidParams, type BidRow } from './lib/auctions/bid-sql';
export { bidRefusal, type RefusalFacts } from './lib/auctions/bid-refusal';
