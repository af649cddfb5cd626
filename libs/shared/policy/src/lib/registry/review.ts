import type { RegistrySettings } from '@ttx/shared/contracts';

/** Defaults of the registry settings; the sources are cited per field. */
export const DEFAULT_REGISTRY_SETTINGS: RegistrySettings = {
  reviewThresholdFen: 100_000_000, // RMB 1 M: platform choice, a policy setting
  splitMarginRatio: 0.2,
  splitWindowDays: 30, // issue #7: splitting within 30 days
  circularWindowDays: 90, // issue #7: A→B and B→A within 90 days
  outlierZScore: 3,
  outlierMinSample: 30,
};

const DAY = 86_400_000;

/** The date (YYYY-MM-DD, UTC) by which an accepted contract must be decided. */
export function reviewDueOn(acceptedAt: Date, deadlineDays: number): string {
  return new Date(Date.UTC(acceptedAt.getUTCFullYear(), acceptedAt.getUTCMonth(), acceptedAt.getUTCDate()) + deadlineDays * DAY)
    .toISOString()
    .slice(0, 10);
}

export type DeadlineState = 'ok' | 'due_soon' | 'overdue';

/** Colours of the registrar queue: overdue after the due date, due soon within `soonDays`. */
export function deadlineState(dueOn: string, today: string, soonDays = 5): DeadlineState {
  const left = (Date.parse(dueOn) - Date.parse(today)) / DAY;
  if (left < 0) return 'overdue';
  return left <= soonDays ? 'due_soon' : 'ok';
}
