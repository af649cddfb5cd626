import type { PaymentTerms } from '@ttx/shared/contracts';
import { addMonths, type TermsProblem } from '../market/open-licence';
import { addDays, maxDate, PAYMENT_DAYS } from './periods';

export const WHOLE_BP_OF_SALES = 10_000;

/** Royalty on reported net sales: basis points, rounded half up to the fen (integer arithmetic). */
export function royaltyAmount(netSales: number, rateBp: number): number {
  if (!Number.isSafeInteger(netSales) || netSales < 0 || !Number.isInteger(rateBp) || rateBp < 0) throw new RangeError('netSales and rateBp must be non-negative integers');
  const product = BigInt(netSales) * BigInt(rateBp);
  return Number((product + 5_000n) / 10_000n);
}

/** The minimum annual royalty true-up: what the year's royalties fall short of the minimum (never negative). */
export const minimumTrueUp = (minimumAnnual: number, royaltiesOfYear: number): number => Math.max(0, minimumAnnual - royaltiesOfYear);

/**
 * 先使用后付费 (DOMAIN.md §3, seed 003 "five mechanisms"; Haidian practice one year): when the deferral ends.
 * `months` after the start and/or the first reported sales, whichever comes first of those set; null while
 * it still waits for first sales (nothing is due yet). Without a deferral, the licence start.
 */
export function deferralEnd(terms: Pick<PaymentTerms, 'deferral'>, startsOn: string, firstSalesOn: string | null): string | null {
  const d = terms.deferral;
  if (!d || (d.months === null && !d.untilFirstSales)) return startsOn;
  const candidates = [d.months !== null ? addMonths(startsOn, d.months) : null, d.untilFirstSales ? firstSalesOn : null].filter((x): x is string => !!x).sort();
  return candidates[0] ?? null;
}

/**
 * When an amount triggered on `triggeredOn` (the start, a report, a confirmation, a year end) is issued and due:
 * never before the deferral ends, then `days` to pay. Null while the deferral waits for first sales.
 */
export function schedule(triggeredOn: string, deferralEndsOn: string | null, days = PAYMENT_DAYS): { issueOn: string; dueOn: string } | null {
  if (deferralEndsOn === null) return null;
  const issueOn = maxDate(triggeredOn, deferralEndsOn);
  return { issueOn, dueOn: addDays(issueOn, days) };
}

/** Shape rules of combinable terms: at least one part, positive amounts, a royalty rate within 100 %. */
export function checkPaymentTerms(t: PaymentTerms): TermsProblem[] {
  const out: TermsProblem[] = [];
  const parts = [t.lumpSum, t.milestones?.length ? t.milestones : null, t.royalty, t.equity].filter(Boolean);
  if (!parts.length) out.push({ field: 'terms', message: 'needs at least one of lumpSum, milestones, royalty, equity' });
  if (t.lumpSum && !(t.lumpSum.amount > 0)) out.push({ field: 'terms.lumpSum.amount', message: 'must be positive' });
  t.milestones?.forEach((m, i) => {
    if (!(m.amount > 0)) out.push({ field: `terms.milestones[${i}].amount`, message: 'must be positive' });
  });
  const names = (t.milestones ?? []).map((m) => m.name.trim());
  if (new Set(names).size !== names.length) out.push({ field: 'terms.milestones', message: 'names must be unique' });
  if (t.royalty && !(t.royalty.rateBp > 0 && t.royalty.rateBp <= WHOLE_BP_OF_SALES)) out.push({ field: 'terms.royalty.rateBp', message: 'must be in 1..10000' });
  if (t.equity && t.equity.shares === null && t.equity.percentBp === null) out.push({ field: 'terms.equity', message: 'needs shares or percentBp' });
  if (t.deferral?.untilFirstSales && !t.royalty) out.push({ field: 'terms.deferral.untilFirstSales', message: 'needs a running royalty (sales are reported for it)' });
  return out;
}

/**
 * A GB/T 2260 region code as the half-open range of the codes it contains: 000000 is all of China,
 * 340000 a province (340000–349999), 340100 a city, 340111 a county. Two territories overlap exactly
 * when their ranges do, which lets the database refuse overlapping exclusive licences with `&&`.
 */
export function regionRange(code: string): [number, number] {
  if (!/^\d{6}$/.test(code)) throw new RangeError(`not a GB/T 2260 code: ${code}`);
  const n = Number(code);
  if (n === 0) return [0, 1_000_000];
  if (code.endsWith('0000')) return [n, n + 10_000];
  if (code.endsWith('00')) return [n, n + 100];
  return [n, n + 1];
}
