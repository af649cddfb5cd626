/** DOMAIN.md §2: ownership empowerment (赋权) of job-related achievements. */

/** ownership first, then commercialisation (先赋权后转化) · long-term use right · reward after commercialisation (先转化后奖励). */
export const EMPOWERMENT_MODELS = ['ownership_first', 'long_term_use', 'reward_after'] as const;
export type EmpowermentModel = (typeof EMPOWERMENT_MODELS)[number];

/**
 * consenting (team members confirm) → under_review (TTO checklist) → in_notice (公示 runs; objections) →
 * final | rejected. The applicant may withdraw before the review decision.
 */
export const EMPOWERMENT_STATUSES = ['consenting', 'under_review', 'in_notice', 'final', 'rejected', 'withdrawn'] as const;
export type EmpowermentStatus = (typeof EMPOWERMENT_STATUSES)[number];

export const EMPOWERMENT_DECISIONS = ['approve', 'reject'] as const;
export type EmpowermentDecision = (typeof EMPOWERMENT_DECISIONS)[number];

export const REVIEW_VOTES = ['approve', 'reject', 'abstain'] as const;
export type ReviewVote = (typeof REVIEW_VOTES)[number];

/** Due-diligence checklist (尽职免责): every item must pass before the TTO may approve. */
export const CHECKLIST_ITEMS = [
  'job_related_confirmed',
  'negative_list_checked',
  'team_consent_verified',
  'contribution_shares_verified',
  'conflicts_declared',
] as const;
export type ChecklistItemKey = (typeof CHECKLIST_ITEMS)[number];

/** What a negative-list (负面清单) rule matches on. */
export const NEGATIVE_RULE_KINDS = ['achievement_kind', 'field', 'funding_source', 'achievement'] as const;
export type NegativeRuleKind = (typeof NEGATIVE_RULE_KINDS)[number];

/** Settings of a rights policy; percentages with at most two decimals. */
export interface RightsPolicySettings {
  /** Minimum team ownership share under "ownership first". */
  minTeamOwnershipPct: number;
  /** Minimum term of a long-term use right, years. */
  minUseRightYears: number;
  /** Team share of net transfer income (reward after commercialisation, and licensing later). */
  teamNetIncomeSharePct: number;
  /** Part of the institution's retained net income the TTO keeps. */
  ttoRetentionPct: number;
  /** Public-notice (公示) length in days. */
  noticeDays: number;
  /** Days the registrar has to review a contract registration (used by the registry). */
  registrationReviewDays: number;
  /** 先使用后付费: months after a licence starts before its first payment is due (used by licensing). */
  deferralMonths: number;
}

export const OWNERSHIP_HOLDER_TYPES = ['institution', 'inventor'] as const;
export type OwnershipHolderType = (typeof OWNERSHIP_HOLDER_TYPES)[number];
