import { HttpContext } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { distinctUntilChanged } from 'rxjs';
import { TranslocoPipe } from '@jsverse/transloco';
import { LICENCE_KINDS } from '@ttx/shared/contracts';
import { checkCreditCode } from '@ttx/shared/policy';
import { type AchievementSummaryView, BrokerageApi, type BrokerView, CatalogApi, LicensingApi, OrganizationsApi, type OrganizationView } from '@ttx/web/api-client';
import { LanguageService, SKIP_ERROR_TOAST, toProblem } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { FieldError } from '../auth/field-error';
import { applyClientError, applyServerErrors, clearSetErrors } from '../auth/form-errors';
import type { FormAlert } from '../auth/login';
import { buildLicenceForm } from './licence-form-group';
import { controlPath, licenceFormProblems, toLicenceInput, type LicenceFormValue } from './licence-form-input';
import { LicenceTermsFields } from './licence-terms-fields';
import { pickText } from './licensing-format';
import { type PickerQuery, SearchSelect } from '../shared/search-select';
import { AccessibleLabel } from '@ttx/web/ui';

const quiet = () => new HttpContext().set(SKIP_ERROR_TOAST, true);

/**
 * A TTO manager records a licence negotiated off the platform (most technology transfers are): one of the
 * institution's published achievements, the licensee named by its unified social credit code, scope, dates,
 * payment terms and an optional broker. It is saved as a draft and activated on its page.
 */
