import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { MarketApi, type OfferView } from '@ttx/web/api-client';
import { LanguageService } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { yuan, yuanToFen } from './market-text';
import { AccessibleLabel } from '@ttx/web/ui';

/** Offer / counter-offer messages with accept, counter and reject on open ones (the server checks who may). */
@Component({
  selector: 'ttx-offer-thread',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzButtonModule, NzInputModule, NzTagModule],
  template: `
    @for (o of offers(); track o.id) {
      <div class="offer" data-testid="offer-row">
        <strong>{{ showListing() ? o.listingTitle + ' · ' : '' }}{{ o.buyerName }}</strong>
        · {{ 'market.side.' + o.side | transloco }} · <span data-testid="offer-price-view">{{ money(o.price) }}</span>
        @if (o.terms) { · {{ o.terms }} }
        <nz-tag data-testid="offer-status">{{ 'market.offerStatus.' + o.status | transloco }}</nz-tag>
        @if (showListing()) { <a [routerLink]="['/market/listings', o.listingId]" data-testid="offer-listing-link">{{ 'market.offer.viewListing' | transloco }} →</a> }
        @if (o.status === 'open') {
          <span class="acts">
            <button nz-button nzSize="small" nzType="primary" (click)="accept(o)" data-testid="offer-accept">{{ 'market.offer.accept' | transloco }}</button>
            <input nz-input nzSize="small" class="counter" [ttxLabel]="'market.offer.counterPrice' | transloco" [(ngModel)]="counterPrice[o.id]" [placeholder]="'market.detail.priceYuan' | transloco" data-testid="offer-counter-price" />
            <button nz-button nzSize="small" (click)="counter(o)" data-testid="offer-counter">{{ 'market.offer.counter' | transloco }}</button>
            <button nz-button nzSize="small" nzDanger (click)="reject(o)">{{ 'market.offer.reject' | transloco }}</button>
          </span>
        }
      </div>
    }
  `,
  styles: `
    .offer { padding: 6px 0; border-bottom: 1px solid #f0f0f0; }
    /* In a line of text a link is told apart by more than its colour (WCAG 1.4.1). */
    .offer a { text-decoration: underline; }
    .acts { margin-left: 8px; display: inline-flex; gap: 6px; align-items: center; }
    .counter { width: 120px; }
  `,
})
export class OfferThread {
  private readonly api = inject(MarketApi);
  private readonly language = inject(LanguageService);
  readonly offers = input.required<OfferView[]>();
  readonly showListing = input(false);
  readonly changed = output<void>();
  protected counterPrice: Record<string, string> = {};

  protected money(fen: number): string {
    return yuan(fen, this.language.lang());
  }

  private async act(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
      this.changed.emit();
    } catch {
      /* the error interceptor shows the message */
    }
  }

  protected accept(o: OfferView): Promise<void> {
    return this.act(() => this.api.acceptOffer(o.id));
  }

  protected reject(o: OfferView): Promise<void> {
    return this.act(() => this.api.rejectOffer(o.id));
  }

  protected counter(o: OfferView): Promise<void> {
    const fen = yuanToFen(this.counterPrice[o.id]);
    if (!fen) return Promise.resolve();
    return this.act(() => this.api.counterOffer(o.id, fen));
  }
}
