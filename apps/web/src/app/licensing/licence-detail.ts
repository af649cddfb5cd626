import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type DistributionEntryView, type InvoiceView, type LicenceDetailView, LicensingApi } from '@ttx/web/api-client';
import { AuthStore, LanguageService, reloadOn } from '@ttx/web/core';
import { TWO_COLUMNS } from '@ttx/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { CostForm } from './cost-form';
import { DistributionTable } from './distribution-table';
import { InvoiceTable } from './invoice-table';
import { LicenceActions } from './licence-actions';
import { LicenceTerms } from './licence-terms';
import { bpToPct, deferralState, LICENCE_STATUS_COLOURS, pickText, yuan } from './licensing-format';
import { RoyaltyReportForm } from './royalty-report-form';

/**
 * One licence: parties, scope and terms (with the use-first-pay-later deferral end), milestones, royalty
 * reports, invoices. The licensee reports sales and pays; the licensor's TTO activates or terminates it, sees
 * each payment's split and records deal costs.
 */
@Component({
  selector: 'ttx-licence-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzAlertModule, NzButtonModule, NzDescriptionsModule, NzTableModule, NzTagModule, CostForm, DistributionTable, InvoiceTable, LicenceActions, LicenceTerms, RoyaltyReportForm],
  template: `
    <div class="ttx-page" style="max-width: 1100px">
      <a routerLink="/licensing">← {{ 'licensing.mine' | transloco }}</a>
      @if (l(); as l) {
        <h1 data-testid="licence-title">{{ pick(l.title) }}</h1>
        <p>
          <strong data-testid="licence-number">{{ l.number }}</strong>
          <nz-tag [nzColor]="colour(l.status)" data-testid="licence-status">{{ 'licensing.status.' + l.status | transloco }}</nz-tag>
          <nz-tag>{{ 'licensing.kind.' + l.kind | transloco }}</nz-tag>
          @if (l.sublicensing) { <nz-tag>{{ 'licensing.sublicensing' | transloco }}</nz-tag> }
        </p>
        @if (licensor() && auth.hasRole('tto_manager')) {
          <ttx-licence-actions [licence]="l" (changed)="changed($event)" />
        }
        @if (deferral() !== 'none') {
          <nz-alert [nzType]="deferral() === 'ended' ? 'success' : 'info'" data-testid="licence-deferral"
            [nzMessage]="'licensing.deferral.' + deferral() | transloco: { until: l.deferredUntil ?? '' }" />
        }
        <nz-descriptions nzBordered [nzColumn]="twoColumns" nzSize="small" class="block">
          <nz-descriptions-item [nzTitle]="'licensing.detail.licensor' | transloco">{{ l.licensorName }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'licensing.detail.licensee' | transloco">{{ l.licenseeName }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'licensing.detail.term' | transloco">{{ l.startsOn }} – {{ l.endsOn }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'licensing.detail.territory' | transloco">{{ l.territory.join(', ') }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'licensing.detail.fields' | transloco">{{ l.fieldsOfUse.join(', ') || '—' }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'licensing.detail.outstanding' | transloco">
            <span data-testid="licence-outstanding">{{ money(l.outstanding) }}</span>
            @if (l.overdue > 0) { <nz-tag nzColor="red">{{ 'licensing.overdueAmount' | transloco: { amount: money(l.overdue) } }}</nz-tag> }
          </nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'licensing.detail.terms' | transloco" [nzSpan]="2">
            <ttx-licence-terms [terms]="l.terms" [deferredUntil]="l.deferredUntil" />
          </nz-descriptions-item>
          @if (l.licensors.length) {
            <nz-descriptions-item [nzTitle]="'licensing.detail.licensors' | transloco" [nzSpan]="2">
              @for (s of l.licensors; track $index) { <span class="licensor">{{ s.name }} {{ pct(s.shareBp) }}%</span> }
            </nz-descriptions-item>
          }
        </nz-descriptions>

        @if (l.milestones.length) {
          <h2>{{ 'licensing.milestones.title' | transloco }}</h2>
          <nz-table [nzData]="l.milestones" [nzFrontPagination]="false" nzSize="small" data-testid="milestone-table">
            <thead><tr><th>{{ 'licensing.milestones.name' | transloco }}</th><th nzAlign="right">{{ 'licensing.milestones.amount' | transloco }}</th><th>{{ 'licensing.milestones.status' | transloco }}</th></tr></thead>
            <tbody>
              @for (m of l.milestones; track m.id) {
                <tr data-testid="milestone-row">
                  <td>{{ m.name }}</td>
                  <td nzAlign="right">{{ money(m.amount) }}</td>
                  <td>
                    <nz-tag [nzColor]="m.status === 'confirmed' ? 'green' : 'default'" data-testid="milestone-status">{{ 'licensing.milestones.' + m.status | transloco }}</nz-tag> {{ m.confirmedAt?.slice(0, 10) ?? '' }}
                    @if (m.status === 'pending' && licensor() && auth.hasRole('tto_manager')) {
                      <button nz-button nzSize="small" (click)="confirm(m.id)" data-testid="milestone-confirm">{{ 'licensing.milestones.confirm' | transloco }}</button>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </nz-table>
        }

        @if (l.terms.royalty; as r) {
          <h2>{{ 'licensing.reports.title' | transloco }}</h2>
          @if (l.missingReports.length) {
            <nz-alert nzType="warning" data-testid="reports-missing" [nzMessage]="'licensing.reports.missing' | transloco: { periods: l.missingReports.join(', ') }" />
          }
          @if (licensee() && l.status === 'active') {
            <ttx-royalty-report-form [licenceId]="l.id" [royaltyPeriod]="r.period" [startsOn]="l.startsOn" [reported]="reportedPeriods()" (saved)="reload()" />
          }
          <nz-table [nzData]="l.royaltyReports" [nzFrontPagination]="false" nzSize="small" [nzNoResult]="'licensing.reports.empty' | transloco" data-testid="report-table">
            <thead><tr><th>{{ 'licensing.report.period' | transloco }}</th><th nzAlign="right">{{ 'licensing.report.netSales' | transloco }}</th><th nzAlign="right">{{ 'licensing.reports.royalty' | transloco }}</th><th>{{ 'licensing.reports.submittedAt' | transloco }}</th></tr></thead>
            <tbody>
              @for (rep of l.royaltyReports; track rep.id) {
                <tr data-testid="report-row">
                  <td>{{ rep.period }}</td>
                  <td nzAlign="right">{{ money(rep.netSales) }}</td>
                  <td nzAlign="right" data-testid="report-royalty">{{ money(rep.royalty) }}</td>
                  <td>{{ rep.submittedAt.slice(0, 10) }} @if (rep.late) { <nz-tag nzColor="orange" data-testid="report-late">{{ 'licensing.reports.late' | transloco }}</nz-tag> }</td>
                </tr>
              }
            </tbody>
          </nz-table>
        }

        <h2>{{ 'licensing.invoices.title' | transloco }}</h2>
        <ttx-invoice-table [invoices]="invoices()" [canPay]="licensee() && auth.hasRole('enterprise_member')" (paid)="reload()" />

        @if (licensor()) {
          <h2>{{ 'licensing.distribution.title' | transloco }}</h2>
          <p class="policy">{{ 'licensing.distribution.policy' | transloco: { team: l.policy.teamNetIncomeSharePct, tto: l.policy.ttoRetentionPct } }}</p>
          @if (auth.hasRole('tto_manager')) {
            <h3>{{ 'licensing.cost.title' | transloco }}</h3>
            <ttx-cost-form [licenceId]="l.id" (saved)="reload()" />
          }
          <ttx-distribution-table [entries]="distributions()" />
        }
      } @else if (missing()) {
        <p data-testid="licence-missing">{{ 'licensing.notFound' | transloco }}</p>
      }
    </div>
  `,
  styles: `
    .block { display: block; margin: 16px 0; }
    .licensor { margin-right: 12px; }
    .policy { color: var(--ttx-text-secondary); }
    h2 { margin-top: 24px; }
  `,
})
export class LicenceDetail {
  protected readonly twoColumns = TWO_COLUMNS;
  private readonly api = inject(LicensingApi);
  protected readonly auth = inject(AuthStore);
  private readonly language = inject(LanguageService);
  readonly id = input.required<string>();

