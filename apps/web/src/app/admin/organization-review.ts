import { toProblem } from '@ttx/web/core';
import type { OrganizationVerifiedFilter } from '@ttx/web/api-client';

export type ReviewFilter = 'unverified' | 'verified' | 'all';

/** The list's `verified` query parameter for a filter ("all" sends none). */
export function verifiedParam(filter: ReviewFilter): OrganizationVerifiedFilter {
  return filter === 'all' ? undefined : filter === 'verified' ? 'true' : 'false';
}

/** What the page shows when a verification fails: a translated headline plus the server's problem detail. */
export interface VerifyErrorMessage {
  key: string;
  name: string;
  detail: string;
}

const KNOWN_STATUSES = [403, 404, 409] as const;

export function verifyErrorMessage(error: unknown, name: string): VerifyErrorMessage {
  const problem = toProblem(error);
  if (!problem) return { key: 'admin.organizations.verifyFailed.unknown', name, detail: '' };
  const detail = [problem.detail ?? problem.title, ...(problem.errors ?? []).map((f) => `${f.field}: ${f.message}`)].join(' · ');
  if (problem.type === 'urn:ttx:problem:already-verified') return { key: 'admin.organizations.verifyFailed.alreadyVerified', name, detail };
  const status = (KNOWN_STATUSES as readonly number[]).includes(problem.status) ? String(problem.status) : 'unknown';
  return { key: `admin.organizations.verifyFailed.${status}`, name, detail };
}
