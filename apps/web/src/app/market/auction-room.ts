import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { auctionRoom, type AuctionBidEvent, type AuctionClosedEvent } from '@ttx/shared/contracts';
import { type AuctionView, type BidView, type ListingView, MarketApi, type MyAuctionView } from '@ttx/web/api-client';
import { AuthStore, LanguageService, LiveClient } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzStatisticModule } from 'ng-zorro-antd/statistic';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { formatCountdown, newIdempotencyKey, pickText, remainingMs, yuan, yuanToFen } from './market-text';
import { AccessibleLabel } from '@ttx/web/ui';

/** Auction room: live high bid and countdown (follows soft-close extensions), anonymised history, bidding. */
@Component({
  selector: 'ttx-auction-room',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzAlertModule, NzButtonModule, NzCardModule, NzInputModule, NzModalModule, NzStatisticModule, NzTableModule, NzTagModule],
  template: `
    <div class="ttx-page">
      @if (auction(); as a) {
        <h1 data-testid="auction-title">{{ title() }}</h1>
        <p>
          <nz-tag data-testid="auction-status">{{ 'market.auctionStatus.' + a.status | transloco }}</nz-tag>
          <nz-tag>{{ 'market.auctionKind.' + a.kind | transloco }}</nz-tag>
          @if (live()) { <nz-tag nzColor="green" data-testid="auction-live">{{ 'market.room.live' | transloco }}</nz-tag> }
          @if (listing(); as l) { <a [routerLink]="['/market/listings', l.id]">{{ 'market.room.toListing' | transloco }}</a> }
        </p>
        <div class="stats">
          <nz-card><div class="label">{{ (a.kind === 'sealed' && a.status !== 'closed' ? 'market.room.sealedHidden' : 'market.room.highBid') | transloco }}</div>
            <div class="big" data-testid="auction-high-bid">{{ a.highBid === null ? '—' : money(a.highBid) }}</div></nz-card>
          <nz-card><div class="label">{{ 'market.room.endsIn' | transloco }}</div>
            <div class="big" data-testid="auction-countdown">{{ a.status === 'closed' ? '—' : countdown() }}</div>
            <div class="small" data-testid="auction-ends-at">{{ a.endsAt }}</div></nz-card>
          <nz-card><div class="label">{{ 'market.room.bids' | transloco }}</div><div class="big" data-testid="auction-bid-count">{{ a.bidCount }}</div></nz-card>
          <nz-card><div class="label">{{ 'market.room.startPrice' | transloco }} / {{ 'market.room.increment' | transloco }}</div>
            <div>{{ money(a.startPrice) }} / {{ money(a.increment) }}</div>
            <div class="small">{{ (a.hasReserve ? (a.reserveMet ? 'market.room.reserveMet' : 'market.room.reserveNotMet') : 'market.room.noReserve') | transloco }}
              · {{ 'market.room.softClose' | transloco: { minutes: a.softCloseSeconds / 60 } }}
              @if (a.buyerPremiumBp) { · {{ 'market.room.premium' | transloco: { pct: a.buyerPremiumBp / 100 } }} }</div></nz-card>
        </div>

        @if (a.status === 'closed') {
          <nz-alert
            data-testid="auction-outcome"
            [nzType]="a.outcome === 'sold' ? 'success' : 'warning'"
            [nzMessage]="(a.outcome === 'sold' ? (me()?.leading ? 'market.room.youWon' : 'market.room.sold') : 'market.room.unsold') | transloco: { amount: money(a.highBid) }"
          />
          @if (a.outcome === 'sold' && me()?.leading) {
            <p><a routerLink="/market/inbox" data-testid="auction-deal-link">{{ 'market.room.seeDeal' | transloco }}</a></p>
          }
        } @else if (auth.isAuthenticated()) {
          @switch (me()?.bidderStatus) {
            @case ('approved') {
              <form class="bid" (ngSubmit)="confirmOpen()">
                <input nz-input name="amount" [ttxLabel]="'market.room.bidAmount' | transloco" [ngModel]="amountText()" (ngModelChange)="amountText.set($event)" data-testid="bid-input" />
                <button nz-button nzType="primary" type="submit" [disabled]="a.status !== 'open'" data-testid="bid-submit">{{ 'market.room.bid' | transloco }}</button>
                <span class="small">{{ 'market.room.minNext' | transloco: { amount: money(a.minNextBid) } }}</span>
              </form>
              @if (me()?.leading) { <p data-testid="auction-leading">{{ 'market.room.leading' | transloco }}</p> }
            }
            @case ('pending') { <nz-alert nzType="info" [nzMessage]="'market.room.pending' | transloco" /> }
            @case ('rejected') { <nz-alert nzType="error" [nzMessage]="'market.room.rejected' | transloco" /> }
            @case ('seller') { <nz-alert nzType="info" [nzMessage]="'market.room.seller' | transloco" /> }
            @default {
              @if (auth.hasRole('enterprise_member')) {
                <button nz-button (click)="register()" data-testid="auction-register">{{ 'market.room.register' | transloco }}</button>
                @if (a.deposit) { <span class="small">{{ 'market.room.deposit' | transloco: { amount: money(a.deposit) } }}</span> }
              }
            }
          }
          @if (error()) { <nz-alert nzType="error" [nzMessage]="error()" data-testid="bid-error" /> }
        } @else {
          <p><a routerLink="/login">{{ 'market.room.loginToBid' | transloco }}</a></p>
        }

        <h3>{{ 'market.room.history' | transloco }}</h3>
        <nz-table [nzData]="history()" [nzFrontPagination]="false" nzSize="small" data-testid="bid-history">
          <thead><tr><th>{{ 'market.room.bidder' | transloco }}</th><th>{{ 'market.room.amount' | transloco }}</th><th>{{ 'market.room.time' | transloco }}</th></tr></thead>
          <tbody>
            @for (b of history(); track $index) {
              <tr data-testid="bid-history-row">
                <td>{{ b.mine ? ('market.room.you' | transloco) : b.bidder }}</td>
                <td>{{ b.amount === null ? ('market.room.sealed' | transloco) : money(b.amount) }}</td>
                <td>{{ b.at }}</td>
              </tr>
            }
          </tbody>
        </nz-table>

        <nz-modal [nzVisible]="confirming()" [nzTitle]="'market.room.confirmTitle' | transloco" (nzOnCancel)="confirming.set(false)" (nzOnOk)="placeBid()" [nzOkLoading]="placing()" nzOkText="OK">
          <ng-container *nzModalContent>
            <p data-testid="bid-confirm-text">{{ 'market.room.confirmText' | transloco: { amount: money(pendingAmount()) } }}</p>
          </ng-container>
        </nz-modal>
      } @else if (missing()) {
        <p>{{ 'market.notFound' | transloco }}</p>
      }
    </div>
  `,
  styles: `
    .stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin-bottom: 16px; }
    .big { font-size: 24px; font-weight: 600; }
    .label, .small { color: var(--ttx-text-secondary); font-size: 12px; }
    .bid { display: flex; gap: 8px; align-items: center; margin: 12px 0; max-width: 560px; }
  `,
})
export class AuctionRoom {
  private readonly api = inject(MarketApi);
  private readonly liveClient = inject(LiveClient);
  protected readonly auth = inject(AuthStore);
  protected readonly language = inject(LanguageService);

