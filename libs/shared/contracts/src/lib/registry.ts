/** DOMAIN.md §5: technology contracts (技术合同) and their registration (认定登记). */
export const CONTRACT_KINDS = ['development', 'transfer', 'licensing', 'consulting', 'service', 'training', 'intermediary'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

/** Development is commissioned or cooperative; transfers are subdivided (DOMAIN.md §5). */
export const CONTRACT_SUB_KINDS: Partial<Record<ContractKind, readonly string[]>> = {
  development: ['commissioned', 'cooperative'],
  transfer: ['patent_right', 'patent_application_right', 'patent_licence', 'technical_secret'],
};

/** Training and intermediary contracts are registered by reference (参照登记), not as technology contracts proper. */
export const BY_REFERENCE_KINDS: readonly ContractKind[] = ['training', 'intermediary'];

/** draft → submitted (seller) → accepted (registrar) → registered | rejected; registered → terminated. */
export const CONTRACT_STATUSES = ['draft', 'submitted', 'accepted', 'registered', 'rejected', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const PARTY_TYPES = ['enterprise', 'university', 'institute', 'other'] as const;
export type PartyType = (typeof PARTY_TYPES)[number];

/** Refusal grounds of the public registration practice (DOMAIN.md §5). */
export const REJECTION_REASONS = [
  'unclear_parties',
  'unclear_subject',
  'unclear_price',
  'illegal_monopoly_clause',
  'missing_proofs',
  'seal_name_mismatch',
  'not_technology_contract',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const STATS_GROUP_BY = ['kind', 'region', 'province', 'field', 'partyType', 'month'] as const;
export type StatsGroupBy = (typeof STATS_GROUP_BY)[number];

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const RISK_WARNING_KINDS = ['split_below_threshold', 'amount_outlier', 'circular_deal'] as const;
export type RiskWarningKind = (typeof RISK_WARNING_KINDS)[number];

/**
 * Registry settings an administration configures; defaults in `DEFAULT_REGISTRY_SETTINGS` (shared/policy).
 * The review period is not one of them: it is the rights policy's `registrationReviewDays` of the seller's region.
 */
export interface RegistrySettings {
  /** Contracts at or above this technology amount get a closer review; splitting just under it is a risk. */
  reviewThresholdFen: number;
  /** "Just under": within this fraction below the threshold (0.2 = the top 20 %). */
  splitMarginRatio: number;
  splitWindowDays: number;
  circularWindowDays: number;
  /** |z| of ln(amount) within the kind above which an amount is an outlier. */
  outlierZScore: number;
  /** The distribution of a kind is trusted only from this many registered contracts on. */
  outlierMinSample: number;
}
