/**
 * Money is integer fen everywhere (DOMAIN.md); people type yuan. Parsing the decimal string instead
 * of multiplying a float keeps 0.29 yuan at 29 fen (0.29 * 100 is 28.999…).
 */
export const MAX_YUAN_DIGITS = 13;

/** "1,234.5" yuan → 123450 fen; null for anything that is not a non-negative amount with at most 2 decimals. */
export function yuanToFen(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  const s = String(input).trim().replace(/[,，\s]/g, '');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 123450 fen → "1234.50" (no grouping; for prefilling inputs). */
export function fenToYuanInput(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 170000000 fen → "1,700,000.00": grouped, for amounts people read in running text (notifications). */
export function formatYuan(fen: number): string {
  const [whole, cents] = fenToYuanInput(fen).split('.');
  return `${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}
