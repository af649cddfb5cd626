import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { DistributionEntryView } from '@ttx/web/api-client';
import { LanguageService } from '@ttx/web/core';
import { NzTableModule } from 'ng-zorro-antd/table';
import { bpToPct, groupByPayment, yuan } from './licensing-format';

/** Each payment and how it was split (deal costs, broker, inventors, TTO, institution); the lines of a payment sum to it. */
@Component({
  selector: 'ttx-distribution-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, NzTableModule],
  template: `
    @for (g of groups(); track g.paymentId) {
      <nz-table [nzData]="g.entries" [nzFrontPagination]="false" nzSize="small" [nzTitle]="title" data-testid="payment-group" [attr.data-payment-id]="g.paymentId">
        <ng-template #title>
          <span data-testid="payment-heading">{{ 'licensing.distribution.payment' | transloco: { amount: money(g.paymentAmount), date: g.paidAt.slice(0, 10) } }}</span>
        </ng-template>
        <thead>
          <tr>
            <th>{{ 'licensing.distribution.recipientType' | transloco }}</th>
            <th>{{ 'licensing.distribution.recipient' | transloco }}</th>
            <th nzAlign="right">{{ 'licensing.distribution.share' | transloco }}</th>
            <th nzAlign="right">{{ 'licensing.distribution.amount' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (e of g.entries; track $index) {
            <tr data-testid="distribution-row">
              <td>{{ 'licensing.recipient.' + e.recipientType | transloco }}</td>
              <td>{{ e.recipientName }}</td>
              <td nzAlign="right">{{ pct(e.share) }}%</td>
              <td nzAlign="right">{{ money(e.amount) }}</td>
            </tr>
          }
          <tr class="total">
            <td colspan="3">{{ 'licensing.distribution.total' | transloco }}</td>
            <td nzAlign="right" data-testid="payment-total">{{ money(g.total) }}</td>
          </tr>
        </tbody>
      </nz-table>
    } @empty {
      <p data-testid="distribution-empty">{{ 'licensing.distribution.empty' | transloco }}</p>
    }
  `,
  styles: `.total td { font-weight: 600; } nz-table { margin-bottom: 16px; display: block; }`,
})
export class DistributionTable {
  private readonly language = inject(LanguageService);
  readonly entries = input.required<DistributionEntryView[]>();
  protected readonly groups = computed(() => groupByPayment(this.entries()));

  protected money(fen: number): string {
    return yuan(fen, this.language.lang());
  }
  protected pct(bp: number): string {
    return bpToPct(bp);
  }
}
