/** Non-technical parts a registrar deducts from the contract amount (DOMAIN.md §5), in fen. */
export interface NonTechnicalParts {
  equipmentFen?: number;
  materialsFen?: number;
  constructionFen?: number;
  otherFen?: number;
}

export const nonTechnicalTotal = (p: NonTechnicalParts): number =>
  (p.equipmentFen ?? 0) + (p.materialsFen ?? 0) + (p.constructionFen ?? 0) + (p.otherFen ?? 0);

/** 技术交易额 = contract amount − non-technical parts, never negative (DOMAIN.md §5). */
export function techTransactionAmount(contractFen: number, parts: NonTechnicalParts): number {
  return Math.max(0, contractFen - nonTechnicalTotal(parts));
}

export type AmountProblem = { field: string; message: string };

/** Rules beyond field validation: itemised parts fit inside the contract amount; a schedule sums to it. */
export function checkAmounts(contractFen: number, parts: NonTechnicalParts, scheduleFen?: number[]): AmountProblem[] {
  const out: AmountProblem[] = [];
  if (!Number.isSafeInteger(contractFen) || contractFen <= 0) out.push({ field: 'contractAmount', message: 'must be a positive integer number of fen' });
  for (const [k, v] of Object.entries(parts)) {
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) out.push({ field: `nonTechnical.${k}`, message: 'must be a non-negative integer number of fen' });
  }
  if (!out.length && nonTechnicalTotal(parts) > contractFen) {
    out.push({ field: 'nonTechnical', message: 'the non-technical parts exceed the contract amount' });
  }
  if (scheduleFen && scheduleFen.length) {
    const sum = scheduleFen.reduce((a, b) => a + b, 0);
    if (sum !== contractFen) out.push({ field: 'paymentSchedule', message: `instalments sum to ${sum} fen, not the contract amount ${contractFen}` });
  }
  return out;
}
