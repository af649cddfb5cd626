import { HttpErrorResponse } from '@angular/common/http';
import type { Problem, ProblemFieldError } from '@ttx/shared/contracts';

/** Reads an RFC 9457 problem out of an HTTP error, tolerating plain JSON and string bodies. */
export function toProblem(error: unknown): Problem | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  let body: unknown = error.error;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = null;
    }
  }
  if (body && typeof body === 'object' && ('title' in body || 'detail' in body || 'errors' in body)) {
    const b = body as Partial<Problem>;
    return {
      type: b.type ?? 'about:blank',
      title: b.title ?? error.statusText,
      status: b.status ?? error.status,
      detail: b.detail,
      errors: Array.isArray(b.errors) ? b.errors.filter(isFieldError) : undefined,
    };
  }
  return null;
}

function isFieldError(e: unknown): e is ProblemFieldError {
  return !!e && typeof e === 'object' && typeof (e as ProblemFieldError).field === 'string';
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date), or null. */
export function retryAfterSeconds(error: HttpErrorResponse, now = Date.now()): number | null {
  const header = error.headers?.get('Retry-After');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}
