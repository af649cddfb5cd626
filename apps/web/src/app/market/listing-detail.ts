import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type BidderView, type IntentView, type ListingView, MarketApi, type OfferView } from '@ttx/web/api-client';
import { AuthStore, LanguageService } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { OfferThread } from './offer-thread';
import { pickText, yuan, yuanToFen } from './market-text';
import { AccessibleLabel, TWO_COLUMNS } from '@ttx/web/ui';

/** One listing with the action its method calls for; the seller also sees intents, offers and bidders. */
@Component({
  selector: 'ttx-listing-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzAlertModule, NzButtonModule, NzCardModule, NzDescriptionsModule, NzInputModule, NzModalModule, NzTableModule, NzTagModule, OfferThread],
  template: `
    <div class="ttx-page">
      @if (listing(); as l) {
        <h1 data-testid="listing-title">{{ pick(l.title) }}</h1>
        <p>
          <nz-tag data-testid="listing-status">{{ 'market.status.' + l.status | transloco }}</nz-tag>
          <nz-tag>{{ 'market.method.' + l.method | transloco }}</nz-tag>
          <a [routerLink]="['/catalog', l.achievementId]">{{ 'market.detail.achievement' | transloco }}</a>
        </p>
        <nz-descriptions nzBordered [nzColumn]="twoColumns">
          <nz-descriptions-item [nzTitle]="'market.col.seller' | transloco">{{ l.sellerName }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'market.col.dealType' | transloco">{{ 'market.dealType.' + l.dealType | transloco }}@if (l.licenceScope) { ({{ 'market.scope.' + l.licenceScope | transloco }}) }</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'market.col.price' | transloco"><span data-testid="listing-price">{{ money(l.price) }}</span></nz-descriptions-item>
          @if (l.periodEndsAt) { <nz-descriptions-item [nzTitle]="'market.detail.periodEnds' | transloco">{{ l.periodEndsAt }} · {{ 'market.detail.intents' | transloco: { n: l.intentCount } }}</nz-descriptions-item> }
          @if (l.evaluation; as e) {
            <nz-descriptions-item [nzTitle]="'market.detail.evaluation' | transloco" [nzSpan]="2">
              <span data-testid="listing-evaluation">{{ money(e.value) }} · {{ e.evaluatorName }} · {{ e.evaluatedOn }} · {{ e.method }}</span>
            </nz-descriptions-item>
          }
          @if (l.belowValueJustification) { <nz-descriptions-item [nzTitle]="'market.detail.justification' | transloco" [nzSpan]="2">{{ l.belowValueJustification }}</nz-descriptions-item> }
          @if (l.openLicence; as o) {
            <nz-descriptions-item [nzTitle]="'market.detail.openLicence' | transloco" [nzSpan]="2">
              <span data-testid="listing-open-licence">{{ 'market.feeType.' + o.feeType | transloco }}
                @if (o.lumpSumFen) { · {{ money(o.lumpSumFen) }} } @if (o.royaltyBp) { · {{ o.royaltyBp / 100 }}% } · {{ 'market.detail.term' | transloco: { months: o.termMonths } }} · {{ 'market.detail.takers' | transloco: { n: o.takers } }}</span>
            </nz-descriptions-item>
          }
          @if (l.terms) { <nz-descriptions-item [nzTitle]="'market.detail.terms' | transloco" [nzSpan]="2">{{ l.terms }}</nz-descriptions-item> }
        </nz-descriptions>

        @if (l.deal; as d) {
          <nz-alert class="gap" nzType="success" data-testid="listing-deal" [nzMessage]="'market.detail.deal' | transloco: { price: money(d.price), buyer: d.buyerName }" />
        }
        @if (message()) { <nz-alert class="gap" nzType="success" [nzMessage]="message()" data-testid="listing-message" /> }

        <div class="gap">
          @if (l.auctionId) { <a nz-button nzType="primary" [routerLink]="['/market/auctions', l.auctionId]" data-testid="listing-auction-link">{{ 'market.detail.toAuction' | transloco }}</a> }
          @if (buyer() && l.status === 'open' && l.method === 'fixed_price') {
            <button nz-button nzType="primary" (click)="take()" data-testid="listing-intent">{{ 'market.detail.registerIntent' | transloco }}</button>
          }
          @if (buyer() && l.status === 'open' && l.method === 'open_licence') {
            <button nz-button nzType="primary" (click)="licenceOpen.set(true)" data-testid="listing-take-licence">{{ 'market.detail.takeLicence' | transloco }}</button>
          }
          @if (seller() && (l.status === 'open' || l.status === 'unsold')) {
            <button nz-button nzDanger (click)="withdraw()" data-testid="listing-withdraw">{{ 'market.detail.withdraw' | transloco }}</button>
          }
        </div>

        @if (buyer() && negotiable()) {
          <nz-card class="gap" [nzTitle]="'market.detail.makeOffer' | transloco">
            <form class="row" (ngSubmit)="offer()">
              <input nz-input name="price" [ttxLabel]="'market.detail.priceYuan' | transloco" [(ngModel)]="offerPrice" [placeholder]="'market.detail.priceYuan' | transloco" data-testid="offer-price" />
              <input nz-input name="terms" [ttxLabel]="'market.detail.terms' | transloco" [(ngModel)]="offerTerms" [placeholder]="'market.detail.terms' | transloco" />
              <button nz-button nzType="primary" type="submit" data-testid="offer-submit">{{ 'market.detail.send' | transloco }}</button>
            </form>
          </nz-card>
        }
        @if (offers().length) {
          <nz-card class="gap" [nzTitle]="'market.detail.offers' | transloco">
            <ttx-offer-thread [offers]="offers()" (changed)="reload()" />
          </nz-card>
        }
        @if (seller() && intents().length) {
          <nz-card class="gap" [nzTitle]="'market.detail.intentList' | transloco">
            @for (i of intents(); track i.buyerOrgId) { <p data-testid="intent-row">{{ i.buyerName }} · {{ i.createdAt }}</p> }
          </nz-card>
        }
        @if (seller() && bidders().length) {
          <nz-card class="gap" [nzTitle]="'market.detail.bidders' | transloco">
            @for (b of bidders(); track b.organizationId) {
              <p data-testid="bidder-row">{{ b.organizationName }} · {{ 'market.bidderStatus.' + b.status | transloco }} @if (b.deposit) { · {{ money(b.deposit) }} }
                @if (b.status === 'pending') {
                  <button nz-button nzSize="small" (click)="decide(b.organizationId, 'approved')" data-testid="bidder-approve">{{ 'market.detail.approve' | transloco }}</button>
                  <button nz-button nzSize="small" (click)="decide(b.organizationId, 'rejected')">{{ 'market.detail.reject' | transloco }}</button>
                }
              </p>
            }
          </nz-card>
        }

        <nz-modal [nzVisible]="licenceOpen()" [nzTitle]="'market.detail.takeLicence' | transloco" (nzOnCancel)="licenceOpen.set(false)" (nzOnOk)="take()">
          <ng-container *nzModalContent><p>{{ 'market.detail.takeLicenceConfirm' | transloco }}</p></ng-container>
        </nz-modal>
      } @else if (missing()) {
        <p>{{ 'market.notFound' | transloco }}</p>
      }
    </div>
  `,
  styles: `
    .gap { margin-top: 16px; display: block; }
    .gap > * { margin-right: 8px; }
    .row { display: flex; gap: 8px; }
  `,
})
export class ListingDetail {
  protected readonly twoColumns = TWO_COLUMNS;
  private readonly api = inject(MarketApi);
  protected readonly auth = inject(AuthStore);
  protected readonly language = inject(LanguageService);
  readonly id = input.required<string>();

