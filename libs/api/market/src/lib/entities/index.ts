import { AuctionBidderEntity, AuctionBidEntity, AuctionEntity, MarketIdempotencyKeyEntity } from './auction.entity';
import { DealEntity, MarketDealEventEntity } from './deal.entity';
import { ListingConsentEntity } from './listing-consent.entity';
import { ListingEntity } from './listing.entity';
import { ListingIntentEntity, ListingOfferEntity, OpenLicenceConsentEntity } from './negotiation.entity';

export * from './auction.entity';
export * from './deal.entity';
export * from './listing-consent.entity';
export * from './listing.entity';
export * from './negotiation.entity';

export const MARKET_ENTITIES = [
  ListingEntity,
  ListingOfferEntity,
  ListingIntentEntity,
  OpenLicenceConsentEntity,
  ListingConsentEntity,
  AuctionEntity,
  AuctionBidderEntity,
  AuctionBidEntity,
  MarketIdempotencyKeyEntity,
  DealEntity,
  MarketDealEventEntity,
];
