import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { InvoiceView, PaymentView } from '@ttx/web/api-client';
import { LanguageService } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { INVOICE_STATUS_COLOURS, yuan } from './licensing-format';
import { PayDialog } from './pay-dialog';

/** A licence's invoices with status and overdue flags; the licensee pays from here. */
@Component({
  selector: 'ttx-invoice-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, NzButtonModule, NzTableModule, NzTagModule, PayDialog],
  template: `
    <nz-table [nzData]="invoices()" [nzFrontPagination]="false" nzSize="small" [nzNoResult]="'licensing.invoices.empty' | transloco" data-testid="invoice-table">
      <thead>
        <tr>
          <th>{{ 'licensing.invoices.number' | transloco }}</th>
          <th>{{ 'licensing.invoices.kind' | transloco }}</th>
          <th>{{ 'licensing.invoices.period' | transloco }}</th>
          <th nzAlign="right">{{ 'licensing.invoices.amount' | transloco }}</th>
          <th nzAlign="right">{{ 'licensing.invoices.paid' | transloco }}</th>
          <th nzAlign="right">{{ 'licensing.invoices.outstanding' | transloco }}</th>
          <th>{{ 'licensing.invoices.dueOn' | transloco }}</th>
          <th>{{ 'licensing.invoices.status' | transloco }}</th>
          @if (canPay()) { <th></th> }
        </tr>
      </thead>
      <tbody>
        @for (inv of invoices(); track inv.id) {
          <tr data-testid="invoice-row" [attr.data-invoice-id]="inv.id">
            <td>{{ inv.number }}</td>
            <td>{{ 'licensing.invoiceKind.' + inv.kind | transloco }}</td>
            <td>{{ inv.periodKey }}</td>
            <td nzAlign="right" data-testid="invoice-amount">{{ money(inv.amount) }}</td>
            <td nzAlign="right">{{ money(inv.paid) }}</td>
            <td nzAlign="right" data-testid="invoice-outstanding">{{ money(inv.outstanding) }}</td>
            <td>{{ inv.dueOn }}</td>
            <td>
              <nz-tag [nzColor]="colour(inv.status)" data-testid="invoice-status">{{ 'licensing.invoiceStatus.' + inv.status | transloco }}</nz-tag>
              @if (inv.overdue) { <nz-tag nzColor="red" data-testid="invoice-overdue">{{ 'licensing.invoices.overdue' | transloco }}</nz-tag> }
            </td>
            @if (canPay()) {
              <td>
                @if (inv.outstanding > 0) {
                  <button nz-button nzType="primary" nzSize="small" (click)="paying.set(inv)" data-testid="invoice-pay">{{ 'licensing.pay.open' | transloco }}</button>
                }
              </td>
            }
          </tr>
        }
      </tbody>
    </nz-table>
    <ttx-pay-dialog [invoice]="paying()" (closed)="paying.set(null)" (paid)="onPaid($event)" />
  `,
})
export class InvoiceTable {
  private readonly language = inject(LanguageService);
  readonly invoices = input.required<InvoiceView[]>();
  readonly canPay = input(false);
  readonly paid = output<PaymentView>();
  protected readonly paying = signal<InvoiceView | null>(null);

  protected money(fen: number): string {
    return yuan(fen, this.language.lang());
  }
  protected colour(status: InvoiceView['status']): string {
    return INVOICE_STATUS_COLOURS[status] ?? 'default';
  }
  protected onPaid(p: PaymentView): void {
    this.paying.set(null);
    this.paid.emit(p);
  }
}
