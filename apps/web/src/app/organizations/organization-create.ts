import { HttpContext, HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ORGANIZATION_KINDS, type OrganizationKind } from '@ttx/shared/contracts';
import { OrganizationsApi } from '@ttx/web/api-client';
import { AuthStore, SKIP_ERROR_TOAST, toProblem } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { FieldError } from '../auth/field-error';
import { applyServerErrors, clearSetErrors, revealErrors } from '../auth/form-errors';
import type { FormAlert } from '../auth/login';
import { creditCodeValidator, nameValidator, ORG_NAME_MAX, regionCodeValidator, toOrganizationInput } from './organization-input';
import { AccessibleLabel } from '@ttx/web/ui';

/**
 * Any signed-in user registers an organisation (POST /api/organizations, `organization:create`) and becomes its
 * admin member; the role its kind gives counts once a platform admin verifies it. Checked here as the API checks
 * it; what only the API knows (a real region code, a code already registered) comes back onto the field.
 */
@Component({
  selector: 'ttx-organization-create',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, ReactiveFormsModule, RouterLink, TranslocoPipe, NzAlertModule, NzButtonModule, NzCheckboxModule, NzFormModule, NzInputModule, NzSelectModule, FieldError],
  styles: `
    .alert { margin-bottom: 16px; }
    nz-select { width: 100%; }
  `,
  template: `
    <div class="ttx-page" style="max-width: 640px">
      <a routerLink="/dashboard">← {{ 'nav.dashboard' | transloco }}</a>
      <h1 data-testid="org-create-heading">{{ 'organizations.create.title' | transloco }}</h1>
      <p>{{ 'organizations.create.intro' | transloco }}</p>
      @if (alert(); as a) {
        <nz-alert class="alert" nzType="error" nzShowIcon [nzMessage]="a.key | transloco" [nzDescription]="alertDetail" data-testid="org-alert" />
        <ng-template #alertDetail>
          @if (a.detail) { <div>{{ a.detail }}</div> }
          @for (line of a.lines ?? []; track $index) { <div>{{ line }}</div> }
        </ng-template>
      }
      <form nz-form nzLayout="vertical" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="org-form">
        <nz-form-item>
          <nz-form-label nzFor="org-name" nzRequired>{{ 'organizations.form.name' | transloco }}</nz-form-label>
          <nz-form-control [nzErrorTip]="err">
            <input nz-input id="org-name" formControlName="name" [maxlength]="nameMax" data-testid="org-name" />
          </nz-form-control>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label nzRequired>{{ 'organizations.form.kind' | transloco }}</nz-form-label>
          <nz-form-control [nzErrorTip]="err">
            <nz-select formControlName="kind" [ttxLabel]="'organizations.form.kind' | transloco" [nzPlaceHolder]="'organizations.form.pickKind' | transloco" data-testid="org-kind">
              @for (k of kinds(); track k) { <nz-option [nzValue]="k" [nzLabel]="'admin.organizations.kind.' + k | transloco" /> }
            </nz-select>
          </nz-form-control>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label nzFor="org-credit-code" nzRequired>{{ 'organizations.form.creditCode' | transloco }}</nz-form-label>
          <nz-form-control [nzErrorTip]="err" [nzExtra]="'organizations.form.creditCodeHint' | transloco">
            <input nz-input id="org-credit-code" maxlength="18" formControlName="creditCode" style="text-transform: uppercase" data-testid="org-credit-code" />
          </nz-form-control>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label nzFor="org-region-code" nzRequired>{{ 'organizations.form.regionCode' | transloco }}</nz-form-label>
          <nz-form-control [nzErrorTip]="err" [nzExtra]="'organizations.form.regionCodeHint' | transloco">
            <input nz-input id="org-region-code" maxlength="6" inputmode="numeric" formControlName="regionCode" data-testid="org-region-code" />
          </nz-form-control>
        </nz-form-item>
        @if (kind() === 'enterprise') {
          <nz-form-item>
            <nz-form-control [nzErrorTip]="err">
              <span nz-checkbox [ttxLabel]="'organizations.form.sme' | transloco" formControlName="isSme" data-testid="org-sme">{{ 'organizations.form.sme' | transloco }}</span>
            </nz-form-control>
          </nz-form-item>
        }
        <ng-template #err let-control><ttx-field-error [control]="control" /></ng-template>
        <button nz-button nzType="primary" type="submit" [nzLoading]="submitting()" data-testid="org-submit">{{ 'organizations.create.submit' | transloco }}</button>
      </form>
    </div>
  `,
})
export class OrganizationCreate {
  private readonly api = inject(OrganizationsApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);
  private readonly transloco = inject(TranslocoService);
  protected readonly nameMax = ORG_NAME_MAX;

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    name: ['', [Validators.required, nameValidator]],
    kind: this.fb.control<OrganizationKind | null>(null, Validators.required),
    creditCode: ['', [Validators.required, creditCodeValidator]],
    regionCode: ['', [Validators.required, regionCodeValidator]],
    isSme: [false],
  });
  protected readonly kind = toSignal(this.form.controls.kind.valueChanges, { initialValue: null });
  /** Technology-market administrations are registered by platform admins only (the API answers 403 to anyone else). */
  protected readonly kinds = computed(() => ORGANIZATION_KINDS.filter((k) => k !== 'administration' || this.auth.hasRole('platform_admin')));
  protected readonly submitting = signal(false);
  protected readonly alert = signal<FormAlert | null>(null);

  protected async submit(): Promise<void> {
    if (this.submitting()) return;
    this.alert.set(null);
    clearSetErrors(this.form);
    const value = this.form.getRawValue();
    if (this.form.invalid || !value.kind) {
      revealErrors(this.form);
      this.alert.set({ key: 'organizations.create.fix' });
      return;
    }
    this.submitting.set(true);
    try {
      const org = await this.api.create(toOrganizationInput({ ...value, kind: value.kind }), new HttpContext().set(SKIP_ERROR_TOAST, true));
      await this.auth.loadMe(); // the new membership, awaiting verification, shows on the dashboard
      this.message.success(this.transloco.translate('organizations.create.done', { name: org.name }));
      // A platform admin can verify it at once; anyone else waits for that on the dashboard.
      await this.router.navigate([this.auth.hasRole('platform_admin') ? '/admin/organizations' : '/dashboard']);
    } catch (error) {
      this.alert.set(this.describe(error));
    } finally {
      this.submitting.set(false);
    }
  }

  /** Field problems go under their fields; a taken code under the code; the rest into the alert. */
  private describe(error: unknown): FormAlert {
    if (!(error instanceof HttpErrorResponse)) return { key: 'organizations.create.failed' };
    if (error.status === 0) return { key: 'errors.network' };
    const problem = toProblem(error);
    if (error.status === 409) {
      applyServerErrors(this.form, [{ field: 'creditCode', message: problem?.detail ?? problem?.title ?? '' }]);
      return { key: 'organizations.create.taken' };
    }
    const lines = applyServerErrors(this.form, problem?.errors);
    const detail = problem?.errors?.length ? undefined : (problem?.detail ?? problem?.title);
    return { key: error.status === 403 ? 'organizations.create.forbidden' : 'organizations.create.failed', detail, lines };
  }
}
