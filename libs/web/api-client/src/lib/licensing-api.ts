import { HttpClient, HttpContext, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { DistributionEntry, IncomeStatement, Invoice, LicenceDetail, LicenceSummary, Payment, Receivables, RoyaltyReport } from '@ttx/shared/contracts';
import { firstValueFrom } from 'rxjs';

export type LicenceSummaryView = LicenceSummary;
export type LicenceDetailView = LicenceDetail;
export type InvoiceView = Invoice;
export type PaymentView = Payment;
export type DistributionEntryView = DistributionEntry;
export type ReceivablesView = Receivables;
export type IncomeStatementView = IncomeStatement;
export type RoyaltyReportView = RoyaltyReport;
export interface LicencePageView {
  items: LicenceSummaryView[];
  total: number;
  page: number;
  pageSize: number;
}
export interface LicenceListParams {
  page?: number;
  pageSize?: number;
  status?: LicenceSummary['status'];
}
export interface RoyaltyReportInput {
  period: string;
  netSales: number;
}
export interface PaymentInput {
  invoiceId: string;
  amount: number;
  reference?: string;
}
export interface LicenceCostInput {
  amount: number;
  description: string;
}

/** Licensing (API.md "Licensing"): the web's one entry point to the licences, invoices, payments and statements. */
@Injectable({ providedIn: 'root' })
export class LicensingApi {
  private readonly http = inject(HttpClient);

  licences(params: LicenceListParams, context?: HttpContext): Promise<LicencePageView> {
    return firstValueFrom(this.http.get<LicencePageView>('/api/licences', { params: { ...params }, context }));
  }

  licence(id: string, context?: HttpContext): Promise<LicenceDetailView> {
    return firstValueFrom(this.http.get<LicenceDetailView>(`/api/licences/${id}`, { context }));
  }

  /** The licensor confirms a milestone; its invoice follows (issued by the worker). */
  confirmMilestone(id: string, milestoneId: string, context?: HttpContext): Promise<LicenceDetailView> {
    return firstValueFrom(this.http.post<LicenceDetailView>(`/api/licences/${id}/milestones/${milestoneId}/confirm`, {}, { context }));
  }

  reportRoyalty(id: string, body: RoyaltyReportInput, context?: HttpContext): Promise<RoyaltyReportView> {
    return firstValueFrom(this.http.post<RoyaltyReportView>(`/api/licences/${id}/royalty-reports`, body, { context }));
  }

  invoices(id: string, context?: HttpContext): Promise<InvoiceView[]> {
    return firstValueFrom(this.http.get<{ items: InvoiceView[] }>(`/api/licences/${id}/invoices`, { context })).then((r) => r.items);
  }

  /** `idempotencyKey`: one per payment attempt (dialog opening); a retry of that attempt reuses it. */
  pay(body: PaymentInput, idempotencyKey: string, context?: HttpContext): Promise<PaymentView> {
    const headers = new HttpHeaders({ 'Idempotency-Key': idempotencyKey });
    return firstValueFrom(this.http.post<PaymentView>('/api/payments', body, { headers, context }));
  }

  distributions(licenceId: string, context?: HttpContext): Promise<DistributionEntryView[]> {
    return firstValueFrom(this.http.get<{ items: DistributionEntryView[] }>('/api/distributions', { params: { licenceId }, context })).then((r) => r.items);
  }

  addCost(id: string, body: LicenceCostInput, context?: HttpContext): Promise<unknown> {
    return firstValueFrom(this.http.post(`/api/licences/${id}/costs`, body, { context }));
  }

  /** The institution's open invoices; without `organizationId` the caller's (first) institution. */
  receivables(organizationId?: string, context?: HttpContext): Promise<ReceivablesView> {
    return firstValueFrom(this.http.get<ReceivablesView>('/api/licensing/receivables', { params: orgParam(organizationId), context }));
  }

  /** The caller's own income lines, or with `organizationId` its institution's (TTO manager). */
  income(organizationId?: string, context?: HttpContext): Promise<IncomeStatementView> {
    return firstValueFrom(this.http.get<IncomeStatementView>('/api/licensing/income', { params: orgParam(organizationId), context }));
  }

  exportIncome(format: 'csv' | 'xlsx', organizationId?: string, context?: HttpContext): Promise<Blob> {
    return firstValueFrom(this.http.get('/api/licensing/income/export', { params: { format, ...orgParam(organizationId) }, responseType: 'blob', context }));
  }
}

const orgParam = (organizationId?: string): Record<string, string> => (organizationId ? { organizationId } : {});