  protected readonly listing = signal<ListingView | null>(null);
  protected readonly offers = signal<OfferView[]>([]);
  protected readonly intents = signal<IntentView[]>([]);
  protected readonly bidders = signal<BidderView[]>([]);
  protected readonly missing = signal(false);
  protected readonly message = signal('');
  protected readonly licenceOpen = signal(false);
  protected offerPrice = '';
  protected offerTerms = '';

  private readonly myOrgs = computed(() => new Set((this.auth.user()?.memberships ?? []).map((m) => m.organizationId)));
  protected readonly seller = computed(() => !!this.listing() && this.myOrgs().has(this.listing()?.sellerOrgId ?? '') && this.auth.hasRole('tto_manager'));
  protected readonly buyer = computed(() => this.auth.hasRole('enterprise_member') && !this.seller());
  protected readonly negotiable = computed(() => {
    const l = this.listing();
    return !!l && ((l.method === 'negotiation' && l.status === 'open') || (l.status === 'unsold' && l.method !== 'open_licence'));
  });

  constructor() {
    effect(() => void this.load(this.id()));
  }

  async load(id: string): Promise<void> {
    try {
      const l = await this.api.listing(id);
      this.listing.set(l);
      if (this.auth.isAuthenticated()) this.offers.set(await this.api.listingOffers(id));
      if (this.seller()) {
        if (l.method === 'fixed_price') this.intents.set(await this.api.listingIntents(id));
        if (l.auctionId) this.bidders.set(await this.api.bidders(l.auctionId));
      }
    } catch {
      this.missing.set(true);
    }
  }

  protected reload(): void {
    void this.load(this.id());
  }

  protected pick(t: { zh: string | null; en: string | null }): string {
    return pickText(t, this.language.lang());
  }

  protected money(fen: number | null | undefined): string {
    return yuan(fen, this.language.lang());
  }

  protected async take(): Promise<void> {
    this.licenceOpen.set(false);
    try {
      const r = await this.api.takeListing(this.id());
      this.message.set(r.kind === 'licence' ? '✓ licence' : '✓ intent');
      this.reload();
    } catch {
      /* the error interceptor shows the message */
    }
  }

  protected async offer(): Promise<void> {
    const fen = yuanToFen(this.offerPrice);
    if (!fen) return;
    try {
      await this.api.makeOffer(this.id(), fen, this.offerTerms || undefined);
      this.offerPrice = '';
      this.offerTerms = '';
      this.reload();
    } catch {
      /* the error interceptor shows the message */
    }
  }

  protected async withdraw(): Promise<void> {
    try {
      this.listing.set(await this.api.withdrawListing(this.id()));
    } catch {
      /* the error interceptor shows the message */
    }
  }

  protected async decide(orgId: string, status: 'approved' | 'rejected'): Promise<void> {
    const a = this.listing()?.auctionId;
    if (a) this.bidders.set(await this.api.decideBidder(a, orgId, status));
  }
}
