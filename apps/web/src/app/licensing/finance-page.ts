import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type DistributionEntryView, LicensingApi, type LicenceSummaryView, type ReceivablesView } from '@ttx/web/api-client';
import { LanguageService } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { CostForm } from './cost-form';
import { DistributionTable } from './distribution-table';
import { IncomeExport } from './income-export';
import { INVOICE_STATUS_COLOURS, yuan } from './licensing-format';
import { type PickerQuery, SearchSelect } from '../shared/search-select';
import { AccessibleLabel } from '@ttx/web/ui';

type ReceivableRow = ReceivablesView['invoices'][number];

/** The TTO's finance view: receivables and overdue invoices; per licence its payments, their split and deal costs. */
@Component({
  selector: 'ttx-finance-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzButtonModule, NzCardModule, NzCheckboxModule, NzTableModule, NzTagModule, CostForm, DistributionTable, IncomeExport, SearchSelect],
  template: `
    <div class="ttx-page">
      <a routerLink="/licensing">← {{ 'licensing.mine' | transloco }}</a>
      <h1 data-testid="finance-heading">{{ 'licensing.finance.title' | transloco }}</h1>
      @if (r(); as r) {
        <div class="stats">
          <nz-card><div class="label">{{ 'licensing.finance.outstanding' | transloco }}</div><div class="big" data-testid="finance-outstanding">{{ money(r.outstanding) }}</div></nz-card>
          <nz-card><div class="label">{{ 'licensing.finance.overdue' | transloco }}</div><div class="big overdue" data-testid="finance-overdue">{{ money(r.overdue) }}</div></nz-card>
          <nz-card><div class="label">{{ 'licensing.finance.received' | transloco }}</div><div class="big" data-testid="finance-received">{{ money(r.received) }}</div></nz-card>
        </div>
      }
      <div class="actions">
        <span nz-checkbox [ttxLabel]="'licensing.finance.overdueOnly' | transloco" [ngModel]="overdueOnly()" (ngModelChange)="overdueOnly.set($event)" data-testid="finance-overdue-only">{{ 'licensing.finance.overdueOnly' | transloco }}</span>
        <ttx-income-export [organizationId]="r()?.organizationId" />
      </div>
      <nz-table [nzData]="rows()" [nzLoading]="loading()" [nzPageSize]="20" [nzNoResult]="'licensing.invoices.empty' | transloco" data-testid="receivables-table">
        <thead>
          <tr>
            <th>{{ 'licensing.invoices.number' | transloco }}</th>
            <th>{{ 'licensing.col.number' | transloco }}</th>
            <th>{{ 'licensing.detail.licensee' | transloco }}</th>
            <th>{{ 'licensing.invoices.kind' | transloco }}</th>
            <th nzAlign="right">{{ 'licensing.invoices.amount' | transloco }}</th>
            <th nzAlign="right">{{ 'licensing.invoices.outstanding' | transloco }}</th>
            <th>{{ 'licensing.invoices.dueOn' | transloco }}</th>
            <th>{{ 'licensing.invoices.status' | transloco }}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          @for (inv of rows(); track inv.id) {
            <tr data-testid="receivable-row">
              <td>{{ inv.number }}</td>
              <td><a [routerLink]="['/licensing/licences', inv.licenceId]">{{ inv.licenceNumber }}</a></td>
              <td>{{ inv.licenseeName }}</td>
              <td>{{ 'licensing.invoiceKind.' + inv.kind | transloco }} {{ inv.periodKey }}</td>
              <td nzAlign="right">{{ money(inv.amount) }}</td>
              <td nzAlign="right">{{ money(inv.outstanding) }}</td>
              <td>{{ inv.dueOn }}</td>
              <td>
                <nz-tag [nzColor]="colour(inv.status)">{{ 'licensing.invoiceStatus.' + inv.status | transloco }}</nz-tag>
                @if (inv.overdue) { <nz-tag nzColor="red" data-testid="receivable-overdue">{{ 'licensing.invoices.overdue' | transloco }}</nz-tag> }
              </td>
              <td><button nz-button nzType="link" (click)="select(inv.licenceId)" data-testid="receivable-split">{{ 'licensing.finance.split' | transloco }}</button></td>
            </tr>
          }
        </tbody>
      </nz-table>
      <h2>{{ 'licensing.distribution.title' | transloco }}</h2>
      <ttx-search-select style="width: 360px" [ttxLabel]="'licensing.finance.pickLicence' | transloco" [search]="searchLicences" [label]="licenceLabel" [resolve]="licenceOf" [placeholder]="'licensing.finance.pickLicence' | transloco"
        [ngModel]="selected()" (picked)="pick($event)" data-testid="finance-licence" />
      @if (selected(); as id) {
        <h3 data-testid="finance-selected">{{ 'licensing.finance.paymentsOf' | transloco: { number: numberOf(id) } }}</h3>
        <h4>{{ 'licensing.cost.title' | transloco }}</h4>
        <ttx-cost-form [licenceId]="id" (saved)="select(id)" />
        <ttx-distribution-table [entries]="entries()" />
      }
    </div>
  `,
  styles: `
    .stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin-bottom: 16px; }
    .big { font-size: 24px; font-weight: 600; }
    .overdue { color: #cf1322; }
    .label { color: var(--ttx-text-secondary); font-size: 12px; }
    .actions { display: flex; gap: 16px; align-items: center; margin-bottom: 12px; flex-wrap: wrap; }
  `,
})
export class FinancePage {
  private readonly api = inject(LicensingApi);
  private readonly language = inject(LanguageService);
  protected readonly r = signal<ReceivablesView | null>(null);
  protected readonly loading = signal(true);
  protected readonly overdueOnly = signal(false);
  protected readonly rows = computed(() => (this.r()?.invoices ?? []).filter((i) => !this.overdueOnly() || i.overdue));
  /** The institution's licences (as licensor), searched by number or title, for picking one whose payments to show. */
  protected readonly searchLicences = (p: PickerQuery) => this.api.licences({ role: 'licensor', ...p });
  protected readonly licenceLabel = (l: LicenceSummaryView) => `${l.number} · ${l.licenseeName}`;
  /** A licence the split action picks from the receivables need not be on the picker's first page. */
  protected readonly licenceOf = (id: string): Promise<LicenceSummaryView> => this.api.licence(id);
  private readonly picked = signal<LicenceSummaryView | null>(null);
  protected readonly selected = signal<string | null>(null);
  protected readonly entries = signal<DistributionEntryView[]>([]);

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.r.set(await this.api.receivables());
    } catch {
      /* shown by the error interceptor */
    } finally {
      this.loading.set(false);
    }
  }

  protected pick(licence: LicenceSummaryView | null): void {
    this.picked.set(licence);
    if (licence) void this.select(licence.id);
  }

  protected async select(licenceId: string): Promise<void> {
    this.selected.set(licenceId);
    this.entries.set([]);
    try {
      this.entries.set(await this.api.distributions(licenceId));
    } catch {
      /* shown by the error interceptor */
    }
  }

  protected numberOf(licenceId: string): string {
    const picked = this.picked();
    return (picked?.id === licenceId ? picked.number : null) ?? this.r()?.invoices.find((i) => i.licenceId === licenceId)?.licenceNumber ?? '';
  }
  protected money(fen: number): string {
    return yuan(fen, this.language.lang());
  }
  protected colour(s: ReceivableRow['status']): string {
    return INVOICE_STATUS_COLOURS[s] ?? 'default';
  }
}
