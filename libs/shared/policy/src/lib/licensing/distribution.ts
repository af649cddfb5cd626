import type { DistributionRecipientType } from '@ttx/shared/contracts';

export interface DistributionPolicy {
  /** DOMAIN.md §4: the team's part of net income (reward after commercialisation / default). */
  teamNetIncomeSharePct: number;
  /** DOMAIN.md §4: the TTO's part of the institution's retained net income. */
  ttoRetentionPct: number;
  model: 'ownership_first' | 'reward_after' | 'default';
}

export interface DistributionInput {
  amount: number;
  /** Deal costs charged to this payment; capped at the amount. */
  costs: number;
  policy: DistributionPolicy;
  /** Broker commission in basis points of the net income, if the deal had a broker. */
  broker: { id: string; name: string; rateBp: number } | null;
  institution: { id: string; name: string };
  /** Inventors by contribution (reward after / default), basis points summing to 10 000. */
  team: { id: string | null; name: string; weightBp: number }[];
  /** The ownership ledger's non-institution holders (ownership first), basis points of the whole. */
  coOwners: { id: string | null; name: string; shareBp: number }[];
}

export interface DistributionLine {
  recipientType: DistributionRecipientType;
  recipientId: string | null;
  recipientName: string;
  /** Exact share of the payment in basis points (before rounding). */
  share: number;
  amount: number;
}

const B = 10_000n;

/**
 * DOMAIN.md §4: a payment's split. Deal costs come off first; of the net income the broker takes its
 * commission; the rest goes to the team (by contribution) or, under "ownership first", to the co-owners
 * per the ledger; the institution's part is split into the TTO retention and the institution remainder.
 * Every line is an exact rational share of the net (denominator 10 000³); one largest-remainder pass in
 * BigInt hands out the fen, so the lines sum exactly to the payment and each is within one fen of its share.
 */
export function distributePayment(input: DistributionInput): DistributionLine[] {
  const { amount, policy, broker, institution } = input;
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError('amount must be a positive integer (fen)');
  const costs = Math.min(Math.max(0, Math.trunc(input.costs)), amount);
  const net = amount - costs;
  const b = BigInt(broker?.rateBp ?? 0);
  const rest = B - b; // of the net, after the broker
  const tto = BigInt(Math.round(policy.ttoRetentionPct * 100));
  const lines: { head: Omit<DistributionLine, 'amount' | 'share'>; w: bigint }[] = [];
  if (broker && b > 0n) lines.push({ head: { recipientType: 'broker', recipientId: broker.id, recipientName: broker.name }, w: b * B * B });
  let institutionPart: bigint; // weight of the institution's retained part, per 10 000² of `rest`
  if (policy.model === 'ownership_first' && input.coOwners.length) {
    let owned = 0n;
    for (const o of input.coOwners) {
      const s = BigInt(o.shareBp);
      owned += s;
      lines.push({ head: { recipientType: 'co_owner', recipientId: o.id, recipientName: o.name }, w: rest * s * B });
    }
    institutionPart = B - owned;
  } else {
    const team = BigInt(Math.round(policy.teamNetIncomeSharePct * 100));
    const totalWeight = input.team.reduce((a, t) => a + BigInt(t.weightBp), 0n);
    if (totalWeight > 0n) {
      for (const t of input.team) {
        lines.push({ head: { recipientType: 'inventor', recipientId: t.id, recipientName: t.name }, w: (rest * team * BigInt(t.weightBp) * B) / totalWeight });
      }
    }
    // Exact: the team weights above divide evenly when contributions sum to 10 000 (the catalog's rule).
    institutionPart = B - (totalWeight > 0n ? team : 0n);
  }
  lines.push({ head: { recipientType: 'tto', recipientId: institution.id, recipientName: institution.name }, w: rest * institutionPart * tto });
  const used = lines.reduce((a, l) => a + l.w, 0n);
  lines.push({ head: { recipientType: 'institution', recipientId: institution.id, recipientName: institution.name }, w: B * B * B - used });

  const parts = largestRemainderBig(net, lines.map((l) => l.w));
  const out: DistributionLine[] = [];
  if (costs > 0) out.push({ recipientType: 'deal_costs', recipientId: null, recipientName: 'Deal costs', share: (costs / amount) * 10_000, amount: costs });
  lines.forEach((l, i) => {
    const exact = (Number(l.w) / 1e12) * net;
    if (parts[i] > 0 || l.w > 0n) out.push({ ...l.head, share: (exact / amount) * 10_000, amount: parts[i] });
  });
  return out.filter((l) => l.amount > 0 || l.share > 0);
}

/** Largest remainder over BigInt weights (the products above exceed 2^53). Parts sum to `total`. */
export function largestRemainderBig(total: number, weights: readonly bigint[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0n);
  if (sum <= 0n || weights.some((w) => w < 0n)) throw new RangeError('weights must be non-negative, one positive');
  const t = BigInt(total);
  const parts = weights.map((w) => (t * w) / sum);
  const order = weights.map((w, i) => ({ i, r: (t * w) % sum })).sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  let left = t - parts.reduce((a, p) => a + p, 0n);
  for (const { i } of order) {
    if (left === 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts.map(Number);
}
