import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Api } from '../generated/api';
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
import type { ListDemands$Params } from '../generated/fn/brokerage/list-demands';
import type { ListDealRooms$Params } from '../generated/fn/brokerage/list-deal-rooms';
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

/** Brokerage (API.md "Brokerage"): demands and matches, brokers and their credit, deal rooms. */
@Injectable({ providedIn: 'root' })
export class BrokerageApi {
  private readonly api = inject(Api);

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
