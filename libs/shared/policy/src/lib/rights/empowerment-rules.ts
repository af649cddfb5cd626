import type { EmpowermentModel, RightsPolicySettings } from '@ttx/shared/contracts';
import { pctToBp } from './ownership';

export interface EmpowermentTerms {
  model: EmpowermentModel;
  teamOwnershipPct?: number | null;
  useRightYears?: number | null;
}

export interface RuleProblem {
  /** Stable rule slug, also the problem+json type suffix. */
  rule: string;
  field: string;
  detail: string;
}

/**
 * DOMAIN.md §2: checks the proposed terms against the policy in force. Returns null when they comply.
 * The web form runs the same function to show the limits live.
 */
export function checkEmpowermentTerms(policy: RightsPolicySettings, t: EmpowermentTerms): RuleProblem | null {
  if (t.model === 'ownership_first') {
    if (t.teamOwnershipPct === undefined || t.teamOwnershipPct === null) {
      return { rule: 'team-ownership-required', field: 'teamOwnershipPct', detail: 'The ownership-first model needs the team ownership share' };
    }
    const bp = pctToBp(t.teamOwnershipPct);
    if (bp === null || bp <= 0 || bp > 10_000) {
      return { rule: 'team-ownership-range', field: 'teamOwnershipPct', detail: 'The team ownership share is a percentage in (0, 100] with at most two decimals' };
    }
    if (bp < (pctToBp(policy.minTeamOwnershipPct) ?? 0)) {
      return {
        rule: 'team-ownership-below-minimum',
        field: 'teamOwnershipPct',
        detail: `The team ownership share ${t.teamOwnershipPct} % is below the policy minimum of ${policy.minTeamOwnershipPct} %`,
      };
    }
  }
  if (t.model === 'long_term_use') {
    if (t.useRightYears === undefined || t.useRightYears === null) {
      return { rule: 'use-right-years-required', field: 'useRightYears', detail: 'The long-term use model needs the number of years' };
    }
    if (!Number.isInteger(t.useRightYears) || t.useRightYears < 1 || t.useRightYears > 50) {
      return { rule: 'use-right-years-range', field: 'useRightYears', detail: 'The use-right term is a whole number of years from 1 to 50' };
    }
    if (t.useRightYears < policy.minUseRightYears) {
      return {
        rule: 'use-right-years-below-minimum',
        field: 'useRightYears',
        detail: `A use right of ${t.useRightYears} years is below the policy minimum of ${policy.minUseRightYears} years`,
      };
    }
  }
  return null;
}

export interface ReviewChecklist {
  items: { key: string; passed: boolean; note?: string | null }[];
  reviewers: { name: string; vote: 'approve' | 'reject' | 'abstain'; comment?: string | null }[];
  evidence?: { title: string; ref?: string | null }[];
}

/** Due diligence before approval (尽职免责): every required item passed and a majority of votes approve. */
export function checkApprovalChecklist(required: readonly string[], c: ReviewChecklist): RuleProblem | null {
  const passed = new Set(c.items.filter((i) => i.passed).map((i) => i.key));
  const missing = required.filter((k) => !passed.has(k));
  if (missing.length) {
    return { rule: 'checklist-incomplete', field: 'checklist.items', detail: `Approval needs every checklist item passed; not passed: ${missing.join(', ')}` };
  }
  const votes = c.reviewers.filter((r) => r.vote !== 'abstain');
  const yes = votes.filter((r) => r.vote === 'approve').length;
  if (c.reviewers.length === 0 || yes * 2 <= votes.length) {
    return { rule: 'review-majority', field: 'checklist.reviewers', detail: 'Approval needs reviewers and a majority of approving votes' };
  }
  return null;
}
