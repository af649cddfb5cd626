import type { LicenceKind, PaymentTerms, RoyaltyPeriod } from '@ttx/shared/contracts';
import { checkCreditCode, checkPaymentTerms, pctToBp, yuanToFen } from '@ttx/shared/policy';
import type { LicenceInput } from '@ttx/web/api-client';

/**
 * What the TTO types on /licensing/new. The control paths are the API's field paths (`terms.lumpSum.amount`),
 * so a problem's `errors[].field` lands on the control it names. Money is typed yuan text (parsed to integer
 * fen, never floats), rates are typed percent (sent as basis points). A disabled part (term not chosen) is
 * absent from the value and from the body.
 */
export interface LicenceFormValue {
  achievementId: string;
  creditCode: string;
  licenseeOrgId: string;
  kind: LicenceKind;
  territory: string[];
  fieldsOfUse: string[];
  startsOn: string;
  endsOn: string;
  sublicensing: boolean;
  terms: {
    lumpSum?: { amount: string; dueDays: number | null };
    milestones?: { name: string; amount: string }[];
    royalty?: { rateBp: number | null; period: RoyaltyPeriod; minimumAnnual: string };
    equity?: { shares: number | null; percentBp: number | null; note: string };
    deferral?: { length: DeferralLength; months: number | null; untilFirstSales: boolean };
  };
  broker?: { brokerId: string; rateBp: number | null };
}

/**
 * How long 先使用后付费 defers payment: the institution policy's months (the API's default when `months` is
 * left out), months agreed in the deal, or no month limit — until the licensee's first reported sales only.
 */
export const DEFERRAL_LENGTHS = ['policy', 'months', 'firstSales'] as const;
export type DeferralLength = (typeof DEFERRAL_LENGTHS)[number];

type Deferral = NonNullable<LicenceFormValue['terms']['deferral']>;

/** The deferral as the API takes it: `months` left out for the policy's length, null for no month limit. */
function deferralTerm(d: Deferral): { months?: number | null; untilFirstSales: boolean } {
  if (d.length === 'firstSales') return { months: null, untilFirstSales: true };
  return d.length === 'months' ? { months: d.months, untilFirstSales: d.untilFirstSales } : { untilFirstSales: d.untilFirstSales };
}

/** A client-side problem: the control path and the translation key under licensing.form.errors. */
export interface FormProblem {
  field: string;
  key: string;
}

const REGION = /^\d{6}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_BROKER_BP = 3000;
const fen = (s: string) => yuanToFen(s);
const isInt = (n: number | null, min: number, max: number) => n !== null && Number.isInteger(n) && n >= min && n <= max;
const bp = (pct: number | null) => (pct === null ? null : pctToBp(pct));

/** The body of POST /api/licences; call when licenceFormProblems is empty (unparsable parts are sent as null). */
export function toLicenceInput(v: LicenceFormValue): LicenceInput {
  const t = v.terms;
  const terms: LicenceInput['terms'] = {};
  if (t.lumpSum) terms.lumpSum = { amount: fen(t.lumpSum.amount) as number, dueDays: t.lumpSum.dueDays as number };
  if (t.milestones?.length) terms.milestones = t.milestones.map((m) => ({ name: m.name.trim(), amount: fen(m.amount) as number }));
  if (t.royalty) terms.royalty = { rateBp: bp(t.royalty.rateBp) as number, period: t.royalty.period, minimumAnnual: fen(t.royalty.minimumAnnual || '0') as number };
  if (t.equity) terms.equity = { shares: t.equity.shares, percentBp: bp(t.equity.percentBp), note: t.equity.note.trim() || null };
  if (t.deferral) terms.deferral = deferralTerm(t.deferral);
  return {
    achievementId: v.achievementId,
    licenseeOrgId: v.licenseeOrgId,
    kind: v.kind,
    territory: v.territory,
    fieldsOfUse: v.fieldsOfUse.map((f) => f.trim()),
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    sublicensing: v.sublicensing,
    terms,
    ...(v.broker ? { broker: { brokerId: v.broker.brokerId, rateBp: bp(v.broker.rateBp) as number } } : {}),
  };
}

/** The API's combination rules (shared policy) on the terms as they would be sent, keyed for translation. */
const TERMS_RULES: Record<string, string> = {
  terms: 'noTerms',
  'terms.milestones': 'milestoneNames',
  'terms.equity': 'equity',
  'terms.deferral.untilFirstSales': 'firstSalesNeedsRoyalty',
};

