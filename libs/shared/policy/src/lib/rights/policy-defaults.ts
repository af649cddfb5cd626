import type { RightsPolicySettings } from '@ttx/shared/contracts';

/**
 * The national default policy every region and institution inherits from unless it overrides a setting.
 * Each number comes from a seed text (DOMAIN.md §2, §4, §5):
 */
export const NATIONAL_RIGHTS_POLICY: RightsPolicySettings = {
  /** DOMAIN.md §2, seed 002 Hefei (一): researchers get ≥ 70 % of ownership. */
  minTeamOwnershipPct: 70,
  /** DOMAIN.md §2, seed 002 Hefei (一): or long-term use for ≥ 10 years. */
  minUseRightYears: 10,
  /** DOMAIN.md §4, seed 002 GBA (一) and the national default (Law art. 45): ≥ 50 % of net income. */
  teamNetIncomeSharePct: 50,
  /** DOMAIN.md §4, seed 002 Hefei (二): a professional TTO may keep ≥ 10 % of the institution's part. */
  ttoRetentionPct: 10,
  /** Platform default for the public notice (公示) length; institutions configure it. */
  noticeDays: 15,
  /** Platform default for the registrar's review of a contract registration (DOMAIN.md §5). */
  registrationReviewDays: 30,
  /** DOMAIN.md §3, seed 003 "five mechanisms" (先使用后付费); Beijing Haidian practice: first payment one year after the start. */
  deferralMonths: 12,
};

/** The region code of the national default policy. */
export const NATIONAL_REGION_CODE = '000000';

/**
 * Region codes to try for an institution, most specific first: county, city, province, nation
 * (GB/T 2260: 340111 → 340100 → 340000 → 000000).
 */
export function regionChain(regionCode: string | null | undefined): string[] {
  const out: string[] = [];
  if (regionCode && /^[0-9]{6}$/.test(regionCode)) {
    out.push(regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`);
  }
  out.push(NATIONAL_REGION_CODE);
  return [...new Set(out)];
}

/** Later layers override earlier ones, setting by setting. */
export function mergePolicy(base: RightsPolicySettings, ...layers: Partial<RightsPolicySettings>[]): RightsPolicySettings {
  const out = { ...base };
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer) as [keyof RightsPolicySettings, number | undefined][]) {
      if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
    }
  }
  return out;
}
