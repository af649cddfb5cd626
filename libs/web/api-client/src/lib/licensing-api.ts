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

  licences(context?: HttpContext): Promise<LicenceSummaryView[]> {
    return firstValueFrom(this.http.get<{ items: LicenceSummaryView[] }>('/api/licences', { context })).then((r) => r.items);
  }

  licence(id: string, context?: HttpContext): Promise<LicenceDetailView> {
    return firstValueFrom(this.http.get<LicenceDetailView>(`/api/licences/${id}`, { context }));
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

  receivables(context?: HttpContext): Promise<ReceivablesView> {
    return firstValueFrom(this.http.get<ReceivablesView>('/api/licensing/receivables', { context }));
  }

  income(context?: HttpContext): Promise<IncomeStatementView> {
    return firstValueFrom(this.http.get<IncomeStatementView>('/api/licensing/income', { context }));
  }

  exportIncome(format: 'csv' | 'xlsx', context?: HttpContext): Promise<Blob> {
    return firstValueFrom(this.http.get('/api/licensing/income/export', { params: { format }, responseType: 'blob', context }));
  }
}