/**
 * The same rules the API applies (DTO ranges, GB 32100 credit code, dates, checkPaymentTerms), so a form that
 * passes here is refused only for what the server alone knows (IP expiry, exclusivity overlap, unknown ids).
 */
export function licenceFormProblems(v: LicenceFormValue): FormProblem[] {
  const p: FormProblem[] = [];
  const add = (field: string, key: string) => p.push({ field, key });
  if (!v.achievementId) add('achievementId', 'required');
  const cc = checkCreditCode(v.creditCode.trim().toUpperCase());
  if (cc) add('creditCode', `creditCode.${cc}`);
  else if (!v.licenseeOrgId) add('creditCode', 'lookup');
  if (!v.territory.length) add('territory', 'required');
  else if (v.territory.length > 50 || !v.territory.every((c) => REGION.test(c))) add('territory', 'region');
  if (!v.fieldsOfUse.length) add('fieldsOfUse', 'required');
  else if (v.fieldsOfUse.length > 50 || !v.fieldsOfUse.every((f) => f.trim().length >= 1 && f.trim().length <= 40)) add('fieldsOfUse', 'field');
  if (!DATE.test(v.startsOn)) add('startsOn', 'date');
  if (!DATE.test(v.endsOn)) add('endsOn', 'date');
  else if (DATE.test(v.startsOn) && v.endsOn < v.startsOn) add('endsOn', 'beforeStart');

  const t = v.terms;
  const positive = (field: string, s: string) => !((fen(s) ?? 0) > 0) && add(field, 'amount');
  if (t.lumpSum) {
    positive('terms.lumpSum.amount', t.lumpSum.amount);
    if (!isInt(t.lumpSum.dueDays, 0, 365)) add('terms.lumpSum.dueDays', 'dueDays');
  }
  t.milestones?.forEach((m, i) => {
    if (!m.name.trim() || m.name.trim().length > 200) add(`terms.milestones.${i}.name`, 'milestoneName');
    positive(`terms.milestones.${i}.amount`, m.amount);
  });
  if (t.royalty) {
    if (!isInt(bp(t.royalty.rateBp), 1, 10_000)) add('terms.royalty.rateBp', 'royaltyRate');
    if (fen(t.royalty.minimumAnnual || '0') === null) add('terms.royalty.minimumAnnual', 'money');
  }
  if (t.equity) {
    if (t.equity.shares !== null && !isInt(t.equity.shares, 1, Number.MAX_SAFE_INTEGER)) add('terms.equity.shares', 'shares');
    if (t.equity.percentBp !== null && !isInt(bp(t.equity.percentBp), 1, 10_000)) add('terms.equity.percentBp', 'equityPct');
  }
  if (t.deferral?.length === 'months' && !isInt(t.deferral.months, 0, 60)) add('terms.deferral.months', 'deferralMonths');
  if (v.broker) {
    if (!v.broker.brokerId) add('broker.brokerId', 'required');
    if (!isInt(bp(v.broker.rateBp), 1, MAX_BROKER_BP)) add('broker.rateBp', 'brokerRate');
  }
  const asSent: PaymentTerms = {
    lumpSum: t.lumpSum ? { amount: fen(t.lumpSum.amount) ?? 0, dueDays: t.lumpSum.dueDays ?? 0 } : null,
    milestones: (t.milestones ?? []).map((m) => ({ name: m.name, amount: fen(m.amount) ?? 0 })),
    royalty: t.royalty ? { rateBp: bp(t.royalty.rateBp) ?? 0, period: t.royalty.period, minimumAnnual: 0 } : null,
    equity: t.equity ? { shares: t.equity.shares, percentBp: t.equity.percentBp, note: null } : null,
    deferral: t.deferral ? { months: null, ...deferralTerm(t.deferral) } : null,
  };
  for (const rule of checkPaymentTerms(asSent)) {
    // Until-first-sales-only is chosen by the length, not by the (then hidden) checkbox.
    const field = rule.field === 'terms.deferral.untilFirstSales' && t.deferral?.length === 'firstSales' ? 'terms.deferral.length' : rule.field;
    if (TERMS_RULES[rule.field]) add(field, TERMS_RULES[rule.field]);
  }
  return p;
}

/** An API field path as a control path: `terms.milestones[0].amount` → `terms.milestones.0.amount`; the licensee is named by its credit code. */
export function controlPath(field: string): string {
  const path = field.replace(/\[(\d+)\]/g, '.$1');
  return path === 'licenseeOrgId' ? 'creditCode' : path;
}
