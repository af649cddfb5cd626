import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Problem } from '@ttx/shared/contracts';
import { ProblemException, problemType } from './problem';
import { fromDatabaseError, fromFastifyError } from './translate';

export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

/** Maps any thrown value to an RFC 9457 body; 5xx never reveal internals. */
export function toProblem(err: unknown, instance?: string): { problem: Problem; headers: Record<string, string> } {
  const known = err instanceof ProblemException ? err : fromDatabaseError(err) ?? fromFastifyError(err);
  if (known) return { problem: known.toProblem(instance), headers: known.headers };
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const body = err.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const title = STATUS_CODES[status] ?? 'Error';
    return {
      problem: {
        // e.g. 413 → urn:ttx:problem:payload-too-large; stable because the reason phrases are.
        type: problemType(title.toLowerCase().replace(/[^a-z]+/g, '-')),
        title,
        status,
        detail: Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined,
        ...(instance ? { instance } : {}),
      },
      headers: {},
    };
  }
  return {
    problem: { type: problemType('internal'), title: 'Internal error', status: 500, detail: 'An unexpected error occurred' },
    headers: {},
  };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('Problem');

  constructor(private readonly spa?: (req: FastifyRequest, reply: FastifyReply) => boolean) {}

  catch(err: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw err;
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { problem, headers } = toProblem(err, req.url?.split('?')[0]);
    if (problem.status === 404 && this.spa?.(req, reply)) return;
    if (problem.status >= 500) this.log.error(err instanceof Error ? err.stack ?? err.message : String(err));
    void reply.status(problem.status).headers({ ...headers, 'content-type': PROBLEM_JSON }).send(JSON.stringify(problem));
  }
}

/**
 * Fastify's `frameworkErrors`: errors its router raises before any route (and so before Nest's filter) runs —
 * a path parameter over `maxParamLength` (414), a malformed %-escape (400). Without it they answer plain JSON.
 * Written to the raw response, as Fastify's own default does (its typed reply there does not fit one signature).
 */
export function frameworkProblem(err: unknown, raw: ServerResponse): void {
  // The URL is what was wrong: an oversized or undecodable one is not echoed back as `instance`.
  const { problem, headers } = toProblem(err);
  const body = JSON.stringify(problem);
  raw.writeHead(problem.status, { ...headers, 'content-type': PROBLEM_JSON, 'content-length': Buffer.byteLength(body) });
  raw.end(body);
}
