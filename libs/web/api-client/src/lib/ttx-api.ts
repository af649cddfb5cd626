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
  answerObjection,
  createConsent,
  createDecision,
  createEmpowerment,
  createObjection,
  createNegativeRule,
  deleteNegativeRule,
  listNegativeRules,
  listPolicyVersions,
  putPolicy,
  getDisclosure,
  getEmpowerment,
  getOwnership,
  getPolicy,
  listAchievementEmpowerments,
  listDisclosures,
  listEmpowerments,
  withdrawEmpowerment,
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
  acceptContract,
  attachToContract,
  contractAttachment,
  amendContract,
  contractCertificate,
  contractStats,
  createContract,
  exportContractStats$Csv,
  exportContractStats$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet,
  getContract,
  getRegistrySettings,
  importStatus,
  importTemplate$Csv,
  importTemplate$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet,
  listContracts,
  registerContract,
  rejectContract,
  startImport,
  submitContract,
  terminateContract,
  verifyCertificate,
} from '../generated/functions';
import type { ListContracts$Params } from '../generated/fn/registry/list-contracts';
import type { ContractStats$Params } from '../generated/fn/registry/contract-stats';
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
import type { ListDisclosures$Params } from '../generated/fn/disclosures/list-disclosures';
import type { ListEmpowerments$Params } from '../generated/fn/rights/list-empowerments';
import type { ListListings$Params } from '../generated/fn/market/list-listings';
import type {
  AchievementDto,
  AchievementPageDto,
  AchievementSummaryDto,
  AchievementAttachmentDto,
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
  ChecklistDto,
  CreateDecisionDto,
  CreateEmpowermentDto,
  DisclosureDetailDto,
  DisclosureDto,
  DisclosurePageDto,
  EmpowermentDto,
  EmpowermentPageDto,
  EmpowermentSummaryDto,
  NdaAcceptanceDto,
  ObjectionDto,
  OwnershipDto,
  PolicyDto,
  CreateNegativeRuleDto,
  NegativeRuleDto,
  PolicyVersionDto,
  UpdatePolicyDto,
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
  AmendContractDto,
  ContractDto,
  ContractPageDto,
  ContractSummaryDto,
  CreateContractDto,
  ImportStatusDto,
  RegistrySettingsDto,
  RejectContractDto,
  RiskWarningDto,
  StatsItemDto,
  VerifyResultDto,
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
export type AttachmentView = AchievementAttachmentDto;
export type AchievementSearchParams = SearchAchievements$Params;
export type AchievementStatus = NonNullable<ListMyAchievements$Params['status']>;
export type DisclosureView = DisclosureDto;
export type DisclosureDetailView = DisclosureDetailDto;
export type DisclosurePageView = DisclosurePageDto;
export type DisclosureListParams = { page?: number; pageSize?: number; kind?: ListDisclosures$Params['kind']; status?: ListDisclosures$Params['status'] };
export type ObjectionView = ObjectionDto;
export type PolicyView = PolicyDto;
export type EmpowermentView = EmpowermentDto;
export type EmpowermentSummaryView = EmpowermentSummaryDto;
export type EmpowermentPageView = EmpowermentPageDto;
export type EmpowermentInput = CreateEmpowermentDto;
export type EmpowermentListParams = { page?: number; pageSize?: number; scope?: ListEmpowerments$Params['scope']; status?: ListEmpowerments$Params['status'] };
export type DecisionInput = CreateDecisionDto;
export type ChecklistInput = ChecklistDto;
export type OwnershipView = OwnershipDto;
export type PolicyInput = UpdatePolicyDto;
export type PolicyVersionView = PolicyVersionDto;
export type NegativeRuleView = NegativeRuleDto;
export type NegativeRuleInput = CreateNegativeRuleDto;
export type ContractView = ContractDto;
export type ContractSummaryView = ContractSummaryDto;
export type ContractPageView = ContractPageDto;
export type ContractInput = CreateContractDto;
export type ContractAmendment = AmendContractDto;
export type ContractRejection = RejectContractDto;
export type ContractStatus = NonNullable<ListContracts$Params['status']>;
export type RiskWarningView = RiskWarningDto;
export type ImportStatusView = ImportStatusDto;
export type StatsItemView = StatsItemDto;
export type StatsParams = ContractStats$Params;
export type VerifyResultView = VerifyResultDto;
export type RegistrySettingsView = RegistrySettingsDto;
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

  // ---------- disclosures (公示) ----------

  disclosures(params: DisclosureListParams, context?: HttpContext): Promise<DisclosurePageView> {
    return this.api.invoke(listDisclosures, params, context);
  }

  disclosure(id: string, context?: HttpContext): Promise<DisclosureDetailView> {
    return this.api.invoke(getDisclosure, { id }, context);
  }

  objectTo(id: string, text: string, context?: HttpContext): Promise<ObjectionView> {
    return this.api.invoke(createObjection, { id, body: { text } }, context);
  }

  // ---------- rights ----------

  policy(institutionId: string, context?: HttpContext): Promise<PolicyView> {
    return this.api.invoke(getPolicy, { id: institutionId }, context);
  }

  updatePolicy(institutionId: string, body: PolicyInput, context?: HttpContext): Promise<PolicyView> {
    return this.api.invoke(putPolicy, { id: institutionId, body }, context);
  }

  policyVersions(institutionId: string, context?: HttpContext): Promise<PolicyVersionView[]> {
    return this.api.invoke(listPolicyVersions, { id: institutionId }, context);
  }

  negativeList(institutionId: string, context?: HttpContext): Promise<NegativeRuleView[]> {
    return this.api.invoke(listNegativeRules, { id: institutionId }, context);
  }

  addNegativeRule(institutionId: string, body: NegativeRuleInput, context?: HttpContext): Promise<NegativeRuleView> {
    return this.api.invoke(createNegativeRule, { id: institutionId, body }, context);
  }

  async removeNegativeRule(institutionId: string, ruleId: string, context?: HttpContext): Promise<void> {
    await this.api.invoke(deleteNegativeRule, { id: institutionId, ruleId }, context);
  }

  ownership(achievementId: string, context?: HttpContext): Promise<OwnershipView> {
    return this.api.invoke(getOwnership, { id: achievementId }, context);
  }

  achievementEmpowerments(achievementId: string, context?: HttpContext): Promise<EmpowermentSummaryView[]> {
    return this.api.invoke(listAchievementEmpowerments, { id: achievementId }, context);
  }

  applyForEmpowerment(achievementId: string, body: EmpowermentInput, context?: HttpContext): Promise<EmpowermentView> {
    return this.api.invoke(createEmpowerment, { id: achievementId, body }, context);
  }

  empowerments(params: EmpowermentListParams, context?: HttpContext): Promise<EmpowermentPageView> {
    return this.api.invoke(listEmpowerments, params, context);
  }

  empowerment(id: string, context?: HttpContext): Promise<EmpowermentView> {
    return this.api.invoke(getEmpowerment, { id }, context);
  }

  consent(id: string, body: { inventorPosition?: number; evidence?: string } = {}, context?: HttpContext): Promise<EmpowermentView> {
    return this.api.invoke(createConsent, { id, body }, context);
  }

  decide(id: string, body: DecisionInput, context?: HttpContext): Promise<EmpowermentView> {
    return this.api.invoke(createDecision, { id, body }, context);
  }

  answerObjection(id: string, objectionId: string, body: { status: 'upheld' | 'dismissed'; reasons: string }, context?: HttpContext): Promise<ObjectionView> {
    return this.api.invoke(answerObjection, { id, objectionId, body }, context);
  }

  withdrawEmpowerment(id: string, context?: HttpContext): Promise<EmpowermentView> {
    return this.api.invoke(withdrawEmpowerment, { id }, context);
  }

  // ---------- registry ----------

  contracts(params: { status?: ContractStatus; page?: number; pageSize?: number }, context?: HttpContext): Promise<ContractPageView> {
    return this.api.invoke(listContracts, params, context);
  }

  contract(id: string, context?: HttpContext): Promise<ContractView> {
    return this.api.invoke(getContract, { id }, context);
  }

  createContract(body: ContractInput, context?: HttpContext): Promise<ContractView> {
    return this.api.invoke(createContract, { body }, context);
  }

  submitContract(id: string, context?: HttpContext): Promise<ContractView> {
    return this.api.invoke(submitContract, { id }, context);
  }

  acceptContract(id: string, context?: HttpContext): Promise<ContractView> {
    return this.api.invoke(acceptContract, { id }, context);
  }

  /** `idempotencyKey`: one per registration attempt, reused on a retry of the same attempt. */
  registerContract(id: string, idempotencyKey: string, context?: HttpContext): Promise<ContractView> {
    return this.api.invoke(registerContract, { id, 'Idempotency-Key': idempotencyKey }, context);
  }

  rejectContract(id: string, body: ContractRejection, context?: HttpContext): Promise<ContractView> {
    return this.api.invoke(rejectContract, { id, body }, context);
  }

  amendContract(id: string, body: ContractAmendment, context?: HttpContext): Promise<ContractView> {
    return this.api.invoke(amendContract, { id, body }, context);
  }

  terminateContract(id: string, note: string, context?: HttpContext): Promise<ContractView> {
    return this.api.invoke(terminateContract, { id, body: { note } }, context);
  }

  contractCertificate(id: string, context?: HttpContext): Promise<Blob> {
    return this.api.invoke(contractCertificate, { id }, context) as Promise<unknown> as Promise<Blob>;
  }

  attachToContract(id: string, file: Blob, context?: HttpContext): Promise<ContractView> {
    return this.api.invoke(attachToContract, { id, body: { file } }, context);
  }

  contractAttachment(id: string, attachmentId: string, context?: HttpContext): Promise<Blob> {
    return this.api.invoke(contractAttachment, { id, attachmentId }, context) as Promise<unknown> as Promise<Blob>;
  }

  verifyCertificate(code: string, context?: HttpContext): Promise<VerifyResultView> {
    return this.api.invoke(verifyCertificate, { code }, context);
  }

  startContractImport(file: Blob, context?: HttpContext): Promise<{ importId: string }> {
    return this.api.invoke(startImport, { body: { file } }, context);
  }

  contractImport(id: string, context?: HttpContext): Promise<ImportStatusView> {
    return this.api.invoke(importStatus, { id }, context);
  }

  contractImportTemplate(format: 'csv' | 'xlsx', context?: HttpContext): Promise<Blob> {
    const fn = format === 'csv' ? importTemplate$Csv : importTemplate$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet;
    return this.api.invoke(fn, { format }, context) as Promise<unknown> as Promise<Blob>;
  }

  contractStats(params: StatsParams, context?: HttpContext): Promise<StatsItemView[]> {
    return this.api.invoke(contractStats, params, context).then((r) => r.items);
  }

  exportContractStats(params: StatsParams, format: 'csv' | 'xlsx', context?: HttpContext): Promise<Blob> {
    const fn = format === 'csv' ? exportContractStats$Csv : exportContractStats$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet;
    return this.api.invoke(fn, { ...params, format }, context) as Promise<unknown> as Promise<Blob>;
  }

  registrySettings(context?: HttpContext): Promise<RegistrySettingsView> {
    return this.api.invoke(getRegistrySettings, undefined, context);
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
