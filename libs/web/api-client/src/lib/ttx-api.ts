import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Api } from '../generated/api';
import {
  acceptDealRoomNda,
  acceptOffer,
  agreeDealRoomCommission,
  closeDealRoom,
  counterOffer,
  createDemand,
  createListing,
  decideBidder,
  getAuction,
  getBroker,
  getDealRoom,
  getDemand,
  getListing,
  getMyAuctionStatus,
  getMyBrokerProfile,
  inviteDealRoomMember,
  listAchievementDemands,
  listAuctionBids,
  listAuctionBidsForMe,
  listBidders,
  listBrokers,
  listCreditEvents,
  listDealRoomDocuments,
  listDealRoomMessages,
  listDealRooms,
  listDemandMatches,
  listDemands,
  listListingIntents,
  listListingOffers,
  listListings,
  listMyDeals,
  listMyListings,
  listOfferInbox,
  makeDealRoomOffer,
  makeOffer,
  openDealRoom,
  placeBid,
  postDealRoomMessage,
  proposeDealRoomCommission,
  recordCreditEvent,
  registerBidder,
  rejectOffer,
  reverseCreditEvent,
  satisfyDemand,
  takeListing,
  updateDealRoomChecklist,
  withdrawListing,
} from '../generated/functions';
import type { ListDemands$Params } from '../generated/fn/brokerage/list-demands';
import type { ListDealRooms$Params } from '../generated/fn/brokerage/list-deal-rooms';
import type { ListListings$Params } from '../generated/fn/market/list-listings';
import type {
  AchievementMatchListDto,
  AuctionDto,
  BidAcceptedDto,
  BidderDto,
  BidViewDto,
  BrokerDto,
  BrokerPageDto,
  CommissionDto,
  CreateDemandDto,
  CreateListingDto,
  CreditEventDto,
  CreditEventListDto,
  DealDto,
  DemandDto,
  DemandMatchListDto,
  DemandPageDto,
  IntentViewDto,
  ListingDto,
  ListingPageDto,
  MyAuctionDto,
  OfferViewDto,
  RecordCreditEventDto,
  RoomDocumentListDto,
  RoomDto,
  RoomListDto,
  RoomMessageDto,
  RoomMessageListDto,
  RoomOfferDto,
  RoomOfferViewDto,
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
export type DemandView = DemandDto;
export type DemandPageView = DemandPageDto;
export type DemandInput = CreateDemandDto;
export type DemandListParams = ListDemands$Params;
export type AchievementMatchListView = AchievementMatchListDto;
export type DemandMatchListView = DemandMatchListDto;
export type BrokerView = BrokerDto;
export type BrokerPageView = BrokerPageDto;
export type CreditEventView = CreditEventDto;
export type CreditEventInput = RecordCreditEventDto;
export type DealRoomView = RoomDto;
export type DealRoomListView = RoomListDto;
export type DealRoomStage = NonNullable<ListDealRooms$Params['stage']>;
export type RoomMessageView = RoomMessageDto;
export type RoomMessageListView = RoomMessageListDto;
export type RoomDocumentListView = RoomDocumentListDto;
export type RoomOfferInput = RoomOfferDto;
export type RoomOfferView = RoomOfferViewDto;
export type CommissionInput = CommissionDto;

/** What the per-context facades do not cover yet (being split per bounded context). */
@Injectable({ providedIn: 'root' })
export class TtxApi {
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

  demands(params: DemandListParams, context?: HttpContext): Promise<DemandPageView> {
    return this.api.invoke(listDemands, params, context);
  }

  demand(id: string, context?: HttpContext): Promise<DemandView> {
    return this.api.invoke(getDemand, { id }, context);
  }

  createDemand(body: DemandInput, context?: HttpContext): Promise<DemandView> {
    return this.api.invoke(createDemand, { body }, context);
  }

  satisfyDemand(id: string, context?: HttpContext): Promise<DemandView> {
    return this.api.invoke(satisfyDemand, { id }, context);
  }

  demandMatches(id: string, limit = 20, context?: HttpContext): Promise<AchievementMatchListView> {
    return this.api.invoke(listDemandMatches, { id, limit }, context);
  }

  achievementDemands(id: string, limit = 20, context?: HttpContext): Promise<DemandMatchListView> {
    return this.api.invoke(listAchievementDemands, { id, limit }, context);
  }

  brokers(params: { page?: number; pageSize?: number; field?: string; q?: string }, context?: HttpContext): Promise<BrokerPageView> {
    return this.api.invoke(listBrokers, params, context);
  }

  broker(id: string, context?: HttpContext): Promise<BrokerView> {
    return this.api.invoke(getBroker, { id }, context);
  }

  myBrokerProfile(context?: HttpContext): Promise<BrokerView> {
    return this.api.invoke(getMyBrokerProfile, undefined, context);
  }

  creditEvents(brokerId: string, context?: HttpContext): Promise<CreditEventListDto> {
    return this.api.invoke(listCreditEvents, { id: brokerId }, context);
  }

  recordCreditEvent(brokerId: string, body: CreditEventInput, context?: HttpContext): Promise<CreditEventView> {
    return this.api.invoke(recordCreditEvent, { id: brokerId, body }, context);
  }

  reverseCreditEvent(id: string, reason: string, context?: HttpContext): Promise<CreditEventView> {
    return this.api.invoke(reverseCreditEvent, { id, body: { reason } }, context);
  }

  dealRooms(stage?: DealRoomStage, context?: HttpContext): Promise<DealRoomListView> {
    return this.api.invoke(listDealRooms, stage ? { stage } : {}, context);
  }

  dealRoom(id: string, context?: HttpContext): Promise<DealRoomView> {
    return this.api.invoke(getDealRoom, { id }, context);
  }

  openDealRoom(demandId: string, achievementId: string, context?: HttpContext): Promise<DealRoomView> {
    return this.api.invoke(openDealRoom, { body: { demandId, achievementId } }, context);
  }

  inviteToDealRoom(id: string, email: string, context?: HttpContext): Promise<DealRoomView> {
    return this.api.invoke(inviteDealRoomMember, { id, body: { email } }, context);
  }

  acceptDealRoomNda(id: string, context?: HttpContext): Promise<DealRoomView> {
    return this.api.invoke(acceptDealRoomNda, { id }, context);
  }

  dealRoomMessages(id: string, since: number, context?: HttpContext): Promise<RoomMessageListView> {
    return this.api.invoke(listDealRoomMessages, { id, since }, context);
  }

  postDealRoomMessage(id: string, body: string, context?: HttpContext): Promise<RoomMessageView> {
    return this.api.invoke(postDealRoomMessage, { id, body: { body } }, context);
  }

  dealRoomDocuments(id: string, context?: HttpContext): Promise<RoomDocumentListView> {
    return this.api.invoke(listDealRoomDocuments, { id }, context);
  }

  checkDealRoomItem(id: string, itemId: string, done: boolean, context?: HttpContext): Promise<DealRoomView> {
    return this.api.invoke(updateDealRoomChecklist, { id, itemId, body: { done } }, context);
  }

  makeDealRoomOffer(id: string, body: RoomOfferInput, context?: HttpContext): Promise<RoomOfferView> {
    return this.api.invoke(makeDealRoomOffer, { id, body }, context);
  }

  proposeCommission(id: string, body: CommissionInput, context?: HttpContext): Promise<DealRoomView> {
    return this.api.invoke(proposeDealRoomCommission, { id, body }, context);
  }

  agreeCommission(id: string, context?: HttpContext): Promise<DealRoomView> {
    return this.api.invoke(agreeDealRoomCommission, { id }, context);
  }

  closeDealRoom(id: string, outcome: 'won' | 'lost', context?: HttpContext): Promise<DealRoomView> {
    return this.api.invoke(closeDealRoom, { id, body: { outcome } }, context);
  }
}
