import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type IncomeStatementView, LicensingApi } from '@ttx/web/api-client';
import { LanguageService } from '@ttx/web/core';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTableModule } from 'ng-zorro-antd/table';
import { IncomeExport } from './income-export';
import { bpToPct, pickText, yuan } from './licensing-format';

/** "My income": a researcher's share of each licence payment (the TTO sees its organisation's), with the total and export. */
@Component({
  selector: 'ttx-income-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzCardModule, NzTableModule, IncomeExport],
  template: `
    <div class="ttx-page">
      <a routerLink="/licensing">← {{ 'licensing.mine' | transloco }}</a>
      <h1 data-testid="income-heading">{{ 'licensing.income.title' | transloco }}</h1>
      <div class="actions">
        <nz-card><div class="label">{{ 'licensing.income.total' | transloco }}</div><div class="big" data-testid="income-total">{{ money(s()?.total ?? 0) }}</div></nz-card>
        <ttx-income-export />
      </div>
      <nz-table [nzData]="s()?.items ?? []" [nzLoading]="loading()" [nzPageSize]="20" [nzNoResult]="'licensing.income.empty' | transloco" data-testid="income-table">
        <thead>
          <tr>
            <th>{{ 'licensing.income.paidAt' | transloco }}</th>
            <th>{{ 'licensing.col.number' | transloco }}</th>
            <th>{{ 'licensing.col.title' | transloco }}</th>
            <th>{{ 'licensing.distribution.recipientType' | transloco }}</th>
            <th nzAlign="right">{{ 'licensing.income.payment' | transloco }}</th>
            <th nzAlign="right">{{ 'licensing.distribution.share' | transloco }}</th>
            <th nzAlign="right">{{ 'licensing.distribution.amount' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (i of s()?.items ?? []; track $index) {
            <tr data-testid="income-row">
              <td>{{ i.paidAt.slice(0, 10) }}</td>
              <td><a [routerLink]="['/licensing/licences', i.licenceId]">{{ i.licenceNumber }}</a></td>
              <td data-testid="income-title">{{ pick(i.title) }}</td>
              <td>{{ 'licensing.recipient.' + i.recipientType | transloco }}</td>
              <td nzAlign="right">{{ money(i.paymentAmount) }}</td>
              <td nzAlign="right">{{ pct(i.share) }}%</td>
              <td nzAlign="right" data-testid="income-amount">{{ money(i.amount) }}</td>
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
  `,
  styles: `
    .actions { display: flex; gap: 16px; align-items: center; margin-bottom: 16px; flex-wrap: wrap; }
    .big { font-size: 24px; font-weight: 600; }
    .label { color: var(--ttx-text-secondary); font-size: 12px; }
  `,
})
export class IncomePage {
  private readonly api = inject(LicensingApi);
  private readonly language = inject(LanguageService);
  protected readonly s = signal<IncomeStatementView | null>(null);
  protected readonly loading = signal(true);

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.s.set(await this.api.income());
    } catch {
      /* shown by the error interceptor */
    } finally {
      this.loading.set(false);
    }
  }

  protected pick(t: IncomeStatementView['items'][number]['title']): string {
    return pickText(t, this.language.lang());
  }
  protected money(fen: number): string {
    return yuan(fen, this.language.lang());
  }
  protected pct(bp: number): string {
    return bpToPct(bp);
  }
}
