import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Api } from '../generated/api';
import {
  acceptAchievementNda,
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
export type AchievementSearchParams = SearchAchievements$Params;
export type AchievementStatus = NonNullable<ListMyAchievements$Params['status']>;
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
}
