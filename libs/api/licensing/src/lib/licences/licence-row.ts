import type { LicenceKind, LicenceStatus, LicensorShare, PaymentTerms } from '@ttx/shared/contracts';

/** The policy in force at the deal, copied onto the licence so a later policy version never changes a split. */
export interface LicencePolicySnapshot {
  policyId: string | null;
  teamNetIncomeSharePct: number;
  ttoRetentionPct: number;
  model: 'ownership_first' | 'reward_after' | 'default';
  team: { id: string | null; name: string; weightBp: number }[];
}

export interface LicenceRow {
  id: string;
  number: string;
  achievement_id: string;
  title_zh: string | null;
  title_en: string | null;
  licensor_org_id: string;
  licensee_org_id: string;
  kind: LicenceKind;
  status: LicenceStatus;
  territory: string[];
  fields_of_use: string[];
  starts_on: string;
  ends_on: string;
  sublicensing: boolean;
  deal_id: string | null;
  terms: PaymentTerms;
  first_sales_on: string | null;
  licensors: LicensorShare[];
  policy: LicencePolicySnapshot;
  broker: { id: string; name: string; rateBp: number } | null;
  created_at: Date;
}

/** Dates as text: node-pg would turn a `date` into a local-time Date. */
export const LICENCE_COLUMNS = `l.id, l.number, l.achievement_id, l.title_zh, l.title_en, l.licensor_org_id, l.licensee_org_id, l.kind, l.status, l.territory, l.fields_of_use,
  l.starts_on::text AS starts_on, l.ends_on::text AS ends_on, l.sublicensing, l.deal_id, l.terms, l.first_sales_on::text AS first_sales_on,
  l.licensors, l.policy, l.broker, l.created_at`;

let clockOffsetDays = 0;
/** Set once at start-up from LICENSING_CLOCK_OFFSET_DAYS (see LicensingClock). */
export const setLicensingClockOffset = (days: number): void => {
  clockOffsetDays = days;
};
/** The licensing calendar's day (UTC): real time, shifted only in tests and e2e journeys. */
export const today = (): string => new Date(Date.now() + clockOffsetDays * 86_400_000).toISOString().slice(0, 10);

/** pg's exclusion_violation on the exclusivity cells. */
export const isOverlap = (e: unknown): boolean => {
  const err = ((e as { driverError?: unknown })?.driverError ?? e) as { code?: string; constraint?: string };
  return err?.code === '23P01' && err.constraint === 'licence_exclusivity_cells_no_overlap';
};

/** pg's unique_violation on `constraint`. */
export const isUnique = (e: unknown, constraint: string): boolean => {
  const err = ((e as { driverError?: unknown })?.driverError ?? e) as { code?: string; constraint?: string };
  return err?.code === '23505' && err.constraint === constraint;
};
