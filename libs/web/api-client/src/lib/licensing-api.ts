import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Api } from '../generated/api';
import {
  activateLicence,
  addLicenceCost,
  confirmLicenceMilestone,
  createLicence,
  createPayment,
  exportIncomeStatement$Csv,
  exportIncomeStatement$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet,
  getIncomeStatement,
  getLicence,
  getReceivables,
  listDistributions,
  listLicenceInvoices,
  listLicences,
  submitRoyaltyReport,
  terminateLicence,
} from '../generated/functions';
import type { ListLicences$Params } from '../generated/fn/licensing/list-licences';
import type {
  CreateLicenceDto,
  CreatePaymentDto,
  DistributionEntryDto,
  IncomeStatementDto,
  InvoiceDto,
  LicenceCostDto,
  LicenceDetailDto,
  LicencePageDto,
  LicenceSummaryDto,
  PaymentDto,
  ReceivablesDto,
  RoyaltyReportDto,
  RoyaltyReportInputDto,
  TerminateLicenceDto,
} from '../generated/models';

export type LicenceSummaryView = LicenceSummaryDto;
export type LicenceDetailView = LicenceDetailDto;
export type LicencePageView = LicencePageDto;
export type InvoiceView = InvoiceDto;
export type PaymentView = PaymentDto;
export type DistributionEntryView = DistributionEntryDto;
export type ReceivablesView = ReceivablesDto;
export type IncomeStatementView = IncomeStatementDto;
export type RoyaltyReportView = RoyaltyReportDto;
export type RoyaltyReportInput = RoyaltyReportInputDto;
export type PaymentInput = CreatePaymentDto;
export type LicenceCostInput = LicenceCostDto;
export type LicenceInput = CreateLicenceDto;
export type TerminateLicenceInput = TerminateLicenceDto;
export interface LicenceListParams {
  page?: number;
  pageSize?: number;
  status?: ListLicences$Params['status'];
  role?: ListLicences$Params['role'];
  q?: string;
}

/** Licensing (API.md "Licensing") through the generated client: licences, reports, invoices, payments, statements. */
@Injectable({ providedIn: 'root' })
export class LicensingApi {
  private readonly api = inject(Api);

  licences(params: LicenceListParams, context?: HttpContext): Promise<LicencePageView> {
    return this.api.invoke(listLicences, params, context);
  }

  licence(id: string, context?: HttpContext): Promise<LicenceDetailView> {
    return this.api.invoke(getLicence, { id }, context);
  }

  /** A TTO manager records the licence of a deal made off the platform; it starts as a draft. */
  createLicence(body: LicenceInput, context?: HttpContext): Promise<LicenceDetailView> {
    return this.api.invoke(createLicence, { body }, context);
  }

  /** The licensor's TTO: draft → active (invoices then follow the terms). */
  activate(id: string, context?: HttpContext): Promise<LicenceDetailView> {
    return this.api.invoke(activateLicence, { id }, context);
  }

  /** The licensor's TTO ends a draft or active licence, giving the reason (audited). */
  terminate(id: string, body: TerminateLicenceInput, context?: HttpContext): Promise<LicenceDetailView> {
    return this.api.invoke(terminateLicence, { id, body }, context);
  }

  /** The licensor confirms a milestone; its invoice follows (issued by the worker). */
  confirmMilestone(id: string, milestoneId: string, context?: HttpContext): Promise<LicenceDetailView> {
    return this.api.invoke(confirmLicenceMilestone, { id, mid: milestoneId }, context);
  }

  reportRoyalty(id: string, body: RoyaltyReportInput, context?: HttpContext): Promise<RoyaltyReportView> {
    return this.api.invoke(submitRoyaltyReport, { id, body }, context);
  }

  invoices(id: string, context?: HttpContext): Promise<InvoiceView[]> {
    return this.api.invoke(listLicenceInvoices, { id }, context).then((r) => r.items);
  }

  /** `idempotencyKey`: one per payment attempt (dialog opening); a retry of that attempt reuses it. */
  pay(body: PaymentInput, idempotencyKey: string, context?: HttpContext): Promise<PaymentView> {
    return this.api.invoke(createPayment, { body, 'idempotency-key': idempotencyKey }, context);
  }

  distributions(licenceId: string, context?: HttpContext): Promise<DistributionEntryView[]> {
    return this.api.invoke(listDistributions, { licenceId }, context).then((r) => r.items);
  }

  addCost(id: string, body: LicenceCostInput, context?: HttpContext): Promise<LicenceDetailView> {
    return this.api.invoke(addLicenceCost, { id, body }, context);
  }

  /** The institution's open invoices; without `organizationId` the caller's (first) institution. */
  receivables(organizationId?: string, context?: HttpContext): Promise<ReceivablesView> {
    return this.api.invoke(getReceivables, organizationId ? { organizationId } : {}, context);
  }

  /** The caller's own income lines, or with `organizationId` its institution's (TTO manager). */
  income(organizationId?: string, context?: HttpContext): Promise<IncomeStatementView> {
    return this.api.invoke(getIncomeStatement, organizationId ? { organizationId } : {}, context);
  }

  exportIncome(format: 'csv' | 'xlsx', organizationId?: string, context?: HttpContext): Promise<Blob> {
    const fn = format === 'csv' ? exportIncomeStatement$Csv : exportIncomeStatement$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet;
    return this.api.invoke(fn, { format, ...(organizationId ? { organizationId } : {}) }, context) as Promise<unknown> as Promise<Blob>;
  }
}
