import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore, toProblem } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { FieldError } from './field-error';
import { applyServerErrors, matchPasswords, revealErrors } from './form-errors';
import type { FormAlert } from './login';

export const PASSWORD_MIN = 8;
export const DISPLAY_NAME_MAX = 100;

@Component({
  selector: 'ttx-register',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslocoPipe,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    FieldError,
  ],
  templateUrl: './register.html',
})
export class Register {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      email: ['', [Validators.required, Validators.email]],
      displayName: ['', [Validators.required, Validators.maxLength(DISPLAY_NAME_MAX)]],
      password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN)]],
      confirmPassword: ['', [Validators.required]],
    },
    { validators: matchPasswords('password', 'confirmPassword') },
  );
  protected readonly submitting = signal(false);
  protected readonly alert = signal<FormAlert | null>(null);

  protected async submit(): Promise<void> {
    this.alert.set(null);
    if (this.form.invalid) {
      revealErrors(this.form);
      return;
    }
    this.submitting.set(true);
    try {
      const { email, displayName, password } = this.form.getRawValue();
      await this.auth.register({ email: email.trim(), displayName: displayName.trim(), password });
      await this.router.navigate(['/login'], { queryParams: { registered: 1, email: email.trim() } });
    } catch (error) {
      this.alert.set(this.describe(error));
    } finally {
      this.submitting.set(false);
    }
  }

  private describe(error: unknown): FormAlert {
    if (!(error instanceof HttpErrorResponse)) return { key: 'auth.register.failed' };
    if (error.status === 0) return { key: 'errors.network' };
    const problem = toProblem(error);
    if (error.status === 409) {
      this.form.controls.email.setErrors({ server: problem?.detail ?? problem?.title ?? '' });
      this.form.controls.email.markAsTouched();
      return { key: 'auth.register.emailTaken' };
    }
    const lines = applyServerErrors(this.form, problem?.errors);
    return { key: 'auth.register.failed', detail: problem?.detail ?? problem?.title, lines };
  }
}
