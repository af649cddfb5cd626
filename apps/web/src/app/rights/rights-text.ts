import type { Lang } from '@ttx/web/core';

/** Status → NG-ZORRO tag colour, shared by the lists and the detail pages. */
export const STATUS_COLORS: Record<string, string> = {
  consenting: 'orange',
  under_review: 'gold',
  in_notice: 'blue',
  final: 'green',
  rejected: 'red',
  withdrawn: 'default',
  upcoming: 'default',
  open: 'blue',
  ended: 'default',
  upheld: 'red',
  dismissed: 'green',
};

/** A date-time in the active language, e.g. 2026/11/22 12:00 or 11/22/2026, 12:00 PM. */
export function formatTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The steps of an empowerment, in order (the step index shown in nz-steps). */
export const STEPS = ['consenting', 'under_review', 'in_notice', 'final'] as const;

export function stepIndex(status: string): number {
  if (status === 'rejected' || status === 'withdrawn') return -1;
  return STEPS.indexOf(status as (typeof STEPS)[number]);
}