  protected readonly l = signal<LicenceDetailView | null>(null);
  protected readonly invoices = signal<InvoiceView[]>([]);
  protected readonly distributions = signal<DistributionEntryView[]>([]);
  protected readonly missing = signal(false);
  protected readonly licensee = computed(() => this.l()?.role === 'licensee');
  protected readonly licensor = computed(() => this.l()?.role === 'licensor' || this.l()?.role === 'admin');
  protected readonly deferral = computed(() => {
    const l = this.l();
    return l ? deferralState(l.terms, l.deferredUntil, new Date()) : 'none';
  });
  protected readonly reportedPeriods = computed(() => (this.l()?.royaltyReports ?? []).map((r) => r.period));

  constructor() {
    reloadOn(() => this.id(), (id) => this.load(id));
  }

  protected reload(): Promise<void> {
    return this.load(this.id());
  }

  /** After activation or termination: the new state at once, then the invoices activation may have queued. */
  protected changed(licence: LicenceDetailView): void {
    this.l.set(licence);
    void this.reload();
  }

  protected async confirm(milestoneId: string): Promise<void> {
    try {
      this.l.set(await this.api.confirmMilestone(this.id(), milestoneId));
    } catch {
      /* shown by the error interceptor */
    }
  }

  /**
   * The licence first: when it is unknown or not the caller's, its invoices answer 404 as well and a second
   * "not found" toast repeated the first. Only a licence the caller sees has its invoices (and, for the
   * licensor, the payment splits) fetched, side by side.
   */
  private async load(id: string): Promise<void> {
    let licence: LicenceDetailView;
    try {
      licence = await this.api.licence(id);
    } catch {
      this.missing.set(!this.l()); // the error interceptor has said why, once
      return;
    }
    this.l.set(licence);
    this.missing.set(false);
    await Promise.all([
      this.api.invoices(id).then((items) => this.invoices.set(items)),
      licence.role !== 'licensee' ? this.api.distributions(id).then((items) => this.distributions.set(items)) : null,
    ]).catch(() => undefined); // shown by the error interceptor; the licence itself stays on the page
  }

  protected pick(t: LicenceDetailView['title']): string {
    return pickText(t, this.language.lang());
  }
  protected money(fen: number): string {
    return yuan(fen, this.language.lang());
  }
  protected pct(bp: number): string {
    return bpToPct(bp);
  }
  protected colour(s: LicenceDetailView['status']): string {
    return LICENCE_STATUS_COLOURS[s] ?? 'default';
  }
}
