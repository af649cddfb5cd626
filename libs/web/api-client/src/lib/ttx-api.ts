import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Api } from '../generated/api';
import {
  acceptAchievementNda,
  archiveAchievement,
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
  createAchievement,
  deleteAttachment,
  downloadAttachment,
  getAchievement,
  health,
  listMyAchievements,
  listNotifications,
  listTechnologyFields,
  login,
  logout,
  markNotificationRead,
  me,
  publishAchievement,
  refresh,
  register,
  searchAchievements,
  submitAchievement,
  updateAchievement,
  uploadAttachment,
  withdrawAchievement,
} from '../generated/functions';
import type { ListMyAchievements$Params } from '../generated/fn/catalog/list-my-achievements';
import type { SearchAchievements$Params } from '../generated/fn/catalog/search-achievements';
import type { ListListings$Params } from '../generated/fn/market/list-listings';
import type {
  AchievementDto,
  AchievementPageDto,
  AchievementSummaryDto,
  AttachmentDto,
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
  CreateAchievementDto,
  NdaAcceptanceDto,
  SearchHitDto,
  SearchResultDto,
  TechnologyFieldDto,
  UpdateAchievementDto,
  HealthDto,
  LoginDto,
  MeDto,
  NotificationDto,
  NotificationPageDto,
  RegisterDto,
  TokenPairDto,
  UserDto,
} from '../generated/models';

/**
 * The one place the web app touches the generated client. Types come from the generated models;
 * the aliases keep call sites stable when the OpenAPI document is regenerated.
 */
export type AuthUserView = UserDto;
export type AuthSessionView = TokenPairDto;
export type NotificationView = NotificationDto;
export type NotificationPageView = NotificationPageDto;
export type HealthView = HealthDto;
export type RegisterInput = RegisterDto;
export type LoginInput = LoginDto;
export type MeView = MeDto;
export type AchievementView = AchievementDto;
export type AchievementSummaryView = AchievementSummaryDto;
export type AchievementPageView = AchievementPageDto;
export type AchievementInput = CreateAchievementDto;
export type AchievementPatch = UpdateAchievementDto;
export type SearchHitView = SearchHitDto;
export type SearchResultView = SearchResultDto;
export type TechnologyFieldView = TechnologyFieldDto;
export type NdaAcceptanceView = NdaAcceptanceDto;
export type AttachmentView = AttachmentDto;
export type AchievementSearchParams = SearchAchievements$Params;
export type AchievementStatus = NonNullable<ListMyAchievements$Params['status']>;
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

@Injectable({ providedIn: 'root' })
export class TtxApi {
  private readonly api = inject(Api);

  register(body: RegisterInput, context?: HttpContext): Promise<AuthUserView> {
    return this.api.invoke(register, { body }, context);
  }

  login(body: LoginInput, context?: HttpContext): Promise<AuthSessionView> {
    return this.api.invoke(login, { body }, context);
  }

  refresh(refreshToken: string, context?: HttpContext): Promise<AuthSessionView> {
    return this.api.invoke(refresh, { body: { refreshToken } }, context);
  }

  /** Revokes the refresh token (and every token rotated from the same login) on the server. */
  async logout(refreshToken: string, context?: HttpContext): Promise<void> {
    await this.api.invoke(logout, { body: { refreshToken } }, context);
  }

  me(context?: HttpContext): Promise<MeView> {
    return this.api.invoke(me, undefined, context);
  }

  listNotifications(page: number, pageSize: number, context?: HttpContext): Promise<NotificationPageView> {
    return this.api.invoke(listNotifications, { page, pageSize }, context);
  }

  async markNotificationRead(id: string, context?: HttpContext): Promise<void> {
    await this.api.invoke(markNotificationRead, { id }, context);
  }

  searchAchievements(params: AchievementSearchParams, context?: HttpContext): Promise<SearchResultView> {
    return this.api.invoke(searchAchievements, params, context);
  }

  technologyFields(context?: HttpContext): Promise<TechnologyFieldView[]> {
    return this.api.invoke(listTechnologyFields, undefined, context);
  }

  achievement(id: string, context?: HttpContext): Promise<AchievementView> {
    return this.api.invoke(getAchievement, { id }, context);
  }

  acceptNda(id: string, organizationId?: string, context?: HttpContext): Promise<NdaAcceptanceView> {
    return this.api.invoke(acceptAchievementNda, { id, body: organizationId ? { organizationId } : {} }, context);
  }

  myAchievements(
    params: { status?: AchievementStatus; page?: number; pageSize?: number },
    context?: HttpContext,
  ): Promise<AchievementPageView> {
    return this.api.invoke(listMyAchievements, params, context);
  }

  createAchievement(body: AchievementInput, context?: HttpContext): Promise<AchievementView> {
    return this.api.invoke(createAchievement, { body }, context);
  }

  updateAchievement(id: string, body: AchievementPatch, context?: HttpContext): Promise<AchievementView> {
    return this.api.invoke(updateAchievement, { id, body }, context);
  }

  submitAchievement(id: string, context?: HttpContext): Promise<AchievementView> {
    return this.api.invoke(submitAchievement, { id }, context);
  }

  publishAchievement(id: string, context?: HttpContext): Promise<AchievementView> {
    return this.api.invoke(publishAchievement, { id }, context);
  }

  withdrawAchievement(id: string, context?: HttpContext): Promise<AchievementView> {
    return this.api.invoke(withdrawAchievement, { id }, context);
  }

  archiveAchievement(id: string, context?: HttpContext): Promise<AchievementView> {
    return this.api.invoke(archiveAchievement, { id }, context);
  }

  uploadAttachment(id: string, file: File, context?: HttpContext): Promise<AttachmentView> {
    return this.api.invoke(uploadAttachment, { id, body: { file } }, context);
  }

  downloadAttachment(id: string, attachmentId: string, context?: HttpContext): Promise<Blob> {
    return this.api.invoke(downloadAttachment, { id, attachmentId }, context);
  }

  deleteAttachment(id: string, attachmentId: string, context?: HttpContext): Promise<void> {
    return this.api.invoke(deleteAttachment, { id, attachmentId }, context);
  }

  health(context?: HttpContext): Promise<HealthView> {
    return this.api.invoke(health, undefined, context);
  }

  // ---------- market ----------

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
