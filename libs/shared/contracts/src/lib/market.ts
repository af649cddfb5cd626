/** DOMAIN.md §3: how an achievement is put on the market and how its price is found. */
export const LISTING_METHODS = ['negotiation', 'fixed_price', 'auction', 'open_licence'] as const;
export type ListingMethod = (typeof LISTING_METHODS)[number];

/** What changes hands (joint development is not sold on the market). */
export const MARKET_DEAL_TYPES = ['transfer', 'licence', 'equity'] as const;
export type MarketDealType = (typeof MARKET_DEAL_TYPES)[number];

export const LICENCE_SCOPES = ['exclusive', 'sole', 'non_exclusive'] as const;
export type LicenceScope = (typeof LICENCE_SCOPES)[number];

/** open → sold | unsold | withdrawn; a fixed-price listing with two or more intents becomes `auction`. */
export const LISTING_STATUSES = ['open', 'auction', 'sold', 'unsold', 'withdrawn'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const AUCTION_KINDS = ['english', 'sealed'] as const;
export type AuctionKind = (typeof AUCTION_KINDS)[number];

export const AUCTION_STATUSES = ['scheduled', 'open', 'closed', 'cancelled'] as const;
export type AuctionStatus = (typeof AUCTION_STATUSES)[number];

export const AUCTION_OUTCOMES = ['sold', 'unsold'] as const;
export type AuctionOutcome = (typeof AUCTION_OUTCOMES)[number];

export const BIDDER_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type BidderStatus = (typeof BIDDER_STATUSES)[number];

export const OFFER_STATUSES = ['open', 'countered', 'accepted', 'rejected'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export type OfferSide = 'buyer' | 'seller';

/** Patent Law art. 50: the fee of an open licence (专利开放许可). */
export const OPEN_LICENCE_FEE_TYPES = ['lump_sum', 'royalty', 'upfront_royalty'] as const;
export type OpenLicenceFeeType = (typeof OPEN_LICENCE_FEE_TYPES)[number];

/** Socket.io namespace and the events of room `auction:<id>`. */
export const LIVE_NAMESPACE = '/live';
export const auctionRoom = (auctionId: string) => `auction:${auctionId}`;

/** Sent to everyone in the room; never names the bidder (bidders are anonymised to others). */
export interface AuctionBidEvent {
  auctionId: string;
  amount: number | null;
  endsAt: string;
  bidCount: number;
  extended: boolean;
  at: string;
}

export interface AuctionClosedEvent {
  auctionId: string;
  outcome: AuctionOutcome;
  amount: number | null;
  dealId: string | null;
}

/**
 * The domain event other contexts subscribe to (licensing: draft licence; registry: draft contract).
 * Also persisted in `market_deal_events` for consumers that poll.
 */
export interface DealCreatedEvent {
  type: 'deal.created';
  dealId: string;
  listingId: string;
  achievementId: string;
  method: ListingMethod;
  dealType: MarketDealType;
  licenceScope: LicenceScope | null;
  priceFen: number;
  buyerPremiumFen: number;
  sellerOrganizationId: string;
  buyerOrganizationId: string;
  createdAt: string;
}
