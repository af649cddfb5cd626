import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Api } from '../generated/api';
import {
  acceptAchievementNda,
  archiveAchievement,
  createAchievement,
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
  withdrawAchievement,
} from '../generated/functions';
import {
  acceptDealRoomNda,
  agreeDealRoomCommission,
  closeDealRoom,
  createDemand,
  getBroker,
  getDealRoom,
  getDemand,
  getMyBrokerProfile,
  inviteDealRoomMember,
  listAchievementDemands,
  listBrokers,
  listCreditEvents,
  listDealRoomDocuments,
  listDealRoomMessages,
  listDealRooms,
  listDemandMatches,
  listDemands,
  makeDealRoomOffer,
  openDealRoom,
  postDealRoomMessage,
  proposeDealRoomCommission,
  recordCreditEvent,
  reverseCreditEvent,
  satisfyDemand,
  updateDealRoomChecklist,
} from '../generated/functions';
import type {
  AchievementMatchListDto,
  BrokerDto,
  BrokerPageDto,
  CommissionDto,
  CreateDemandDto,
  CreditEventDto,
  CreditEventListDto,
  DemandDto,
  DemandMatchListDto,
  DemandPageDto,
  RecordCreditEventDto,
  RoomDocumentListDto,
  RoomDto,
  RoomListDto,
  RoomMessageDto,
  RoomMessageListDto,
  RoomOfferDto,
  RoomOfferViewDto,
} from '../generated/models';
import type { ListDemands$Params } from '../generated/fn/brokerage/list-demands';
import type { ListDealRooms$Params } from '../generated/fn/brokerage/list-deal-rooms';
import type { ListMyAchievements$Params } from '../generated/fn/catalog/list-my-achievements';
import type { SearchAchievements$Params } from '../generated/fn/catalog/search-achievements';
import type {
  AchievementDto,
  AchievementPageDto,
  AchievementSummaryDto,
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
export type AchievementSearchParams = SearchAchievements$Params;
export type AchievementStatus = NonNullable<ListMyAchievements$Params['status']>;

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

  health(context?: HttpContext): Promise<HealthView> {
    return this.api.invoke(health, undefined, context);
  }

  // ---------- brokerage ----------

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
