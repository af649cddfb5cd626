/**
 * Patent open licensing (专利开放许可), Patent Law arts. 50–52 and DOMAIN.md §3: the declaration names
 * the fee type and standard and a term of at least one year that does not run past the patent's expiry.
 * Guidance caps: lump sum ≤ RMB 20 M, royalty ≤ 20 % of net sales.
 */
export const OPEN_LICENCE_RULE = 'open-licence-terms';
export const OPEN_LICENCE_LUMP_SUM_CAP_FEN = 20_000_000 * 100;
export const OPEN_LICENCE_ROYALTY_CAP_BP = 2000;
export const OPEN_LICENCE_MIN_TERM_MONTHS = 12;

export interface OpenLicenceTerms {
  feeType: 'lump_sum' | 'royalty' | 'upfront_royalty';
  lumpSumFen?: number | null;
  royaltyBp?: number | null;
  termMonths: number;
  /** YYYY-MM-DD */
  startsOn: string;
}

export interface TermsProblem {
  field: string;
  message: string;
}

export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Problems with the declared terms; `expiry` is the earliest expiry of the patents it covers (or null). */
export function checkOpenLicenceTerms(t: OpenLicenceTerms, expiry: string | null): TermsProblem[] {
  const out: TermsProblem[] = [];
  const needsLump = t.feeType === 'lump_sum' || t.feeType === 'upfront_royalty';
  const needsRoyalty = t.feeType === 'royalty' || t.feeType === 'upfront_royalty';
  if (needsLump && !(t.lumpSumFen && t.lumpSumFen > 0)) out.push({ field: 'openLicence.lumpSumFen', message: `is required for fee type ${t.feeType}` });
  if (!needsLump && t.lumpSumFen) out.push({ field: 'openLicence.lumpSumFen', message: `must be empty for fee type ${t.feeType}` });
  if (needsRoyalty && !(t.royaltyBp && t.royaltyBp > 0)) out.push({ field: 'openLicence.royaltyBp', message: `is required for fee type ${t.feeType}` });
  if (!needsRoyalty && t.royaltyBp) out.push({ field: 'openLicence.royaltyBp', message: `must be empty for fee type ${t.feeType}` });
  if (t.lumpSumFen && t.lumpSumFen > OPEN_LICENCE_LUMP_SUM_CAP_FEN) out.push({ field: 'openLicence.lumpSumFen', message: 'exceeds the RMB 20 M guidance cap' });
  if (t.royaltyBp && t.royaltyBp > OPEN_LICENCE_ROYALTY_CAP_BP) out.push({ field: 'openLicence.royaltyBp', message: 'exceeds the 20 % of net sales guidance cap' });
  if (t.termMonths < OPEN_LICENCE_MIN_TERM_MONTHS) out.push({ field: 'openLicence.termMonths', message: 'must be at least 12 months (one year)' });
  if (expiry && addMonths(t.startsOn, t.termMonths) > expiry) out.push({ field: 'openLicence.termMonths', message: `runs past the patent expiry ${expiry}` });
  return out;
}
