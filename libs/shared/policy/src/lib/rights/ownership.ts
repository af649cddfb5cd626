/**
 * DOMAIN.md §2: the ownership ledger. Shares are integer basis points (1 bp = 0.01 %) that always sum to
 * exactly 10 000; splits use the largest-remainder method so no rounding ever loses or invents a point.
 */
export const WHOLE_BP = 10_000;

/** A percentage with at most two decimals as basis points, or null when it has more decimals / is not finite. */
export function pctToBp(pct: number): number | null {
  if (!Number.isFinite(pct)) return null;
  const bp = Math.round(pct * 100);
  return Math.abs(bp - pct * 100) < 1e-6 ? bp : null;
}

export const bpToPct = (bp: number): number => bp / 100;

/**
 * Splits `total` (a non-negative integer) in proportion to non-negative integer `weights` (at least one
 * positive): floor each exact part, then hand the leftover units to the largest remainders (ties: earlier
 * first). The parts sum to exactly `total`.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError('total must be a non-negative integer');
  const sum = weights.reduce((a, w) => a + w, 0);
  if (sum <= 0 || weights.some((w) => !Number.isInteger(w) || w < 0)) throw new RangeError('weights must be non-negative integers, one positive');
  // Integer arithmetic: total * w fits easily in 2^53 for bp-sized inputs.
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  const remainders = weights.map((w, i) => ({ i, r: (total * w) % sum }));
  let left = total - parts.reduce((a, p) => a + p, 0);
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

export interface TeamMemberWeight {
  /** Stable key of the member (user id or inventor position). */
  key: string;
  /** Contribution share in basis points (the catalog's inventor shares, summing to 10 000). */
  contributionBp: number;
}

export interface OwnershipSplit {
  institutionBp: number;
  members: { key: string; shareBp: number }[];
}

/**
 * "Ownership first" (先赋权后转化): the team receives `teamBp` of the achievement, divided among its
 * members by contribution; the institution keeps the rest. The result sums to exactly 10 000.
 */
export function splitOwnership(teamBp: number, team: readonly TeamMemberWeight[]): OwnershipSplit {
  if (!Number.isInteger(teamBp) || teamBp < 0 || teamBp > WHOLE_BP) throw new RangeError('teamBp must be an integer in 0..10000');
  if (team.length === 0) throw new RangeError('the team is empty');
  const parts = largestRemainder(teamBp, team.map((m) => m.contributionBp));
  return { institutionBp: WHOLE_BP - teamBp, members: team.map((m, i) => ({ key: m.key, shareBp: parts[i] })) };
}
