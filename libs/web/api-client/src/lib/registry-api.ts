import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Api } from '../generated/api';
import {
  acceptContract,
  amendContract,
  attachToContract,
  contractAttachment,
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
import type {
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

/** Registry (API.md "Registry"): technology contracts, certificates, bulk import and statistics. */
@Injectable({ providedIn: 'root' })
export class RegistryApi {
  private readonly api = inject(Api);

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
}
