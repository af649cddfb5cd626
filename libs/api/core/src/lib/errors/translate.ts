import { ProblemException } from './problem';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  driverError?: PgError;
}

/** Constraint name → user-facing message for 409s that must name the rule. */
const constraintMessages = new Map<string, string>();
export function describeConstraint(name: string, message: string): void {
  constraintMessages.set(name, message);
}

/** Postgres errors that are the caller's fault become 4xx instead of 500. */
export function fromDatabaseError(err: unknown): ProblemException | undefined {
  const e = ((err as PgError)?.driverError ?? err) as PgError;
  if (!e || typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return undefined;
  const named = e.constraint ? constraintMessages.get(e.constraint) : undefined;
  switch (e.code) {
    case '23505':
      return new ProblemException(409, 'duplicate', 'Conflict', named ?? `Already exists (${e.constraint ?? 'unique'})`);
    case '23503':
      return new ProblemException(422, 'reference', 'Rule violated', named ?? 'A referenced record does not exist');
    case '23514':
      return new ProblemException(422, 'check', 'Rule violated', named ?? `Check failed (${e.constraint ?? 'check'})`);
    case '22021': // U+0000 or an invalid byte sequence in text
      return new ProblemException(400, 'validation', 'Invalid request', 'A text value holds a character that cannot be stored');
    case '22001': // a value longer than its varchar column
      return new ProblemException(400, 'validation', 'Invalid request', 'A value is too long');
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return new ProblemException(400, 'validation', 'Invalid request', 'A value has the wrong format');
    case '40001':
    case '40P01':
      return new ProblemException(409, 'retry', 'Conflict', 'Concurrent update; retry the request');
    default:
      return undefined;
  }
}

interface FastifyishError {
  code?: string;
  statusCode?: number;
  message?: string;
}

/** Errors raised by Fastify before a route runs (body parsing, size, media type). */
export function fromFastifyError(err: unknown): ProblemException | undefined {
  const e = err as FastifyishError;
  if (!e || typeof e.code !== 'string' || !e.code.startsWith('FST_')) return undefined;
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProblemException(413, 'payload-too-large', 'Payload too large', 'The request body exceeds 1 MB');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ProblemException(415, 'unsupported-media-type', 'Unsupported media type', 'Send application/json');
    // Router errors (via frameworkErrors): their messages echo the whole path, which is what was wrong.
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ProblemException(414, 'uri-too-long', 'URI too long', 'A path segment exceeds 100 characters');
    case 'FST_ERR_BAD_URL':
      return new ProblemException(400, 'malformed-request', 'Malformed request', 'The URL is not validly %-encoded');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ProblemException(400, 'validation', 'Invalid request', 'The JSON body is empty');
    default: {
      const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 400;
      return new ProblemException(status, 'malformed-request', 'Malformed request', e.message?.slice(0, 200));
    }
  }
}
