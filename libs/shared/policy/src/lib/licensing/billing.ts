import type { InvoiceKind, PaymentTerms } from '@ttx/shared/contracts';
import { addDays, licenceYearsEnded, REPORT_GRACE_DAYS } from './periods';
import { deferralEnd, minimumTrueUp, schedule } from './terms';

export interface LicenceBilling {
  startsOn: string;
  endsOn: string;
  terms: PaymentTerms;
  firstSalesOn: string | null;
  milestones: { id: string; amount: number; confirmedOn: string | null }[];
  reports: { period: string; periodEnd: string; royalty: number; submittedOn: string }[];
}

export interface InvoiceDue {
  kind: InvoiceKind;
  /** Unique per licence: `lump-sum`, `milestone:<id>`, `royalty:<period>`, `minimum:<licence year>`. */
  periodKey: string;
  amount: number;
  issueOn: string;
  dueOn: string;
}

/**
 * Every invoice the terms make due by `asOf` (DOMAIN.md §3): the lump sum after the start, each confirmed
 * milestone, each reported period's royalty, and each ended licence year's minimum-royalty shortfall
 * (after the reports' grace days) — none before the use-first-pay-later deferral ends. Equity is never invoiced.
 */
export function invoicesDue(l: LicenceBilling, asOf: string): InvoiceDue[] {
  const deferral = deferralEnd(l.terms, l.startsOn, l.firstSalesOn);
  const out: InvoiceDue[] = [];
  const add = (kind: InvoiceKind, periodKey: string, amount: number, triggeredOn: string, days?: number) => {
    const s = schedule(triggeredOn, deferral, days);
    if (s && amount > 0 && s.issueOn <= asOf) out.push({ kind, periodKey, amount, ...s });
  };
  if (l.terms.lumpSum) add('lump_sum', 'lump-sum', l.terms.lumpSum.amount, l.startsOn, l.terms.lumpSum.dueDays);
  for (const m of l.milestones) if (m.confirmedOn) add('milestone', `milestone:${m.id}`, m.amount, m.confirmedOn);
  for (const r of l.reports) add('royalty', `royalty:${r.period}`, r.royalty, r.submittedOn);
  const minimum = l.terms.royalty?.minimumAnnual ?? 0;
  if (minimum > 0) {
    for (const y of licenceYearsEnded(l.startsOn, l.endsOn, addDays(asOf, -REPORT_GRACE_DAYS))) {
      const royalties = l.reports.filter((r) => r.periodEnd >= y.start && r.periodEnd <= y.end).reduce((a, r) => a + r.royalty, 0);
      add('minimum_royalty', `minimum:${y.key}`, minimumTrueUp(minimum, royalties), addDays(y.end, REPORT_GRACE_DAYS + 1));
    }
  }
  return out;
}
