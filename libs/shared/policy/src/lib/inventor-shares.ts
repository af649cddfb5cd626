/**
 * DOMAIN.md §1: an achievement's inventor team carries contribution shares that sum to exactly 100 %.
 * Shares are percentages with at most two decimals; the rule works in hundredths of a percent
 * (integers), so 33.33 + 33.33 + 33.34 is exactly 100 and floating-point noise never decides.
 */
export const INVENTOR_SHARES_RULE = 'inventor-shares-sum-100';

export type InventorSharesProblem = 'empty' | 'range' | 'precision' | 'sum';

/** A share in hundredths of a percent, or null when it has more than two decimals. */
export function shareToHundredths(pct: number): number | null {
  if (!Number.isFinite(pct)) return null;
  const h = Math.round(pct * 100);
  return Math.abs(h - pct * 100) < 1e-6 ? h : null;
}

/** null when the shares are valid: non-empty, each in (0, 100] with ≤ 2 decimals, summing exactly to 100. */
export function checkInventorShares(shares: readonly number[]): InventorSharesProblem | null {
  if (shares.length === 0) return 'empty';
  let sum = 0;
  for (const s of shares) {
    const h = shareToHundredths(s);
    if (h === null) return 'precision';
    if (h <= 0 || h > 10_000) return 'range';
    sum += h;
  }
  return sum === 10_000 ? null : 'sum';
}

/** The sum of the shares in percent, exact to two decimals (for messages and live form sums). */
export function sumOfShares(shares: readonly number[]): number {
  return shares.reduce((acc, s) => acc + Math.round(s * 100), 0) / 100;
}
