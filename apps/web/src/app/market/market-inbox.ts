import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type DealView, MarketApi, type OfferView } from '@ttx/web/api-client';
import { LanguageService } from '@ttx/web/core';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTableModule } from 'ng-zorro-antd/table';
import { OfferThread } from './offer-thread';
import { pickText, yuan } from './market-text';

/** Negotiation inbox (offers of the caller's organisations, both sides) and the caller's deals. */
@Component({
  selector: 'ttx-market-inbox',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzCardModule, NzTableModule, OfferThread],
  template: `
    <div class="ttx-page">
      <h1 data-testid="inbox-heading">{{ 'market.inbox.title' | transloco }}</h1>
      <nz-card [nzTitle]="'market.inbox.offers' | transloco">
        @if (offers().length) {
          <ttx-offer-thread [offers]="offers()" [showListing]="true" (changed)="load()" />
        } @else {
          <p>{{ 'market.inbox.noOffers' | transloco }}</p>
        }
      </nz-card>
      <nz-card class="gap" [nzTitle]="'market.inbox.deals' | transloco">
        <nz-table [nzData]="deals()" [nzFrontPagination]="false" nzSize="small" data-testid="deals-table">
          <thead>
            <tr>
              <th>{{ 'market.col.title' | transloco }}</th><th>{{ 'market.col.method' | transloco }}</th><th>{{ 'market.col.price' | transloco }}</th>
              <th>{{ 'market.inbox.role' | transloco }}</th><th>{{ 'market.inbox.counterparty' | transloco }}</th><th>{{ 'market.inbox.disclosedUntil' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (d of deals(); track d.id) {
              <tr data-testid="deal-row">
                <td><a [routerLink]="['/market/listings', d.listingId]">{{ pick(d.title) }}</a></td>
                <td>{{ 'market.method.' + d.method | transloco }}</td>
                <td>{{ money(d.price) }}@if (d.buyerPremium) { + {{ money(d.buyerPremium) }} }</td>
                <td>{{ 'market.side.' + d.role | transloco }}</td>
                <td>{{ d.role === 'seller' ? d.buyerName : d.sellerName }}</td>
                <td>{{ d.disclosedUntil }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      </nz-card>
    </div>
  `,
  styles: `.gap { margin-top: 16px; display: block; }`,
})
export class MarketInbox {
  private readonly api = inject(MarketApi);
  private readonly language = inject(LanguageService);
  protected readonly offers = signal<OfferView[]>([]);
  protected readonly deals = signal<DealView[]>([]);

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    const [offers, deals] = await Promise.all([this.api.offerInbox(), this.api.myDeals()]);
    this.offers.set(offers);
    this.deals.set(deals);
  }

  protected pick(t: { zh: string | null; en: string | null }): string {
    return pickText(t, this.language.lang());
  }

  protected money(fen: number): string {
    return yuan(fen, this.language.lang());
  }
}