@Component({
  selector: 'ttx-licence-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AccessibleLabel,
    ReactiveFormsModule, RouterLink, TranslocoPipe, NzAlertModule, NzButtonModule, NzCheckboxModule, NzFormModule, NzInputModule, NzInputNumberModule,
    NzSelectModule, NzTagModule, FieldError, LicenceTermsFields, SearchSelect,
  ],
  styles: `
    .row { display: flex; gap: 12px; flex-wrap: wrap; align-items: flex-start; }
    .row > nz-form-item { flex: 1 1 220px; margin-bottom: 12px; }
    nz-input-number, nz-select, ttx-search-select { width: 100%; }
    .licensee { margin-top: 4px; }
    .alert { margin-bottom: 16px; }
  `,
  template: `
    <div class="ttx-page" style="max-width: 960px">
      <a routerLink="/licensing">← {{ 'licensing.mine' | transloco }}</a>
      <h1 data-testid="licence-form-heading">{{ 'licensing.form.title' | transloco }}</h1>
      <p>{{ 'licensing.form.intro' | transloco }}</p>
      @if (alert(); as a) {
        <nz-alert class="alert" nzType="error" nzShowIcon [nzMessage]="a.key | transloco" [nzDescription]="alertDetail" data-testid="lf-alert" />
        <ng-template #alertDetail>
          @if (a.detail) { <div>{{ a.detail }}</div> }
          @for (line of a.lines ?? []; track $index) { <div>{{ line }}</div> }
        </ng-template>
      }
      <form nz-form nzLayout="vertical" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="licence-form">
        <nz-form-item>
          <nz-form-label nzRequired>{{ 'licensing.form.achievement' | transloco }}</nz-form-label>
          <nz-form-control [nzErrorTip]="err">
            <ttx-search-select [ttxLabel]="'licensing.form.achievement' | transloco" formControlName="achievementId" [search]="searchAchievements" [label]="achievementLabel"
              [placeholder]="'licensing.form.pickAchievement' | transloco" data-testid="lf-achievement" />
          </nz-form-control>
        </nz-form-item>

        <nz-form-item>
          <nz-form-label nzRequired>{{ 'licensing.form.creditCode' | transloco }}</nz-form-label>
          <nz-form-control [nzErrorTip]="err" [nzExtra]="'licensing.form.creditCodeHint' | transloco">
            <input nz-input [ttxLabel]="'licensing.form.creditCode' | transloco" maxlength="18" formControlName="creditCode" style="text-transform: uppercase" data-testid="lf-credit-code" />
          </nz-form-control>
          @if (licensee(); as o) {
            <div class="licensee" data-testid="lf-licensee">
              {{ 'licensing.form.licensee' | transloco }}: <strong>{{ o.name }}</strong>
              @if (o.isSme) { <nz-tag nzColor="blue">{{ 'licensing.form.sme' | transloco }}</nz-tag> }
              @if (!o.verified) { <nz-tag nzColor="orange" data-testid="lf-licensee-unverified">{{ 'licensing.form.unverified' | transloco }}</nz-tag> }
            </div>
          }
        </nz-form-item>

        <div class="row">
          <nz-form-item><nz-form-label nzRequired>{{ 'licensing.col.kind' | transloco }}</nz-form-label>
            <nz-form-control [nzErrorTip]="err"><nz-select [ttxLabel]="'licensing.col.kind' | transloco" formControlName="kind" data-testid="lf-kind">
              @for (k of kinds; track k) { <nz-option [nzValue]="k" [nzLabel]="'licensing.kind.' + k | transloco" /> }
            </nz-select></nz-form-control></nz-form-item>
          <nz-form-item><nz-form-label nzRequired>{{ 'licensing.form.startsOn' | transloco }}</nz-form-label>
            <nz-form-control [nzErrorTip]="err"><input nz-input [ttxLabel]="'licensing.form.startsOn' | transloco" type="date" formControlName="startsOn" data-testid="lf-starts-on" /></nz-form-control></nz-form-item>
          <nz-form-item><nz-form-label nzRequired>{{ 'licensing.form.endsOn' | transloco }}</nz-form-label>
            <nz-form-control [nzErrorTip]="err"><input nz-input [ttxLabel]="'licensing.form.endsOn' | transloco" type="date" formControlName="endsOn" data-testid="lf-ends-on" /></nz-form-control></nz-form-item>
        </div>
        <div class="row">
          <nz-form-item><nz-form-label nzRequired>{{ 'licensing.detail.territory' | transloco }}</nz-form-label>
            <nz-form-control [nzErrorTip]="err" [nzExtra]="'licensing.form.territoryHint' | transloco">
              <nz-select [ttxLabel]="'licensing.detail.territory' | transloco" nzMode="tags" formControlName="territory" [nzTokenSeparators]="[',', ' ']" data-testid="lf-territory">
                <nz-option nzValue="000000" [nzLabel]="'licensing.form.allChina' | transloco" />
              </nz-select></nz-form-control></nz-form-item>
          <nz-form-item><nz-form-label nzRequired>{{ 'licensing.detail.fields' | transloco }}</nz-form-label>
            <nz-form-control [nzErrorTip]="err" [nzExtra]="'licensing.form.fieldsHint' | transloco">
              <nz-select [ttxLabel]="'licensing.detail.fields' | transloco" nzMode="tags" formControlName="fieldsOfUse" [nzTokenSeparators]="[',']" data-testid="lf-fields" /></nz-form-control></nz-form-item>
        </div>
        <nz-form-item><nz-form-control>
          <span nz-checkbox [ttxLabel]="'licensing.sublicensing' | transloco" formControlName="sublicensing" data-testid="lf-sublicensing">{{ 'licensing.sublicensing' | transloco }}</span>
        </nz-form-control></nz-form-item>

        <h2>{{ 'licensing.detail.terms' | transloco }}</h2>
        <ttx-licence-terms-fields [group]="form.controls.terms" />

        <h2>{{ 'licensing.form.broker' | transloco }}</h2>
        <span nz-checkbox [ttxLabel]="'licensing.form.withBroker' | transloco" [nzChecked]="withBroker()" (nzCheckedChange)="toggleBroker($event)" data-testid="lf-use-broker">{{ 'licensing.form.withBroker' | transloco }}</span>
        @if (withBroker()) {
          <div class="row" formGroupName="broker">
            <nz-form-item><nz-form-label nzRequired>{{ 'licensing.form.broker' | transloco }}</nz-form-label>
              <nz-form-control [nzErrorTip]="err"><ttx-search-select [ttxLabel]="'licensing.form.broker' | transloco" formControlName="brokerId" [search]="searchBrokers" [label]="brokerLabel" data-testid="lf-broker" />
              </nz-form-control></nz-form-item>
            <nz-form-item><nz-form-label nzRequired>{{ 'licensing.form.brokerPct' | transloco }}</nz-form-label>
              <nz-form-control [nzErrorTip]="err"><nz-input-number [ttxLabel]="'licensing.form.brokerPct' | transloco" [nzMin]="0.01" [nzMax]="30" formControlName="rateBp" data-testid="lf-broker-rate" /></nz-form-control></nz-form-item>
          </div>
        }

        <div class="row" style="margin-top: 16px">
          <button nz-button nzType="primary" type="submit" [nzLoading]="saving()" data-testid="lf-submit">{{ 'licensing.form.submit' | transloco }}</button>
          <a nz-button nzType="link" routerLink="/licensing">{{ 'licensing.form.cancel' | transloco }}</a>
        </div>
      </form>
      <ng-template #err let-control><ttx-field-error [control]="control" /></ng-template>
    </div>
  `,
})
export class LicenceFormPage {
  private readonly api = inject(LicensingApi);
  private readonly brokerageApi = inject(BrokerageApi);
  private readonly catalogApi = inject(CatalogApi);
  private readonly organizations = inject(OrganizationsApi);
  private readonly router = inject(Router);
  private readonly language = inject(LanguageService);

