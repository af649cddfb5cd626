import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { LICENCE_STATUSES, type LicenceStatus } from '@ttx/shared/contracts';
import { type LicencePageView, LicensingApi, type LicenceSummaryView } from '@ttx/web/api-client';
import { AuthStore, LanguageService, reloadOn } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { deferralState, LICENCE_STATUS_COLOURS, pickText, yuan } from './licensing-format';
import { AccessibleLabel } from '@ttx/web/ui';

/** The organisation's licences, as licensee ("my licences" of an enterprise) or licensor (the TTO's). */
@Component({
  selector: 'ttx-licences-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzButtonModule, NzSelectModule, NzTableModule, NzTagModule],
  template: `
    <div class="ttx-page">
      <h1 data-testid="licences-heading">{{ 'licensing.mine' | transloco }}</h1>
      <div class="actions">
        <nz-select style="width: 160px" nzAllowClear [ttxLabel]="'licensing.col.status' | transloco" [nzPlaceHolder]="'licensing.allStatuses' | transloco" [ngModel]="status()"
          (ngModelChange)="status.set($event ?? null); page.set(1)" data-testid="licences-status">
          @for (s of statuses; track s) { <nz-option [nzValue]="s" [nzLabel]="'licensing.status.' + s | transloco" /> }
        </nz-select>
        @if (tto()) {
          <a nz-button nzType="primary" routerLink="/licensing/new" data-testid="licence-new-link">{{ 'licensing.form.new' | transloco }}</a>
          <a nz-button routerLink="/licensing/finance" data-testid="licensing-finance-link">{{ 'licensing.finance.title' | transloco }}</a>
        }
        @if (earner()) { <a nz-button routerLink="/licensing/income" data-testid="licensing-income-link">{{ 'licensing.income.title' | transloco }}</a> }
      </div>
      <nz-table [nzData]="items()" [nzLoading]="loading()" [nzFrontPagination]="false" [nzTotal]="result()?.total ?? 0"
        [nzPageIndex]="page()" [nzPageSize]="pageSize" (nzPageIndexChange)="page.set($event)" [nzNoResult]="'licensing.empty' | transloco" data-testid="licences-table">
        <thead>
          <tr>
            <th>{{ 'licensing.col.number' | transloco }}</th>
            <th>{{ 'licensing.col.title' | transloco }}</th>
            <th>{{ 'licensing.col.kind' | transloco }}</th>
            <th>{{ 'licensing.col.parties' | transloco }}</th>
            <th>{{ 'licensing.col.term' | transloco }}</th>
            <th>{{ 'licensing.col.status' | transloco }}</th>
            <th nzAlign="right">{{ 'licensing.col.outstanding' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (l of items(); track l.id) {
            <tr data-testid="licence-row" [attr.data-licence-id]="l.id">
              <td><a [routerLink]="['/licensing/licences', l.id]" data-testid="licence-link">{{ l.number }}</a></td>
              <td>{{ pick(l.title) }}</td>
              <td>{{ 'licensing.kind.' + l.kind | transloco }}</td>
              <td>{{ l.licensorName }} → {{ l.licenseeName }}</td>
              <td>{{ l.startsOn }} – {{ l.endsOn }}</td>
              <td>
                <nz-tag [nzColor]="colour(l.status)" data-testid="licence-status">{{ 'licensing.status.' + l.status | transloco }}</nz-tag>
                @if (deferral(l); as d) {
                  @if (d !== 'none') {
                    <nz-tag [nzColor]="d === 'ended' ? 'default' : 'purple'" data-testid="licence-deferred">{{ 'licensing.deferralTag.' + d | transloco: { until: l.deferredUntil ?? '' } }}</nz-tag>
                  }
                }
              </td>
              <td nzAlign="right">
                {{ money(l.outstanding) }}
                @if (l.overdue > 0) { <nz-tag nzColor="red" data-testid="licence-overdue">{{ 'licensing.overdueAmount' | transloco: { amount: money(l.overdue) } }}</nz-tag> }
              </td>
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
  `,
  styles: `.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 16px; }`,
})
export class LicencesPage {
  private readonly api = inject(LicensingApi);
  private readonly auth = inject(AuthStore);
  private readonly language = inject(LanguageService);
  protected readonly statuses = LICENCE_STATUSES;
  protected readonly pageSize = 20;
  protected readonly status = signal<LicenceStatus | null>(null);
  protected readonly page = signal(1);
  protected readonly result = signal<LicencePageView | null>(null);
  protected readonly items = computed(() => this.result()?.items ?? []);
  protected readonly loading = signal(true);
  protected readonly tto = computed(() => this.auth.hasRole('tto_manager'));
  protected readonly earner = computed(() => this.auth.hasRole('researcher') || this.auth.hasRole('tto_manager'));

  constructor() {
    reloadOn(() => [this.status(), this.page()] as const, ([status, page]) => this.load(status, page));
  }

  private async load(status: LicenceStatus | null, page: number): Promise<void> {
    this.loading.set(true);
    try {
      this.result.set(await this.api.licences({ page, pageSize: this.pageSize, ...(status ? { status } : {}) }));
    } catch {
      /* shown by the error interceptor */
    } finally {
      this.loading.set(false);
    }
  }

  protected deferral(l: LicenceSummaryView): string {
    return deferralState(l.terms, l.deferredUntil, new Date());
  }
  protected pick(t: LicenceSummaryView['title']): string {
    return pickText(t, this.language.lang());
  }
  protected money(fen: number): string {
    return yuan(fen, this.language.lang());
  }
  protected colour(s: LicenceSummaryView['status']): string {
    return LICENCE_STATUS_COLOURS[s] ?? 'default';
  }
}
