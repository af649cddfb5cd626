import { HttpContext } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import type { RoyaltyPeriod } from '@ttx/shared/contracts';
import { LicensingApi, type RoyaltyReportView } from '@ttx/web/api-client';
import { SKIP_ERROR_TOAST, toProblem } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { checkSalesForm, currentPeriodEnd, reportablePeriods, type SalesFormErrors } from './licensing-format';
import { AccessibleLabel } from '@ttx/web/ui';

/** The licensee reports net sales of one period (in yuan; sent as fen); the API computes the royalty. */
@Component({
  selector: 'ttx-royalty-report-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, TranslocoPipe, NzAlertModule, NzButtonModule, NzFormModule, NzInputModule, NzSelectModule],
  styles: `.hint { color: var(--ttx-text-secondary); }`,
  template: `
    @if (!periods().length) {
      <p class="hint" data-testid="report-not-yet">{{ 'licensing.report.notYet' | transloco: { end: firstEnd() } }}</p>
    } @else {
    <form nz-form nzLayout="inline" (ngSubmit)="submit()" data-testid="report-form">
      <nz-form-item>
        <nz-form-label>{{ 'licensing.report.period' | transloco }}</nz-form-label>
        <nz-form-control [nzValidateStatus]="errors().period ? 'error' : ''" [nzErrorTip]="errors().period ? ('licensing.report.errors.period.' + errors().period | transloco) : ''">
          <nz-select [ttxLabel]="'licensing.report.period' | transloco" style="width: 140px" name="period" [ngModel]="period()" (ngModelChange)="period.set($event)" data-testid="report-period">
            @for (p of periods(); track p) { <nz-option [nzValue]="p" [nzLabel]="p" /> }
          </nz-select>
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <nz-form-label>{{ 'licensing.report.netSales' | transloco }}</nz-form-label>
        <nz-form-control [nzValidateStatus]="errors().netSales ? 'error' : ''" [nzErrorTip]="errors().netSales ? ('licensing.report.errors.netSales.' + errors().netSales | transloco) : ''">
          <input nz-input [ttxLabel]="'licensing.report.netSales' | transloco" name="netSales" [ngModel]="netSales()" (ngModelChange)="netSales.set($event)" placeholder="0.00" data-testid="report-net-sales" />
        </nz-form-control>
      </nz-form-item>
      <button nz-button nzType="primary" type="submit" [nzLoading]="saving()" data-testid="report-submit">{{ 'licensing.report.submit' | transloco }}</button>
    </form>
    }
    @if (serverError()) { <nz-alert nzType="error" [nzMessage]="serverError()" data-testid="report-error" /> }
  `,
})
export class RoyaltyReportForm {
  private readonly api = inject(LicensingApi);
  readonly licenceId = input.required<string>();
  readonly royaltyPeriod = input.required<RoyaltyPeriod>();
  readonly startsOn = input.required<string>();
  /** Periods already reported (a second report of a period is refused). */
  readonly reported = input<string[]>([]);
  readonly saved = output<RoyaltyReportView>();

  protected readonly periods = computed(() => reportablePeriods(this.royaltyPeriod(), this.startsOn(), new Date()));
  protected readonly firstEnd = computed(() => currentPeriodEnd(this.royaltyPeriod(), new Date()));
  protected readonly period = signal<string | null>(null);
  protected readonly netSales = signal('');
  protected readonly errors = signal<SalesFormErrors>({});
  protected readonly serverError = signal('');
  protected readonly saving = signal(false);

  async submit(): Promise<void> {
    if (this.saving()) return;
    const period = this.period() ?? this.periods().find((p) => !this.reported().includes(p)) ?? null;
    this.period.set(period);
    const { errors, fen } = checkSalesForm(period, this.netSales(), this.reported());
    this.errors.set(errors);
    this.serverError.set('');
    if (fen === null || !period) return;
    this.saving.set(true);
    try {
      const report = await this.api.reportRoyalty(this.licenceId(), { period, netSales: fen }, new HttpContext().set(SKIP_ERROR_TOAST, true));
      this.netSales.set('');
      this.period.set(null);
      this.saved.emit(report);
    } catch (e) {
      const p = toProblem(e);
      this.serverError.set(p ? [p.detail ?? p.title, ...(p.errors ?? []).map((f) => `${f.field}: ${f.message}`)].join(' · ') : String(e));
    } finally {
      this.saving.set(false);
    }
  }
}
