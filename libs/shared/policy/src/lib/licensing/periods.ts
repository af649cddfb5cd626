import type { RoyaltyPeriod } from '@ttx/shared/contracts';
import { addMonths } from '../market/open-licence';

/** Days after a period ends within which its royalty report is due (later ones are flagged late). */
export const REPORT_GRACE_DAYS = 30;
/** Days an issued invoice gives the licensee to pay. */
export const PAYMENT_DAYS = 30;
/** Reminders after the due date, in days; each is sent once per invoice. */
export const REMINDER_STEPS = [1, 15, 30] as const;

export const addDays = (isoDate: string, days: number): string => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
export const maxDate = (...dates: (string | null | undefined)[]): string => dates.filter((d): d is string => !!d).sort().at(-1) as string;

const MONTHS: Record<RoyaltyPeriod, number> = { monthly: 1, quarterly: 3, yearly: 12 };

/** `2026-09`, `2026-Q3` or `2026` for the period of `period` that contains `isoDate`. */
export function periodKey(isoDate: string, period: RoyaltyPeriod): string {
  const [y, m] = isoDate.split('-').map(Number);
  if (period === 'monthly') return `${y}-${String(m).padStart(2, '0')}`;
  if (period === 'quarterly') return `${y}-Q${Math.ceil(m / 3)}`;
  return String(y);
}

/** The first and last day of a period key, or null when the key is not one of `period`. */
export function periodBounds(key: string, period: RoyaltyPeriod): { start: string; end: string } | null {
  const match =
    period === 'monthly' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key) : period === 'quarterly' ? /^(\d{4})-Q([1-4])$/.exec(key) : /^(\d{4})$/.exec(key);
  if (!match) return null;
  const y = Number(match[1]);
  const firstMonth = period === 'monthly' ? Number(match[2]) : period === 'quarterly' ? (Number(match[2]) - 1) * 3 + 1 : 1;
  const start = `${match[1]}-${String(firstMonth).padStart(2, '0')}-01`;
  const end = addDays(addMonths(start, MONTHS[period]), -1);
  return y >= 1900 ? { start, end } : null;
}

/** Periods of a licence (from its start) whose report deadline has passed by `asOf` — the reports due. */
export function periodsDue(startsOn: string, endsOn: string, period: RoyaltyPeriod, asOf: string): string[] {
  const out: string[] = [];
  let key = periodKey(startsOn, period);
  for (;;) {
    const b = periodBounds(key, period) as { start: string; end: string };
    if (b.start > endsOn || addDays(b.end, REPORT_GRACE_DAYS) >= asOf) return out;
    out.push(key);
    key = periodKey(addMonths(b.start, MONTHS[period]), period);
  }
}

/** A report is late when submitted after the grace days following its period's end. */
export const reportIsLate = (periodEnd: string, submittedOn: string): boolean => submittedOn > addDays(periodEnd, REPORT_GRACE_DAYS);

/** Licence years `[start, end]` (12 months each from the start) that have ended by `asOf`. */
export function licenceYearsEnded(startsOn: string, endsOn: string, asOf: string): { key: string; start: string; end: string }[] {
  const out: { key: string; start: string; end: string }[] = [];
  for (let k = 0; ; k++) {
    const start = addMonths(startsOn, 12 * k);
    const end = addDays(addMonths(startsOn, 12 * (k + 1)), -1);
    if (start > endsOn || end >= asOf) return out;
    // Years start 12 months apart, so the start year names each one uniquely.
    out.push({ key: start.slice(0, 4), start, end });
  }
}