  protected readonly kinds = LICENCE_KINDS;
  protected readonly form = buildLicenceForm(inject(NonNullableFormBuilder));
  /** The TTO's own institution's published achievements (what it may license), searched by title. */
  protected readonly searchAchievements = (p: PickerQuery) => this.catalogApi.myAchievements({ status: 'published', ...p });
  protected readonly achievementLabel = (a: AchievementSummaryView) => pickText(a.title, this.language.lang());
  protected readonly searchBrokers = (p: PickerQuery) => this.brokerageApi.brokers(p);
  protected readonly brokerLabel = (b: BrokerView) => `${b.displayName} · ${b.organizationName}`;
  protected readonly licensee = signal<OrganizationView | null>(null);
  protected readonly withBroker = signal(false);
  protected readonly saving = signal(false);
  protected readonly alert = signal<FormAlert | null>(null);

  constructor() {
    // Distinct: re-validating the form on submit emits the same value again, which must not drop the licensee.
    this.form.controls.creditCode.valueChanges.pipe(distinctUntilChanged(), takeUntilDestroyed()).subscribe((code) => void this.lookUp(code));
  }

  /** Names the licensee as soon as a well-formed code is typed; a code nobody registered is marked on the field. */
  private async lookUp(typed: string): Promise<void> {
    const code = typed.trim().toUpperCase();
    this.licensee.set(null);
    this.form.controls.licenseeOrgId.setValue('');
    if (checkCreditCode(code)) return;
    try {
      const org = await this.organizations.byCreditCode(code, quiet());
      if (this.form.controls.creditCode.value.trim().toUpperCase() !== code) return; // typed on meanwhile
      this.licensee.set(org);
      this.form.controls.licenseeOrgId.setValue(org.id);
    } catch (e) {
      if (this.form.controls.creditCode.value.trim().toUpperCase() !== code) return;
      const p = toProblem(e);
      if (p?.status === 404) applyClientError(this.form, 'creditCode', 'licensing.form.errors.notFound');
      else applyServerErrors(this.form, p?.errors);
    }
  }

  protected toggleBroker(on: boolean): void {
    this.withBroker.set(on);
    if (on) this.form.controls.broker.enable();
    else this.form.controls.broker.disable();
  }

  async submit(): Promise<void> {
    if (this.saving()) return;
    this.alert.set(null);
    clearSetErrors(this.form);
    const value = this.form.value as LicenceFormValue;
    const problems = licenceFormProblems(value);
    if (problems.length) {
      const unplaced = problems.filter((p) => !applyClientError(this.form, p.field, `licensing.form.errors.${p.key}`));
      this.alert.set({ key: 'licensing.form.fix', lines: unplaced.map((p) => p.field) });
      return;
    }
    this.saving.set(true);
    try {
      const licence = await this.api.createLicence(toLicenceInput(value), quiet());
      await this.router.navigate(['/licensing/licences', licence.id]);
    } catch (e) {
      const p = toProblem(e);
      const lines = applyServerErrors(this.form, p?.errors?.map((fe) => ({ ...fe, field: controlPath(fe.field) })));
      this.alert.set({ key: p ? 'licensing.form.failed' : 'errors.network', detail: p?.detail ?? p?.title, lines });
    } finally {
      this.saving.set(false);
    }
  }
}
