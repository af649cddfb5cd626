import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AUCTION_KINDS, LICENCE_SCOPES, LISTING_METHODS, MARKET_DEAL_TYPES, OPEN_LICENCE_FEE_TYPES, type MarketDealType } from '@ttx/shared/contracts';
import { type AchievementSummaryView, CatalogApi, MarketApi } from '@ttx/web/api-client';
import { LanguageService } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { emptyListingForm, listingFormProblems, toListingInput, type ListingForm } from './listing-form-input';
import { pickText } from './market-text';
import { type PickerQuery, SearchSelect } from '../shared/search-select';
import { AccessibleLabel } from '@ttx/web/ui';

/** The TTO lists one of its institution's published achievements: method, deal type and the method's terms. */
@Component({
  selector: 'ttx-listing-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzAlertModule, NzButtonModule, NzInputModule, NzInputNumberModule, NzSelectModule, SearchSelect],
  styles: `
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 8px 16px; margin-bottom: 12px; }
    .wide { grid-column: 1 / -1; }
    .lbl { display: block; font-size: 12px; color: var(--ttx-text-secondary); margin-bottom: 2px; }
    nz-input-number, nz-select { width: 100%; }
    .hint { color: var(--ttx-text-secondary); margin: 8px 0; }
  `,
  template: `
    <div class="ttx-page" style="max-width: 960px">
      <h1 data-testid="listing-form-heading">{{ 'market.form.title' | transloco }}</h1>
      <div class="grid">
        <div class="wide"><span class="lbl">{{ 'market.form.achievement' | transloco }}</span>
          <ttx-search-select [ttxLabel]="'market.form.achievement' | transloco" [search]="searchAchievements" [label]="achievementLabel" [placeholder]="'market.form.pickAchievement' | transloco"
            [ngModel]="form().achievementId" (picked)="pickAchievement($event)" data-testid="lf-achievement" /></div>
        <div><span class="lbl">{{ 'market.col.method' | transloco }}</span>
          <nz-select [ttxLabel]="'market.col.method' | transloco" [ngModel]="form().method" (ngModelChange)="patch({ method: $event })" data-testid="lf-method">
            @for (m of methods; track m) { <nz-option [nzValue]="m" [nzLabel]="'market.method.' + m | transloco" /> }
          </nz-select></div>
        @if (form().method !== 'open_licence') {
          <div><span class="lbl">{{ 'market.col.dealType' | transloco }}</span>
            <nz-select [ttxLabel]="'market.col.dealType' | transloco" [ngModel]="form().dealType" (ngModelChange)="patch({ dealType: $event, licenceScope: null })" data-testid="lf-deal-type">
              @for (d of dealTypes(); track d) { <nz-option [nzValue]="d" [nzLabel]="'market.dealType.' + d | transloco" /> }
            </nz-select></div>
          @if (form().dealType === 'licence') {
            <div><span class="lbl">{{ 'market.form.licenceScope' | transloco }}</span>
              <nz-select [ttxLabel]="'market.form.licenceScope' | transloco" [ngModel]="form().licenceScope" (ngModelChange)="patch({ licenceScope: $event })" data-testid="lf-scope">
                @for (s of scopes; track s) { <nz-option [nzValue]="s" [nzLabel]="'market.scope.' + s | transloco" /> }
              </nz-select></div>
          }
        }
        @if (form().method === 'fixed_price' || form().method === 'negotiation') {
          <div><span class="lbl">{{ (form().method === 'fixed_price' ? 'market.form.fixedPrice' : 'market.form.askingPrice') | transloco }}</span>
            <input nz-input [ttxLabel]="(form().method === 'fixed_price' ? 'market.form.fixedPrice' : 'market.form.askingPrice') | transloco" inputmode="decimal" [ngModel]="form().price" (ngModelChange)="patch({ price: $event })" data-testid="lf-price" /></div>
        }
        @if (form().method === 'fixed_price') {
          <div><span class="lbl">{{ 'market.form.periodDays' | transloco }}</span>
            <nz-input-number [ttxLabel]="'market.form.periodDays' | transloco" [nzMin]="1" [nzMax]="365" [ngModel]="form().periodDays" (ngModelChange)="patch({ periodDays: $event })" data-testid="lf-period" /></div>
        }
      </div>
      @if (form().method === 'auction') {
        <h3>{{ 'market.method.auction' | transloco }}</h3>
        <div class="grid">
          <div><span class="lbl">{{ 'market.form.auctionKind' | transloco }}</span>
            <nz-select [ttxLabel]="'market.form.auctionKind' | transloco" [ngModel]="form().auctionKind" (ngModelChange)="patch({ auctionKind: $event })">
              @for (k of auctionKinds; track k) { <nz-option [nzValue]="k" [nzLabel]="'market.auctionKind.' + k | transloco" /> }
            </nz-select></div>
          @for (f of auctionMoney; track f) {
            <div><span class="lbl">{{ 'market.form.' + f | transloco }}</span>
              <input nz-input [ttxLabel]="'market.form.' + f | transloco" inputmode="decimal" [ngModel]="form()[f]" (ngModelChange)="patchText(f, $event)" [attr.data-testid]="'lf-' + f" /></div>
          }
          <div><span class="lbl">{{ 'market.form.endsAt' | transloco }}</span>
            <input nz-input [ttxLabel]="'market.form.endsAt' | transloco" type="datetime-local" [ngModel]="form().endsAt" (ngModelChange)="patch({ endsAt: $event })" data-testid="lf-ends-at" /></div>
          <div><span class="lbl">{{ 'market.form.softCloseMinutes' | transloco }}</span>
            <nz-input-number [ttxLabel]="'market.form.softCloseMinutes' | transloco" [nzMin]="0" [nzMax]="60" [ngModel]="form().softCloseMinutes" (ngModelChange)="patch({ softCloseMinutes: $event })" /></div>
        </div>
      }
      @if (form().method === 'open_licence') {
        <h3>{{ 'market.detail.openLicence' | transloco }}</h3>
        <div class="grid">
          <div><span class="lbl">{{ 'market.form.feeType' | transloco }}</span>
            <nz-select [ttxLabel]="'market.form.feeType' | transloco" [ngModel]="form().feeType" (ngModelChange)="patch({ feeType: $event })" data-testid="lf-fee-type">
              @for (t of feeTypes; track t) { <nz-option [nzValue]="t" [nzLabel]="'market.feeType.' + t | transloco" /> }
            </nz-select></div>
          @if (form().feeType !== 'royalty') {
            <div><span class="lbl">{{ 'market.form.lumpSum' | transloco }}</span>
              <input nz-input [ttxLabel]="'market.form.lumpSum' | transloco" inputmode="decimal" [ngModel]="form().lumpSum" (ngModelChange)="patch({ lumpSum: $event })" data-testid="lf-lumpSum" /></div>
          }
          @if (form().feeType !== 'lump_sum') {
            <div><span class="lbl">{{ 'market.form.royaltyPct' | transloco }}</span>
              <nz-input-number [ttxLabel]="'market.form.royaltyPct' | transloco" [nzMin]="0.01" [nzMax]="100" [nzStep]="0.5" [ngModel]="form().royaltyPct" (ngModelChange)="patch({ royaltyPct: $event })" /></div>
          }
          <div><span class="lbl">{{ 'market.form.termMonths' | transloco }}</span>
            <nz-input-number [ttxLabel]="'market.form.termMonths' | transloco" [nzMin]="12" [nzMax]="600" [ngModel]="form().termMonths" (ngModelChange)="patch({ termMonths: $event })" /></div>
        </div>
      }
      <div class="grid">
        <div class="wide"><span class="lbl">{{ 'market.detail.terms' | transloco }}</span>
          <textarea [ttxLabel]="'market.detail.terms' | transloco" nz-input rows="3" maxlength="5000" [ngModel]="form().terms" (ngModelChange)="patch({ terms: $event })" data-testid="lf-terms"></textarea></div>
      </div>
      <nz-alert nzType="info" [nzMessage]="'market.form.evaluationHint' | transloco" data-testid="lf-evaluation-hint" />
      @if (governmentFunded()) {
        <div class="grid" style="margin-top: 12px">
          <div class="wide"><span class="lbl">{{ 'market.detail.justification' | transloco }}</span>
            <textarea [ttxLabel]="'market.detail.justification' | transloco" nz-input rows="3" maxlength="2000" [placeholder]="'market.form.justificationHint' | transloco" [ngModel]="form().justification" (ngModelChange)="patch({ justification: $event })" data-testid="lf-justification"></textarea></div>
        </div>
      }
      @if (problems().length && touched()) {
        <div class="hint" data-testid="lf-problems">{{ 'market.form.missing' | transloco }}:
          @for (p of problems(); track p; let last = $last) { {{ 'market.form.' + p | transloco }}@if (!last) {, } }
        </div>
      }
      <div style="display: flex; flex-wrap: wrap; gap: 8px; margin-top: 16px">
        <button nz-button nzType="primary" [disabled]="saving()" (click)="save()" data-testid="lf-submit">{{ 'market.form.submit' | transloco }}</button>
        <a nz-button nzType="link" routerLink="/market/mine">{{ 'market.mine.title' | transloco }}</a>
      </div>
    </div>
  `,
})
export class ListingFormPage {
  private readonly api = inject(MarketApi);
  private readonly catalogApi = inject(CatalogApi);
  private readonly router = inject(Router);
  private readonly language = inject(LanguageService);

