import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { LISTING_METHODS, LISTING_STATUSES, type ListingMethod, type ListingStatus } from '@ttx/shared/contracts';
import { type ListingPageView, MarketApi } from '@ttx/web/api-client';
import { AuthStore, LanguageService } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type Localized, pickText, yuan } from './market-text';
import { AccessibleLabel } from '@ttx/web/ui';

/** Public market: listings by method (tabs), status and title filters. */
@Component({
  selector: 'ttx-market-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzButtonModule, NzInputModule, NzSelectModule, NzTableModule, NzTabsModule, NzTagModule],
  template: `
    <div class="ttx-page">
      <h1 data-testid="market-heading">{{ 'market.title' | transloco }}</h1>
      <p class="links">
        @if (auth.isAuthenticated()) { <a routerLink="/market/inbox" data-testid="market-inbox-link">{{ 'market.inbox.title' | transloco }}</a> }
        @if (auth.hasRole('tto_manager')) { <a routerLink="/market/mine" data-testid="market-mine-link">{{ 'market.mine.title' | transloco }}</a> }
      </p>
      <nz-tabs [nzSelectedIndex]="tabIndex()" (nzSelectedIndexChange)="selectTab($event)">
        <nz-tab [nzTitle]="'market.allMethods' | transloco" />
        @for (m of methods; track m) { <nz-tab [nzTitle]="'market.method.' + m | transloco" /> }
      </nz-tabs>
      <form class="filters" (ngSubmit)="page.set(1); load()">
        <input nz-input name="q" [ttxLabel]="'market.searchLabel' | transloco" [ngModel]="q()" (ngModelChange)="q.set($event)" [placeholder]="'market.searchPlaceholder' | transloco" data-testid="market-q" />
        <nz-select name="status" [ttxLabel]="'market.col.status' | transloco" style="width: 160px" nzAllowClear [nzPlaceHolder]="'market.liveOnly' | transloco" [ngModel]="status()" (ngModelChange)="status.set($event ?? null); page.set(1); load()" data-testid="market-status">
          @for (s of statuses; track s) { <nz-option [nzValue]="s" [nzLabel]="'market.status.' + s | transloco" /> }
        </nz-select>
        <button nz-button nzType="primary" type="submit">{{ 'market.search' | transloco }}</button>
      </form>
      <nz-table [nzData]="result()?.items ?? []" [nzTotal]="result()?.total ?? 0" [nzPageIndex]="page()" [nzPageSize]="20" [nzFrontPagination]="false" [nzLoading]="loading()" (nzPageIndexChange)="page.set($event); load()" data-testid="market-table">
        <thead>
          <tr>
            <th>{{ 'market.col.title' | transloco }}</th>
            <th>{{ 'market.col.method' | transloco }}</th>
            <th>{{ 'market.col.dealType' | transloco }}</th>
            <th>{{ 'market.col.price' | transloco }}</th>
            <th>{{ 'market.col.seller' | transloco }}</th>
            <th>{{ 'market.col.status' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (l of result()?.items ?? []; track l.id) {
            <tr data-testid="market-row">
              <td><a [routerLink]="['/market/listings', l.id]" data-testid="market-row-link">{{ pick(l.title) }}</a></td>
              <td>{{ 'market.method.' + l.method | transloco }}</td>
              <td>{{ 'market.dealType.' + l.dealType | transloco }}@if (l.licenceScope) { ({{ 'market.scope.' + l.licenceScope | transloco }}) }</td>
              <td>{{ money(l.price ?? l.openLicence?.lumpSumFen ?? null) }}</td>
              <td>{{ l.sellerName }}</td>
              <td><nz-tag>{{ 'market.status.' + l.status | transloco }}</nz-tag></td>
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
  `,
  styles: `
    .filters { display: flex; gap: 8px; margin: 12px 0; max-width: 720px; }
    .links { display: flex; gap: 16px; }
  `,
})
export class MarketPage {
  private readonly api = inject(MarketApi);
  protected readonly auth = inject(AuthStore);
  protected readonly language = inject(LanguageService);
  protected readonly methods = LISTING_METHODS;
  protected readonly statuses = LISTING_STATUSES;
  protected readonly method = signal<ListingMethod | null>(null);
  protected readonly status = signal<ListingStatus | null>(null);
  protected readonly q = signal('');
  protected readonly page = signal(1);
  protected readonly loading = signal(false);
  protected readonly result = signal<ListingPageView | null>(null);
  protected readonly tabIndex = signal(0);

  constructor() {
    effect(() => void this.load());
  }

  protected selectTab(i: number): void {
    this.tabIndex.set(i);
    this.method.set(i === 0 ? null : this.methods[i - 1]);
    this.page.set(1);
    void this.load();
  }

  async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.result.set(
        await this.api.listings({
          page: this.page(),
          pageSize: 20,
          ...(this.method() ? { method: this.method() as ListingMethod } : {}),
          ...(this.status() ? { status: this.status() as ListingStatus } : {}),
          ...(this.q().trim() ? { q: this.q().trim() } : {}),
        }),
      );
    } finally {
      this.loading.set(false);
    }
  }

  protected pick(t: Localized): string {
    return pickText(t, this.language.lang());
  }

  protected money(fen: number | null): string {
    return yuan(fen, this.language.lang());
  }
}
