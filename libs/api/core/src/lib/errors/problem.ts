import { HttpException } from '@nestjs/common';
import type { Problem, ProblemFieldError } from '@ttx/shared/contracts';

/** Stable `type` URIs: clients switch on these, so never rename one. */
export const problemType = (slug: string) => `urn:ttx:problem:${slug}`;

export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: ProblemFieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super({ slug, title, detail, errors }, status);
  }

  toProblem(instance?: string): Problem {
    return {
      type: problemType(this.slug),
      title: this.title,
      status: this.getStatus(),
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors?.length ? { errors: this.errors } : {}),
    };
  }
}

/**
 * An error in one line for a log: a problem's rule, detail and fields (an HttpException's own message is only
 * "Problem Exception", which hides why a bridged deal got no draft or licence), otherwise the message.
 */
export function describeError(e: unknown): string {
  if (e instanceof ProblemException) {
    const fields = e.errors?.length ? ` [${e.errors.map((f) => `${f.field}: ${f.message}`).join('; ')}]` : '';
    return `${e.slug}: ${e.detail ?? e.title}${fields}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** Shorthands for the statuses API.md gives a meaning to. */
export const Problems = {
  badRequest: (detail: string, errors?: ProblemFieldError[]) =>
    new ProblemException(400, 'validation', 'Invalid request', detail, errors),
  unauthorized: (detail = 'A valid access token is required') =>
    new ProblemException(401, 'unauthorized', 'Unauthorized', detail),
  forbidden: (detail = 'You lack the permission for this action') =>
    new ProblemException(403, 'forbidden', 'Forbidden', detail),
  notFound: (what = 'Resource') => new ProblemException(404, 'not-found', 'Not found', `${what} not found`),
  conflict: (slug: string, detail: string) => new ProblemException(409, slug, 'Conflict', detail),
  rule: (slug: string, detail: string, errors?: ProblemFieldError[]) =>
    new ProblemException(422, slug, 'Rule violated', detail, errors),
  tooMany: (retryAfterSeconds: number, detail: string) =>
    new ProblemException(429, 'rate-limited', 'Too many requests', detail, undefined, {
      'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    }),
};
