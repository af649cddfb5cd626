import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type ListingPageView, MarketApi } from '@ttx/web/api-client';
import { LanguageService, reloadOn } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { pickText, yuan } from './market-text';

/** Seller's view: the institution's listings in every state, with intents, deals and auction links. */
@Component({
  selector: 'ttx-my-listings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzButtonModule, NzTableModule, NzTagModule],
  template: `
    <div class="ttx-page">
      <h1 data-testid="my-listings-heading">{{ 'market.mine.title' | transloco }}</h1>
      <a nz-button nzType="primary" routerLink="/market/mine/new" style="margin-bottom: 12px" data-testid="my-listings-new">{{ 'market.form.title' | transloco }}</a>
      <nz-table [nzData]="result()?.items ?? []" [nzTotal]="result()?.total ?? 0" [nzPageIndex]="page()" [nzPageSize]="20" [nzFrontPagination]="false"
        [nzLoading]="loading()" (nzPageIndexChange)="page.set($event)" data-testid="my-listings-table">
        <thead>
          <tr>
            <th>{{ 'market.col.title' | transloco }}</th><th>{{ 'market.col.method' | transloco }}</th><th>{{ 'market.col.status' | transloco }}</th>
            <th>{{ 'market.col.price' | transloco }}</th><th>{{ 'market.mine.result' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (l of result()?.items ?? []; track l.id) {
            <tr data-testid="my-listing-row">
              <td><a [routerLink]="['/market/listings', l.id]">{{ pick(l.title) }}</a></td>
              <td>{{ 'market.method.' + l.method | transloco }}</td>
              <td><nz-tag>{{ 'market.status.' + l.status | transloco }}</nz-tag></td>
              <td>{{ money(l.price) }}</td>
              <td>
                @if (l.deal) { {{ money(l.deal.price) }} · {{ l.deal.buyerName }} }
                @else if (l.auctionId) { <a [routerLink]="['/market/auctions', l.auctionId]">{{ 'market.detail.toAuction' | transloco }}</a> }
                @else if (l.method === 'fixed_price') { {{ 'market.detail.intents' | transloco: { n: l.intentCount } }} }
                @else if (l.openLicence) { {{ 'market.detail.takers' | transloco: { n: l.openLicence.takers } }} }
              </td>
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
  `,
})
export class MyListings {
  private readonly api = inject(MarketApi);
  private readonly language = inject(LanguageService);
  protected readonly page = signal(1);
  protected readonly result = signal<ListingPageView | null>(null);
  protected readonly loading = signal(false);

  constructor() {
    reloadOn(() => this.page(), (page) => this.load(page));
  }

  private async load(page: number): Promise<void> {
    this.loading.set(true);
    try {
      this.result.set(await this.api.myListings({ page, pageSize: 20 }));
    } catch {
      /* shown by the error interceptor */
    } finally {
      this.loading.set(false);
    }
  }

  protected pick(t: { zh: string | null; en: string | null }): string {
    return pickText(t, this.language.lang());
  }

  protected money(fen: number | null): string {
    return yuan(fen, this.language.lang());
  }
}
