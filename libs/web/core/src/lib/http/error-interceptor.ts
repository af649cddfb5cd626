import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzNotificationService } from 'ng-zorro-antd/notification';
import { catchError, throwError } from 'rxjs';
import { SKIP_ERROR_TOAST } from './http-context';
import { retryAfterSeconds, toProblem } from './problem';

/** Statuses with a translated title under `errors.status.<code>`. */
export const TRANSLATED_STATUSES = [400, 401, 403, 404, 409, 422, 429, 500, 502, 503] as const;

/**
 * Shows failed API calls to the user: problem+json `title`/`detail` and each `errors[]` field
 * message in a notification; a network failure as a short message. Requests marked with
 * SKIP_ERROR_TOAST are left to their caller.
 */
export const errorInterceptor: HttpInterceptorFn = (req, next) => {
  const message = inject(NzMessageService);
  const notification = inject(NzNotificationService);
  const transloco = inject(TranslocoService);

  return next(req).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && !req.context.get(SKIP_ERROR_TOAST)) {
        showError(error, { message, notification, t: (k, p) => transloco.translate(k, p) });
      }
      return throwError(() => error);
    }),
  );
};

export interface ErrorSinks {
  message: Pick<NzMessageService, 'error'>;
  notification: Pick<NzNotificationService, 'error'>;
  t: (key: string, params?: Record<string, unknown>) => string;
}

export function showError(error: HttpErrorResponse, { message, notification, t }: ErrorSinks): void {
  if (error.status === 0) {
    message.error(t('errors.network'));
    return;
  }
  const problem = toProblem(error);
  const known = (TRANSLATED_STATUSES as readonly number[]).includes(error.status);
  const title = known ? t(`errors.status.${error.status}`) : (problem?.title ?? t('errors.unknown'));
  const lines: string[] = [];
  if (error.status === 429) {
    const seconds = retryAfterSeconds(error);
    lines.push(seconds !== null ? t('errors.retryAfter', { seconds }) : t('errors.retryLater'));
  }
  if (problem?.detail) lines.push(problem.detail);
  else if (problem?.title && known) lines.push(problem.title);
  for (const e of problem?.errors ?? []) lines.push(`${e.field}: ${e.message}`);
  notification.error(title, escapeLines(lines));
}

function escapeLines(lines: string[]): string {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return lines.map(escape).join('<br>');
}
