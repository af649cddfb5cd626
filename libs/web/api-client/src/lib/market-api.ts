import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Api } from '../generated/api';
import {
  acceptOffer,
  counterOffer,
  createListing,
  decideBidder,
  getAuction,
  getListing,
  getMyAuctionStatus,
  listAuctionBids,
  listAuctionBidsForMe,
  listBidders,
  listListingIntents,
  listListingOffers,
  listListings,
  listMyDeals,
  listMyListings,
  listOfferInbox,
  makeOffer,
  placeBid,
  registerBidder,
  rejectOffer,
  takeListing,
  withdrawListing,
} from '../generated/functions';
import type { ListListings$Params } from '../generated/fn/market/list-listings';
import type {
  AuctionDto,
  BidAcceptedDto,
  BidderDto,
  BidViewDto,
  CreateListingDto,
  DealDto,
  IntentViewDto,
  ListingDto,
  ListingPageDto,
  MyAuctionDto,
  OfferViewDto,
  TakeResultDto,
} from '../generated/models';

export type ListingView = ListingDto;
export type ListingPageView = ListingPageDto;
export type ListingInput = CreateListingDto;
export type ListingQuery = ListListings$Params;
export type AuctionView = AuctionDto;
export type BidAcceptedView = BidAcceptedDto;
export type BidView = BidViewDto;
export type BidderView = BidderDto;
export type MyAuctionView = MyAuctionDto;
export type OfferView = OfferViewDto;
export type IntentView = IntentViewDto;
export type TakeResultView = TakeResultDto;
export type DealView = DealDto;

/** Market (API.md "Market"): listings, offers, auctions and bids, deals. */
@Injectable({ providedIn: 'root' })
export class MarketApi {
  private readonly api = inject(Api);

  listings(params: ListingQuery, context?: HttpContext): Promise<ListingPageView> {
    return this.api.invoke(listListings, params, context);
  }

  myListings(params: ListingQuery, context?: HttpContext): Promise<ListingPageView> {
    return this.api.invoke(listMyListings, params, context);
  }

  listing(id: string, context?: HttpContext): Promise<ListingView> {
    return this.api.invoke(getListing, { id }, context);
  }

  createListing(body: ListingInput, context?: HttpContext): Promise<ListingView> {
    return this.api.invoke(createListing, { body }, context);
  }

  withdrawListing(id: string, context?: HttpContext): Promise<ListingView> {
    return this.api.invoke(withdrawListing, { id }, context);
  }

  /** Fixed price: registers an intent; open licence: takes the licence at once. */
  takeListing(id: string, context?: HttpContext): Promise<TakeResultView> {
    return this.api.invoke(takeListing, { id, body: {} }, context);
  }

  listingIntents(id: string, context?: HttpContext): Promise<IntentView[]> {
    return this.api.invoke(listListingIntents, { id }, context);
  }

  makeOffer(id: string, price: number, terms?: string, context?: HttpContext): Promise<OfferView> {
    return this.api.invoke(makeOffer, { id, body: { price, ...(terms ? { terms } : {}) } }, context);
  }

  listingOffers(id: string, context?: HttpContext): Promise<OfferView[]> {
    return this.api.invoke(listListingOffers, { id }, context);
  }

  offerInbox(context?: HttpContext): Promise<OfferView[]> {
    return this.api.invoke(listOfferInbox, undefined, context);
  }

  counterOffer(id: string, price: number, terms?: string, context?: HttpContext): Promise<OfferView> {
    return this.api.invoke(counterOffer, { id, body: { price, ...(terms ? { terms } : {}) } }, context);
  }

  acceptOffer(id: string, context?: HttpContext): Promise<OfferView> {
    return this.api.invoke(acceptOffer, { id }, context);
  }

  rejectOffer(id: string, context?: HttpContext): Promise<OfferView> {
    return this.api.invoke(rejectOffer, { id }, context);
  }

  auction(id: string, context?: HttpContext): Promise<AuctionView> {
    return this.api.invoke(getAuction, { id }, context);
  }

  /** Signed-in callers get their own bids marked; anonymous callers the public history. */
  auctionBids(id: string, signedIn: boolean, context?: HttpContext): Promise<BidView[]> {
    return signedIn ? this.api.invoke(listAuctionBidsForMe, { id }, context) : this.api.invoke(listAuctionBids, { id }, context);
  }

  myAuctionStatus(id: string, context?: HttpContext): Promise<MyAuctionView> {
    return this.api.invoke(getMyAuctionStatus, { id }, context);
  }

  registerBidder(id: string, deposit?: number, context?: HttpContext): Promise<MyAuctionView> {
    return this.api.invoke(registerBidder, { id, body: deposit === undefined ? {} : { deposit } }, context);
  }

  bidders(id: string, context?: HttpContext): Promise<BidderView[]> {
    return this.api.invoke(listBidders, { id }, context);
  }

  decideBidder(id: string, orgId: string, status: 'approved' | 'rejected', context?: HttpContext): Promise<BidderView[]> {
    return this.api.invoke(decideBidder, { id, orgId, body: { status } }, context);
  }

  /** `idempotencyKey` is generated once per bid attempt by the caller, so a retried request cannot bid twice. */
  placeBid(id: string, amount: number, idempotencyKey: string, context?: HttpContext): Promise<BidAcceptedView> {
    return this.api.invoke(placeBid, { id, 'idempotency-key': idempotencyKey, body: { amount } }, context);
  }

  myDeals(context?: HttpContext): Promise<DealView[]> {
    return this.api.invoke(listMyDeals, undefined, context);
  }
}
