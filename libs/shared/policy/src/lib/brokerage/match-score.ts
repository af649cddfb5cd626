import type { DealType, MatchReason, MaturityStage } from '@ttx/shared/contracts';

/**
 * Explainable demand ↔ achievement scoring (DOMAIN.md §6). Points out of 100; each component that scores
 * adds a reason that is TRUE for the pair (the inputs are the pair's own facts). Weights are a policy
 * setting; these are the defaults.
 */
export const MATCH_WEIGHTS = { text: 40, sameField: 25, parentField: 12, maturity: 10, maturityNear: 4, dealType: 10, budgetCovers: 15, budgetOverlaps: 7 } as const;

const STAGE_ORDER: MaturityStage[] = ['lab', 'proof_of_concept', 'pilot', 'industrialisation'];
const STAGE_NAMES: Record<MaturityStage, [string, string]> = {
  lab: ['实验室', 'lab'],
  proof_of_concept: ['概念验证', 'proof of concept'],
  pilot: ['中试', 'pilot'],
  industrialisation: ['产业化', 'industrialisation'],
};
const DEAL_NAMES: Record<DealType, [string, string]> = {
  transfer: ['转让', 'transfer'],
  licence: ['许可', 'licence'],
  equity: ['作价入股', 'equity'],
  joint_development: ['合作开发', 'joint development'],
};

export interface MatchSide {
  fieldCode: string | null;
  stage: MaturityStage | null;
  dealTypes: DealType[];
  /** Demand: budget; achievement: asking price (fen). */
  priceMinFen: number | null;
  priceMaxFen: number | null;
}

export interface MatchInput {
  demand: MatchSide;
  achievement: MatchSide;
  /** Share (0..1) of the demand's informative terms found in the achievement's public text. */
  textOverlap: number;
  /** The shared terms, as shown to people (at most a few). */
  sharedTerms: string[];
  /** Names of the demand's field and of its parent: { code: [zh, en] }. */
  fieldNames: Record<string, [string, string]>;
}

export interface MatchScore {
  score: number;
  reasons: MatchReason[];
}

const parentOf = (code: string) => code.split('.')[0];
const yuan = (fen: number) => `${(fen / 100).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

export function scoreMatch(i: MatchInput): MatchScore {
  const reasons: MatchReason[] = [];
  let score = 0;
  if (i.textOverlap > 0 && i.sharedTerms.length) {
    score += MATCH_WEIGHTS.text * Math.min(1, i.textOverlap);
    const terms = i.sharedTerms.slice(0, 5).join(', ');
    reasons.push({ code: 'text', zh: `共同关键词：${terms}`, en: `shared terms: ${terms}` });
  }
  const d = i.demand.fieldCode;
  const a = i.achievement.fieldCode;
  if (d && a) {
    if (d === a || (d.length === 2 && parentOf(a) === d)) {
      const [zh, en] = i.fieldNames[d] ?? [d, d];
      score += MATCH_WEIGHTS.sameField;
      reasons.push({ code: 'same-field', zh: `同一领域：${zh}`, en: `same field: ${en}` });
    } else if (parentOf(d) === parentOf(a)) {
      const [zh, en] = i.fieldNames[parentOf(d)] ?? [parentOf(d), parentOf(d)];
      score += MATCH_WEIGHTS.parentField;
      reasons.push({ code: 'same-parent-field', zh: `同一大类领域：${zh}`, en: `same broad field: ${en}` });
    }
  }
  const want = i.demand.stage;
  const have = i.achievement.stage;
  if (want && have) {
    const gap = STAGE_ORDER.indexOf(have) - STAGE_ORDER.indexOf(want);
    if (gap >= 0) {
      score += MATCH_WEIGHTS.maturity;
      reasons.push({ code: 'maturity', zh: `成熟度达到要求：${STAGE_NAMES[have][0]}（要求${STAGE_NAMES[want][0]}）`, en: `maturity meets the need: ${STAGE_NAMES[have][1]} (wanted ${STAGE_NAMES[want][1]})` });
    } else if (gap === -1) {
      score += MATCH_WEIGHTS.maturityNear;
      reasons.push({ code: 'maturity', zh: `成熟度接近要求：${STAGE_NAMES[have][0]}（要求${STAGE_NAMES[want][0]}）`, en: `maturity one step short: ${STAGE_NAMES[have][1]} (wanted ${STAGE_NAMES[want][1]})` });
    }
  }
  const common = i.demand.dealTypes.filter((t) => i.achievement.dealTypes.includes(t));
  if (common.length) {
    score += MATCH_WEIGHTS.dealType;
    reasons.push({ code: 'deal-type', zh: `交易方式一致：${common.map((t) => DEAL_NAMES[t][0]).join('、')}`, en: `deal type offered: ${common.map((t) => DEAL_NAMES[t][1]).join(', ')}` });
  }
  const { priceMaxFen: budget, priceMinFen: budgetMin } = i.demand;
  const { priceMinFen: askMin, priceMaxFen: askMax } = i.achievement;
  if (budget !== null && askMin !== null && askMax !== null) {
    if (budget >= askMax) {
      score += MATCH_WEIGHTS.budgetCovers;
      reasons.push({ code: 'budget-covers', zh: `预算覆盖报价（预算上限 ${yuan(budget)} 元 ≥ 报价上限 ${yuan(askMax)} 元）`, en: `budget covers the asking price (up to ¥${yuan(budget)} ≥ ¥${yuan(askMax)})` });
    } else if (budget >= askMin && (budgetMin ?? 0) <= askMax) {
      score += MATCH_WEIGHTS.budgetOverlaps;
      reasons.push({ code: 'budget-overlaps', zh: `预算与报价区间重叠（报价 ${yuan(askMin)}–${yuan(askMax)} 元）`, en: `budget overlaps the asking range (¥${yuan(askMin)}–${yuan(askMax)})` });
    }
  }
  return { score: Math.round(score * 10) / 10, reasons };
}

/** API.md wants `reasons: [string]`: each reason as one bilingual string. */
export const reasonText = (r: MatchReason) => `${r.zh} / ${r.en}`;
