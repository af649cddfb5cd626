import { ChangeDetectionStrategy, Component, inject, input, type OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ROYALTY_PERIODS } from '@ttx/shared/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { FieldError } from '../auth/field-error';
import { milestoneGroup, OPTIONAL_TERMS, type OptionalTerm, type TermsGroup } from './licence-form-group';
import { DEFERRAL_LENGTHS } from './licence-form-input';
import { AccessibleLabel } from '@ttx/web/ui';

/**
 * The combinable payment terms of a licence (DOMAIN.md §3): lump sum, milestones, running royalty, equity and
 * the use-first-pay-later deferral. Each optional part is switched on by its checkbox; a switched-off part is
 * disabled, so it is neither checked nor sent.
 */
@Component({
  selector: 'ttx-licence-terms-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, ReactiveFormsModule, TranslocoPipe, NzButtonModule, NzCheckboxModule, NzFormModule, NzInputModule, NzInputNumberModule, NzSelectModule, FieldError],
  styles: `
    .part { border: 1px solid #f0f0f0; border-radius: 4px; padding: 8px 12px; margin-bottom: 8px; }
    .row { display: flex; gap: 12px; flex-wrap: wrap; align-items: flex-start; }
    .row > nz-form-item { flex: 1 1 180px; margin-bottom: 8px; }
    nz-input-number, nz-select { width: 100%; }
    .error { color: var(--ttx-error); display: block; margin: 4px 0; }
    .hint { color: var(--ttx-text-secondary); font-size: 12px; }
  `,
  template: `
    <ng-container [formGroup]="group()">
      <span class="error"><ttx-field-error [control]="group()" testId="lf-terms-error" /></span>

      <div class="part">
        <span nz-checkbox [ttxLabel]="'licensing.form.lumpSum' | transloco" [nzChecked]="on().lumpSum" (nzCheckedChange)="toggle('lumpSum', $event)" data-testid="lf-use-lumpSum">{{ 'licensing.form.lumpSum' | transloco }}</span>
        @if (on().lumpSum) {
          <div class="row" formGroupName="lumpSum">
            <nz-form-item><nz-form-label nzRequired>{{ 'licensing.form.amountYuan' | transloco }}</nz-form-label>
              <nz-form-control [nzErrorTip]="err"><input nz-input [ttxLabel]="'licensing.form.amountYuan' | transloco" inputmode="decimal" formControlName="amount" data-testid="lf-lump-amount" /></nz-form-control></nz-form-item>
            <nz-form-item><nz-form-label nzRequired>{{ 'licensing.form.dueDays' | transloco }}</nz-form-label>
              <nz-form-control [nzErrorTip]="err"><nz-input-number [ttxLabel]="'licensing.form.dueDays' | transloco" [nzMin]="0" [nzMax]="365" formControlName="dueDays" data-testid="lf-lump-due" /></nz-form-control></nz-form-item>
          </div>
        }
      </div>

      <div class="part" formArrayName="milestones">
        <strong>{{ 'licensing.form.milestones' | transloco }}</strong>
        <span class="error"><ttx-field-error [control]="group().controls.milestones" testId="lf-milestones-error" /></span>
        @for (m of group().controls.milestones.controls; track m; let i = $index) {
          <div class="row" [formGroupName]="i" data-testid="lf-milestone">
            <nz-form-item><nz-form-label nzRequired>{{ 'licensing.form.milestoneName' | transloco }}</nz-form-label>
              <nz-form-control [nzErrorTip]="err"><input nz-input [ttxLabel]="'licensing.form.milestoneName' | transloco" maxlength="200" formControlName="name" data-testid="lf-milestone-name" /></nz-form-control></nz-form-item>
            <nz-form-item><nz-form-label nzRequired>{{ 'licensing.form.amountYuan' | transloco }}</nz-form-label>
              <nz-form-control [nzErrorTip]="err"><input nz-input [ttxLabel]="'licensing.form.amountYuan' | transloco" inputmode="decimal" formControlName="amount" data-testid="lf-milestone-amount" /></nz-form-control></nz-form-item>
            <button nz-button nzType="link" type="button" (click)="group().controls.milestones.removeAt(i)" data-testid="lf-milestone-remove">{{ 'licensing.form.remove' | transloco }}</button>
          </div>
        }
        <button nz-button nzSize="small" type="button" (click)="addMilestone()" [disabled]="group().controls.milestones.length >= 20" data-testid="lf-milestone-add">{{ 'licensing.form.addMilestone' | transloco }}</button>
      </div>

      <div class="part">
        <span nz-checkbox [ttxLabel]="'licensing.form.royalty' | transloco" [nzChecked]="on().royalty" (nzCheckedChange)="toggle('royalty', $event)" data-testid="lf-use-royalty">{{ 'licensing.form.royalty' | transloco }}</span>
        @if (on().royalty) {
          <div class="row" formGroupName="royalty">
            <nz-form-item><nz-form-label nzRequired>{{ 'licensing.form.ratePct' | transloco }}</nz-form-label>
              <nz-form-control [nzErrorTip]="err"><nz-input-number [ttxLabel]="'licensing.form.ratePct' | transloco" [nzMin]="0.01" [nzMax]="100" [nzStep]="0.5" formControlName="rateBp" data-testid="lf-royalty-rate" /></nz-form-control></nz-form-item>
            <nz-form-item><nz-form-label>{{ 'licensing.form.period' | transloco }}</nz-form-label>
              <nz-form-control><nz-select [ttxLabel]="'licensing.form.period' | transloco" formControlName="period" data-testid="lf-royalty-period">
                @for (p of periods; track p) { <nz-option [nzValue]="p" [nzLabel]="'licensing.form.periods.' + p | transloco" /> }
              </nz-select></nz-form-control></nz-form-item>
            <nz-form-item><nz-form-label>{{ 'licensing.form.minimumAnnual' | transloco }}</nz-form-label>
              <nz-form-control [nzErrorTip]="err"><input nz-input [ttxLabel]="'licensing.form.minimumAnnual' | transloco" inputmode="decimal" formControlName="minimumAnnual" data-testid="lf-royalty-minimum" /></nz-form-control></nz-form-item>
          </div>
        }
      </div>

      <div class="part">
        <span nz-checkbox [ttxLabel]="'licensing.form.equity' | transloco" [nzChecked]="on().equity" (nzCheckedChange)="toggle('equity', $event)" data-testid="lf-use-equity">{{ 'licensing.form.equity' | transloco }}</span>
        @if (on().equity) {
          <span class="error"><ttx-field-error [control]="group().controls.equity" testId="lf-equity-error" /></span>
          <div class="row" formGroupName="equity">
            <nz-form-item><nz-form-label>{{ 'licensing.form.shares' | transloco }}</nz-form-label>
              <nz-form-control [nzErrorTip]="err"><nz-input-number [ttxLabel]="'licensing.form.shares' | transloco" [nzMin]="1" [nzPrecision]="0" formControlName="shares" data-testid="lf-equity-shares" /></nz-form-control></nz-form-item>
            <nz-form-item><nz-form-label>{{ 'licensing.form.equityPct' | transloco }}</nz-form-label>
              <nz-form-control [nzErrorTip]="err"><nz-input-number [ttxLabel]="'licensing.form.equityPct' | transloco" [nzMin]="0.01" [nzMax]="100" formControlName="percentBp" data-testid="lf-equity-pct" /></nz-form-control></nz-form-item>
            <nz-form-item><nz-form-label>{{ 'licensing.form.note' | transloco }}</nz-form-label>
              <nz-form-control [nzErrorTip]="err"><input nz-input [ttxLabel]="'licensing.form.note' | transloco" maxlength="500" formControlName="note" /></nz-form-control></nz-form-item>
          </div>
        }
      </div>

      <div class="part">
        <span nz-checkbox [ttxLabel]="'licensing.form.deferral' | transloco" [nzChecked]="on().deferral" (nzCheckedChange)="toggle('deferral', $event)" data-testid="lf-use-deferral">{{ 'licensing.form.deferral' | transloco }}</span>
        @if (on().deferral) {
          @let length = group().controls.deferral.controls.length.value;
          <div class="row" formGroupName="deferral">
            <nz-form-item><nz-form-label>{{ 'licensing.form.deferralLength' | transloco }}</nz-form-label>
              <nz-form-control [nzErrorTip]="err"><nz-select [ttxLabel]="'licensing.form.deferralLength' | transloco" formControlName="length" data-testid="lf-deferral-length">
                @for (d of lengths; track d) { <nz-option [nzValue]="d" [nzLabel]="'licensing.form.deferralLengths.' + d | transloco" /> }
              </nz-select></nz-form-control></nz-form-item>
            @if (length === 'months') {
              <nz-form-item><nz-form-label nzRequired>{{ 'licensing.form.deferralMonths' | transloco }}</nz-form-label>
                <nz-form-control [nzErrorTip]="err"><nz-input-number [ttxLabel]="'licensing.form.deferralMonths' | transloco" [nzMin]="0" [nzMax]="60" [nzPrecision]="0" formControlName="months" data-testid="lf-deferral-months" /></nz-form-control></nz-form-item>
            }
            @if (length !== 'firstSales') {
              <nz-form-item><nz-form-control [nzErrorTip]="err">
                <span nz-checkbox [ttxLabel]="'licensing.form.untilFirstSales' | transloco" formControlName="untilFirstSales" data-testid="lf-deferral-first-sales">{{ 'licensing.form.untilFirstSales' | transloco }}</span>
              </nz-form-control></nz-form-item>
            }
          </div>
        }
      </div>
    </ng-container>
    <ng-template #err let-control><ttx-field-error [control]="control" /></ng-template>
  `,
})
export class LicenceTermsFields implements OnInit {
  private readonly fb = inject(NonNullableFormBuilder);
  readonly group = input.required<TermsGroup>();
  protected readonly periods = ROYALTY_PERIODS;
  protected readonly lengths = DEFERRAL_LENGTHS;
  /** Which optional parts are switched on (mirrors their groups' enabled state, which is not a signal). */
  protected readonly on = signal<Record<OptionalTerm, boolean>>({ lumpSum: false, royalty: false, equity: false, deferral: false });

  ngOnInit(): void {
    this.on.set(Object.fromEntries(OPTIONAL_TERMS.map((p) => [p, this.group().controls[p].enabled])) as Record<OptionalTerm, boolean>);
  }

  protected toggle(part: OptionalTerm, enabled: boolean): void {
    const control = this.group().controls[part];
    if (enabled) control.enable();
    else control.disable();
    this.on.update((o) => ({ ...o, [part]: enabled }));
  }

  protected addMilestone(): void {
    this.group().controls.milestones.push(milestoneGroup(this.fb));
  }
}