  protected readonly methods = LISTING_METHODS;
  protected readonly scopes = LICENCE_SCOPES;
  protected readonly auctionKinds = AUCTION_KINDS;
  protected readonly feeTypes = OPEN_LICENCE_FEE_TYPES;
  protected readonly auctionMoney = ['startPrice', 'increment', 'reserve', 'deposit'] as const;
  /** The institution's published achievements, searched by title; `achievement` is the one picked. */
  protected readonly searchAchievements = (p: PickerQuery) => this.catalogApi.myAchievements({ status: 'published', ...p });
  protected readonly achievementLabel = (a: AchievementSummaryView) => pickText(a.title, this.language.lang());
  private readonly achievement = signal<AchievementSummaryView | null>(null);
  protected readonly form = signal<ListingForm>(emptyListingForm());
  protected readonly governmentFunded = signal(false);
  protected readonly touched = signal(false);
  protected readonly saving = signal(false);
  protected readonly problems = computed(() => listingFormProblems(this.form()));
  /** The deal types the owner accepts for the picked achievement that the market trades. */
  protected readonly dealTypes = computed<MarketDealType[]>(() => {
    const a = this.achievement();
    return MARKET_DEAL_TYPES.filter((d) => !a || (a.dealTypes as string[]).includes(d));
  });

  protected patch(p: Partial<ListingForm>): void {
    this.form.update((f) => ({ ...f, ...p }));
  }

  protected patchText(key: 'startPrice' | 'increment' | 'reserve' | 'deposit', v: string): void {
    this.patch({ [key]: v } as Partial<ListingForm>);
  }

  /** A government-funded achievement may need a below-value justification: the detail says whether it is one. */
  protected async pickAchievement(picked: AchievementSummaryView | null): Promise<void> {
    this.achievement.set(picked);
    this.patch({ achievementId: picked?.id ?? null, dealType: null, licenceScope: null });
    this.governmentFunded.set(false);
    if (!picked) return;
    const a = await this.catalogApi.achievement(picked.id);
    if (this.form().achievementId === picked.id) this.governmentFunded.set(!!a.fundingProjectNumber);
  }

  async save(): Promise<void> {
    this.touched.set(true);
    if (this.problems().length) return;
    this.saving.set(true);
    try {
      const l = await this.api.createListing(toListingInput(this.form()));
      await this.router.navigate(['/market/listings', l.id]);
    } catch {
      /* the error interceptor shows the problem (e.g. co-owner consent missing, naming the owners) */
    } finally {
      this.saving.set(false);
    }
  }
}
