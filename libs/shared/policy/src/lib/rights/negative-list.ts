import type { NegativeRuleKind } from '@ttx/shared/contracts';

/** DOMAIN.md §2: a negative-list (负面清单) rule of an institution. */
export interface NegativeRule {
  id: string;
  kind: NegativeRuleKind;
  /** kind → value: achievement_kind → a kind; field → a field code (matches its children); funding_source → a project-number prefix; achievement → an id. */
  value: string;
}

export interface AchievementFacts {
  id: string;
  kind: string;
  fieldCode: string | null;
  fundingProjectNumber: string | null;
}

/** The first rule that forbids empowering this achievement, or null. */
export function matchNegativeList<R extends NegativeRule>(rules: readonly R[], a: AchievementFacts): R | null {
  for (const r of rules) {
    const v = r.value.trim();
    const hit =
      (r.kind === 'achievement_kind' && a.kind === v) ||
      (r.kind === 'field' && !!a.fieldCode && (a.fieldCode === v || a.fieldCode.startsWith(`${v}.`))) ||
      (r.kind === 'funding_source' && !!a.fundingProjectNumber && a.fundingProjectNumber.toUpperCase().startsWith(v.toUpperCase())) ||
      (r.kind === 'achievement' && a.id === v);
    if (hit) return r;
  }
  return null;
}