  readonly id = input.required<string>();

  protected readonly auction = signal<AuctionView | null>(null);
  protected readonly listing = signal<ListingView | null>(null);
  protected readonly me = signal<MyAuctionView | null>(null);
  protected readonly history = signal<BidView[]>([]);
  protected readonly missing = signal(false);
  protected readonly live = signal(false);
  protected readonly error = signal('');
  protected readonly amountText = signal('');
  protected readonly confirming = signal(false);
  protected readonly placing = signal(false);
  protected readonly pendingAmount = signal(0);
  private readonly now = signal(Date.now());
  private serverOffset = 0;
  private attemptKey = '';

  protected readonly title = computed(() => pickText(this.listing()?.title, this.language.lang()));
  protected readonly countdown = computed(() => {
    const a = this.auction();
    return a ? formatCountdown(remainingMs(a.endsAt, this.serverOffset, this.now())) : '';
  });

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 1000);
    // A missed live event is repaired by this slower poll.
    const poll = setInterval(() => void this.refresh(this.id()), 15_000);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      clearInterval(poll);
    });
    effect((onCleanup) => {
      const id = this.id();
      void this.load(id);
      const subscription = this.liveClient.listen<{ bid: AuctionBidEvent; closed: AuctionClosedEvent }>(
        auctionRoom(id),
        { bid: (e) => this.onBid(e), closed: () => void this.refresh(id) },
        (ok) => this.live.set(ok),
      );
      // Another auction or leaving the page: this one's socket closes.
      onCleanup(() => subscription.close());
    });
  }

  protected money(fen: number | null | undefined): string {
    return yuan(fen, this.language.lang());
  }

  private async load(id: string): Promise<void> {
    try {
      await this.refresh(id);
      const a = this.auction();
      if (a) this.listing.set(await this.api.listing(a.listingId));
    } catch {
      this.missing.set(true);
    }
  }

  private async refresh(id: string): Promise<void> {
    const a = await this.api.auction(id);
    this.serverOffset = new Date(a.serverTime).getTime() - Date.now();
    this.auction.set(a);
    if (!this.amountText()) this.amountText.set(String(a.minNextBid / 100));
    if (this.auth.isAuthenticated()) this.me.set(await this.api.myAuctionStatus(id));
    this.history.set(await this.api.auctionBids(id, this.auth.isAuthenticated()));
  }

  private onBid(e: AuctionBidEvent): void {
    const a = this.auction();
    if (!a || e.auctionId !== a.id) return;
    const highBid = e.amount ?? a.highBid;
    const minNextBid = e.amount === null ? a.minNextBid : e.amount + a.increment;
    this.auction.set({ ...a, highBid, endsAt: e.endsAt, bidCount: e.bidCount, minNextBid, status: 'open' });
    this.amountText.set(String(minNextBid / 100));
    void this.refresh(a.id);
  }

  protected confirmOpen(): void {
    const fen = yuanToFen(this.amountText());
    if (fen === null || fen <= 0) {
      this.error.set('—');
      return;
    }
    this.error.set('');
    this.pendingAmount.set(fen);
    this.attemptKey = newIdempotencyKey();
    this.confirming.set(true);
  }

  protected async placeBid(): Promise<void> {
    const a = this.auction();
    if (!a) return;
    this.placing.set(true);
    try {
      const r = await this.api.placeBid(a.id, this.pendingAmount(), this.attemptKey);
      this.auction.set({ ...a, endsAt: r.endsAt });
      this.confirming.set(false);
      await this.refresh(a.id);
    } catch (e) {
      this.confirming.set(false);
      this.error.set((e as { error?: { detail?: string } }).error?.detail ?? String(e));
      await this.refresh(a.id);
    } finally {
      this.placing.set(false);
    }
  }

  protected async register(): Promise<void> {
    const a = this.auction();
    if (!a) return;
    try {
      this.me.set(await this.api.registerBidder(a.id, a.deposit ?? undefined));
    } catch {
      /* the error interceptor shows the message */
    }
  }
}
