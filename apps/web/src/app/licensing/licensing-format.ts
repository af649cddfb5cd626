import type { InvoiceStatus, LicenceStatus, PaymentTerms, RoyaltyPeriod } from '@ttx/shared/contracts';
import { periodKey, yuanToFen } from '@ttx/shared/policy';

export { pickText } from '../catalog/catalog-text';
export { yuan } from '../market/market-text';
export { saveBlob } from '../registry/registry-format';

export const LICENCE_STATUS_COLOURS: Record<LicenceStatus, string> = { draft: 'default', active: 'green', expired: 'default', terminated: 'red' };
export const INVOICE_STATUS_COLOURS: Record<InvoiceStatus, string> = { open: 'blue', partially_paid: 'orange', paid: 'green' };

/** Basis points → "3" / "2.5" (per cent, for `{{ pct }}%`). */
export const bpToPct = (bp: number): string => String(Math.round(bp) / 100);

/** A line of the terms panel: a translation key with its parameters (money already formatted by the caller). */
export interface TermLine {
  key: string;
  params: Record<string, string | number>;
  testId: string;
}

/** The combinable payment terms as readable lines, in the order a licensee reads a contract. */
export function termLines(terms: PaymentTerms, money: (fen: number) => string, deferredUntil: string | null): TermLine[] {
  const out: TermLine[] = [];
  if (terms.deferral) {
    const d = terms.deferral;
    const key = d.months !== null && d.untilFirstSales ? 'deferralBoth' : d.untilFirstSales ? 'deferralFirstSales' : 'deferralMonths';
    out.push({ key: `licensing.terms.${key}`, params: { months: d.months ?? 0, until: deferredUntil ?? '—' }, testId: 'term-deferral' });
  }
  if (terms.lumpSum) out.push({ key: 'licensing.terms.lumpSum', params: { amount: money(terms.lumpSum.amount), days: terms.lumpSum.dueDays }, testId: 'term-lump-sum' });
  for (const m of terms.milestones ?? []) out.push({ key: 'licensing.terms.milestone', params: { name: m.name, amount: money(m.amount) }, testId: 'term-milestone' });
  if (terms.royalty) {
    const r = terms.royalty;
    out.push({ key: `licensing.terms.royalty.${r.period}`, params: { pct: bpToPct(r.rateBp) }, testId: 'term-royalty' });
    if (r.minimumAnnual > 0) out.push({ key: 'licensing.terms.minimumAnnual', params: { amount: money(r.minimumAnnual) }, testId: 'term-minimum' });
  }
  if (terms.equity) {
    const e = terms.equity;
    const parts = [e.shares !== null ? `${e.shares}` : null, e.percentBp !== null ? `${bpToPct(e.percentBp)}%` : null].filter(Boolean).join(' / ');
    out.push({ key: 'licensing.terms.equity', params: { equity: parts || '—', note: e.note ?? '' }, testId: 'term-equity' });
  }
  return out;
}

/** Where a use-first-pay-later deferral stands (the API's `deferredUntil` is the earliest end known so far). */
export type DeferralState = 'none' | 'firstSales' | 'until' | 'untilOrFirstSales' | 'ended';

export function deferralState(terms: PaymentTerms, deferredUntil: string | null, today: Date): DeferralState {
  const d = terms.deferral;
  if (!d || (d.months === null && !d.untilFirstSales)) return 'none';
  if (deferredUntil === null) return 'firstSales';
  if (deferredUntil <= today.toISOString().slice(0, 10)) return 'ended';
  return d.untilFirstSales ? 'untilOrFirstSales' : 'until';
}

/**
 * Periods (keyed as the API keys them, shared/policy) a licensee may report, newest first: those that
 * have ended (the API takes sales of a closed period only) and overlap the licence, at most `limit`.
 */
export function reportablePeriods(period: RoyaltyPeriod, startsOn: string, today: Date, limit = 24): string[] {
  const step = period === 'monthly' ? 1 : period === 'quarterly' ? 3 : 12;
  const monthIndex = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
  const first = monthIndex(new Date(`${startsOn}T00:00:00Z`));
  const current = monthIndex(today);
  const out: string[] = [];
  // From the last period before the current one (aligned to its first month) back to the licence start.
  for (let idx = current - (current % step) - step; out.length < limit && idx >= first - (first % step); idx -= step) {
    out.push(periodKey(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}-01`, period));
  }
  return out;
}

/** The last day of the period holding `today`: when the first report of a fresh licence becomes possible. */
export function currentPeriodEnd(period: RoyaltyPeriod, today: Date): string {
  const step = period === 'monthly' ? 1 : period === 'quarterly' ? 3 : 12;
  const m = today.getUTCMonth();
  const next = Date.UTC(today.getUTCFullYear(), m - (m % step) + step, 1);
  return new Date(next - 86_400_000).toISOString().slice(0, 10);
}

export interface SalesFormErrors {
  period?: 'required' | 'alreadyReported';
  netSales?: 'required' | 'invalid';
}

/** Validates the "report sales" form; `fen` is the parsed net sales when valid. */
export function checkSalesForm(period: string | null, netSalesText: string, reported: readonly string[]): { errors: SalesFormErrors; fen: number | null } {
  const errors: SalesFormErrors = {};
  if (!period) errors.period = 'required';
  else if (reported.includes(period)) errors.period = 'alreadyReported';
  const fen = yuanToFen(netSalesText);
  if (!netSalesText.trim()) errors.netSales = 'required';
  else if (fen === null) errors.netSales = 'invalid';
  return { errors, fen: Object.keys(errors).length ? null : fen };
}

/** Validates a payment amount typed in yuan: positive fen with at most 2 decimals. Over-payment is the API's rule. */
export function checkPaymentAmount(text: string): { error: 'required' | 'invalid' | null; fen: number | null } {
  if (!text.trim()) return { error: 'required', fen: null };
  const fen = yuanToFen(text);
  if (fen === null || fen <= 0) return { error: 'invalid', fen: null };
  return { error: null, fen };
}

/** Distribution entries grouped per payment, in payment order (newest first), each with its sum. */
export function groupByPayment<E extends { paymentId: string; paymentAmount: number; paidAt: string; amount: number }>(
  entries: readonly E[],
): { paymentId: string; paymentAmount: number; paidAt: string; total: number; entries: E[] }[] {
  const groups = new Map<string, { paymentId: string; paymentAmount: number; paidAt: string; total: number; entries: E[] }>();
  for (const e of entries) {
    const g = groups.get(e.paymentId) ?? { paymentId: e.paymentId, paymentAmount: e.paymentAmount, paidAt: e.paidAt, total: 0, entries: [] };
    g.entries.push(e);
    g.total += e.amount;
    groups.set(e.paymentId, g);
  }
  return [...groups.values()].sort((a, b) => b.paidAt.localeCompare(a.paidAt));
}
