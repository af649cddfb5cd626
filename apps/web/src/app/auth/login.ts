import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, OnInit, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore, retryAfterSeconds, toProblem } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { FieldError } from './field-error';
import { applyServerErrors, revealErrors } from './form-errors';

/** What went wrong, as a translation key (+ params) or the server's own words. */
export interface FormAlert {
  key: string;
  params?: Record<string, unknown>;
  detail?: string;
  lines?: string[];
}

@Component({
  selector: 'ttx-login',
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
  templateUrl: './login.html',
})
export class Login implements OnInit {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  /** Query parameters (router input binding). */
  readonly returnUrl = input<string>();
  readonly registered = input<string>();
  readonly email = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  protected readonly submitting = signal(false);
  protected readonly alert = signal<FormAlert | null>(null);

  ngOnInit(): void {
    const email = this.email();
    if (email) this.form.controls.email.setValue(email);
  }

  protected async submit(): Promise<void> {
    this.alert.set(null);
    if (this.form.invalid) {
      revealErrors(this.form);
      return;
    }
    this.submitting.set(true);
    try {
      const { email, password } = this.form.getRawValue();
      await this.auth.login(email.trim(), password);
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      this.alert.set(this.describe(error));
    } finally {
      this.submitting.set(false);
    }
  }

  private describe(error: unknown): FormAlert {
    if (!(error instanceof HttpErrorResponse)) return { key: 'auth.login.failed' };
    if (error.status === 0) return { key: 'errors.network' };
    if (error.status === 401) return { key: 'auth.login.invalidCredentials' };
    if (error.status === 429) {
      const seconds = retryAfterSeconds(error);
      return seconds !== null ? { key: 'auth.login.rateLimited', params: { seconds } } : { key: 'auth.login.rateLimitedNoWait' };
    }
    const problem = toProblem(error);
    const lines = applyServerErrors(this.form, problem?.errors);
    return { key: 'auth.login.failed', detail: problem?.detail ?? problem?.title, lines };
  }
}

/** Only same-app paths; never an absolute or protocol-relative URL from the query string. */
export function safeReturnUrl(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') ? url : '/dashboard';
}
