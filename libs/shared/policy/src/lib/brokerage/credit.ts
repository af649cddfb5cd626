import type { CreditEventKind, CreditGrade } from '@ttx/shared/contracts';

/**
 * The published credit formula for technology managers (DOMAIN.md §5½: credit evaluation, identification
 * of breaches of trust, credit repair — seed 004 §III(iii)2, §III(iv)2). The numbers are platform policy
 * settings; these are the defaults.
 *
 *   score = clamp(0, 100, BASE + min(DEAL_CAP, DEAL_POINTS × completed deals) − Σ penalty(live negative event))
 *
 * A negative event stops counting ("is repaired") once REPAIR_DAYS[kind] have passed since it AND the broker
 * has had no newer negative event for QUIET_DAYS — repair needs a clean period, not just age. Reversed
 * events never count. An unrepaired breach of trust puts the broker on the public breach list.
 */
export const CREDIT_POLICY = {
  base: 60,
  dealPoints: 3,
  dealCap: 30,
  penalty: { dispute: 5, late_payment: 3, missing_payment: 8, breach_of_trust: 30 } as Record<Exclude<CreditEventKind, 'completed_deal'>, number>,
  repairDays: { dispute: 365, late_payment: 365, missing_payment: 730, breach_of_trust: 1095 } as Record<Exclude<CreditEventKind, 'completed_deal'>, number>,
  quietDays: 365,
  grades: [
    { grade: 'A', min: 85 },
    { grade: 'B', min: 70 },
    { grade: 'C', min: 55 },
    { grade: 'D', min: 0 },
  ] as { grade: CreditGrade; min: number }[],
} as const;

export interface CreditEventInput {
  id: string;
  kind: CreditEventKind;
  occurredAt: Date;
  reversed: boolean;
}

export interface CreditRating {
  score: number;
  grade: CreditGrade;
  completedDeals: number;
  /** Negative events that still count, each with its penalty. */
  live: { id: string; kind: CreditEventKind; penalty: number }[];
  /** Negative events no longer counted because the repair period passed. */
  repaired: string[];
  /** Unrepaired breaches of trust (the public breach list). */
  breaches: string[];
}

const DAY = 86_400_000;

export function creditGrade(score: number): CreditGrade {
  return CREDIT_POLICY.grades.find((g) => score >= g.min)?.grade ?? 'D';
}

/** The rating at `now` from the broker's recorded events. */
export function creditRating(events: CreditEventInput[], now: Date): CreditRating {
  const counted = events.filter((e) => !e.reversed && e.occurredAt.getTime() <= now.getTime());
  const completedDeals = counted.filter((e) => e.kind === 'completed_deal').length;
  const negatives = counted.filter((e) => e.kind !== 'completed_deal');
  const lastNegative = Math.max(0, ...negatives.map((e) => e.occurredAt.getTime()));
  const quiet = now.getTime() - lastNegative >= CREDIT_POLICY.quietDays * DAY;
  const live: CreditRating['live'] = [];
  const repaired: string[] = [];
  for (const e of negatives) {
    const kind = e.kind as Exclude<CreditEventKind, 'completed_deal'>;
    const old = now.getTime() - e.occurredAt.getTime() >= CREDIT_POLICY.repairDays[kind] * DAY;
    if (quiet && old) repaired.push(e.id);
    else live.push({ id: e.id, kind: e.kind, penalty: CREDIT_POLICY.penalty[kind] });
  }
  const raw = CREDIT_POLICY.base + Math.min(CREDIT_POLICY.dealCap, CREDIT_POLICY.dealPoints * completedDeals) - live.reduce((s, x) => s + x.penalty, 0);
  const score = Math.max(0, Math.min(100, raw));
  return {
    score,
    grade: creditGrade(score),
    completedDeals,
    live,
    repaired,
    breaches: live.filter((x) => x.kind === 'breach_of_trust').map((x) => x.id),
  };
}

/** The formula in words, served with every rating (zh / en). */
export const CREDIT_FORMULA_TEXT = {
  zh: `信用分 = ${CREDIT_POLICY.base} + min(${CREDIT_POLICY.dealCap}, ${CREDIT_POLICY.dealPoints} × 成交数) − 未修复负面事件扣分（纠纷 ${CREDIT_POLICY.penalty.dispute}、逾期付款 ${CREDIT_POLICY.penalty.late_payment}、未付款 ${CREDIT_POLICY.penalty.missing_payment}、失信 ${CREDIT_POLICY.penalty.breach_of_trust}），取值 0–100；A ≥ 85，B ≥ 70，C ≥ 55，其余 D。负面事件满修复期（纠纷/逾期 365 天、未付款 730 天、失信 1095 天）且此前 ${CREDIT_POLICY.quietDays} 天无新负面事件即视为修复；撤销的事件不计。`,
  en: `score = ${CREDIT_POLICY.base} + min(${CREDIT_POLICY.dealCap}, ${CREDIT_POLICY.dealPoints} × completed deals) − penalties of unrepaired negative events (dispute ${CREDIT_POLICY.penalty.dispute}, late payment ${CREDIT_POLICY.penalty.late_payment}, missing payment ${CREDIT_POLICY.penalty.missing_payment}, breach of trust ${CREDIT_POLICY.penalty.breach_of_trust}), clamped to 0–100; A ≥ 85, B ≥ 70, C ≥ 55, else D. A negative event is repaired once its repair period has passed (dispute / late payment 365 days, missing payment 730, breach 1095) and no new negative event was recorded in the last ${CREDIT_POLICY.quietDays} days; reversed events never count.`,
};
