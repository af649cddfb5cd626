import { CONTRACT_KINDS, CONTRACT_SUB_KINDS, PARTY_TYPES, type ContractKind } from '@ttx/shared/contracts';
import { administrationCovers, checkAmounts, checkCreditCode, parseRegistrationNumber } from '@ttx/shared/policy';
import { isRegionCode } from '../regions';

/**
 * The documented column set of a bulk import (CSV or XLSX, first row = these headers, any order).
 * Imports carry contracts an administration has already registered (e.g. from its previous system),
 * so each row has its registration number; amounts are integer fen.
 */
export const IMPORT_COLUMNS = [
  { name: 'registrationNumber', required: true, doc: '16 digits: year + seller region + serial', example: '2026110108000001' },
  { name: 'kind', required: true, doc: CONTRACT_KINDS.join('|'), example: 'transfer' },
  { name: 'subKind', required: false, doc: 'development: commissioned|cooperative; transfer: patent_right|patent_application_right|patent_licence|technical_secret', example: 'patent_licence' },
  { name: 'projectName', required: true, doc: 'up to 200 characters', example: '高倍率磷酸铁锂正极材料专利实施许可' },
  { name: 'fieldCode', required: false, doc: 'technology field, e.g. 01.02', example: '01.01' },
  { name: 'signedOn', required: true, doc: 'YYYY-MM-DD', example: '2026-03-02' },
  { name: 'registeredOn', required: true, doc: 'YYYY-MM-DD, not before signedOn; its year starts the number', example: '2026-03-20' },
  { name: 'sellerName', required: true, doc: 'seller (technology side)', example: '北京理工示范大学' },
  { name: 'sellerCreditCode', required: true, doc: 'unified social credit code (GB 32100)', example: '12110000MB0TTX901W' },
  { name: 'sellerRegion', required: true, doc: 'GB/T 2260 code in the administration’s area', example: '110108' },
  { name: 'sellerType', required: true, doc: PARTY_TYPES.join('|'), example: 'university' },
  { name: 'buyerName', required: true, doc: 'buyer', example: '北京示范制造有限公司' },
  { name: 'buyerCreditCode', required: true, doc: 'GB 32100 for Chinese buyers, up to 18 characters otherwise', example: '91110108MA0TTX903L' },
  { name: 'buyerCountry', required: false, doc: '3-digit ISO 3166 numeric, default 156', example: '156' },
  { name: 'buyerRegion', required: false, doc: 'GB/T 2260 code, required for Chinese buyers', example: '110105' },
  { name: 'buyerType', required: true, doc: PARTY_TYPES.join('|'), example: 'enterprise' },
  { name: 'contractAmountFen', required: true, doc: 'integer fen, > 0', example: '50000000' },
  { name: 'equipmentFen', required: false, doc: 'integer fen', example: '0' },
  { name: 'materialsFen', required: false, doc: 'integer fen', example: '0' },
  { name: 'constructionFen', required: false, doc: 'integer fen', example: '0' },
  { name: 'otherFen', required: false, doc: 'integer fen', example: '0' },
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]['name'];
export type ImportRecord = Partial<Record<ImportColumn, string>>;

/**
 * Messages of the row rules, one table for the JS validator (`validateRow`) and the set-based SQL one
 * (import-sql.ts), so an import reports the same words whichever checked it.
 */
export const RULES = {
  required: 'is required',
  kind: `must be one of ${CONTRACT_KINDS.join(', ')}`,
  subKindPrefix: 'is not a sub-kind of ',
  tooLong: 'is longer than 200 characters',
  fieldCode: 'must look like 01 or 01.02',
  date: 'is not a date (YYYY-MM-DD)',
  beforeSigned: 'is before signedOn',
  region: 'is not a GB/T 2260 administrative division code',
  outsideArea: (adminRegion: string) => `is outside the administration’s area (${adminRegion})`,
  creditCode: 'is not a valid unified social credit code (GB 32100)',
  country: 'must be a 3-digit ISO 3166 numeric code',
  foreignCode: 'must be up to 18 digits or capital letters',
  selfDeal: 'the buyer cannot be the seller itself',
  partyType: `must be one of ${PARTY_TYPES.join(', ')}`,
  fen: 'must be a non-negative integer number of fen',
  positive: 'must be a positive integer number of fen',
  partsExceed: 'the non-technical parts exceed the contract amount',
  numberFormat: 'must be 16 digits: year (4) + region (6) + serial (6)',
  numberYear: 'does not start with the year of registeredOn',
  numberRegion: 'does not carry the seller’s region code',
  numberTaken: 'is already used by another contract',
  missingColumn: 'column is missing from the header row',
} as const;

export interface RowError {
  row: number;
  field: string;
  message: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** YYYY-MM-DD of a real calendar day; arithmetic, not Date parsing (the hot loop of a million-row import). */
function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS[mo - 1]);
}
const FEN = /^\d{1,16}$/;

export function missingColumns(headers: string[]): string[] {
  return IMPORT_COLUMNS.filter((c) => c.required && !headers.includes(c.name)).map((c) => c.name);
}

/**
 * The row rules in JavaScript: the reference the set-based SQL validation (import-sql.ts) must agree with,
 * row by row (imports.integration.spec.ts). Every problem is reported (not only the first), each naming its field.
 */
export function validateRow(row: number, r: ImportRecord, adminRegion: string): RowError[] {
  const errors: RowError[] = [];
  const err = (field: string, message: string) => errors.push({ row, field, message });
  const v = (k: ImportColumn) => (r[k] ?? '').trim();
  for (const c of IMPORT_COLUMNS) if (c.required && !v(c.name)) err(c.name, RULES.required);
  const kind = v('kind');
  if (kind && !CONTRACT_KINDS.includes(kind as ContractKind)) err('kind', RULES.kind);
  const subKind = v('subKind') || null;
  if (subKind && kind && !(CONTRACT_SUB_KINDS[kind as ContractKind] ?? []).includes(subKind)) err('subKind', `${RULES.subKindPrefix}${kind}`);
  for (const c of ['projectName', 'sellerName', 'buyerName'] as const) if (v(c).length > 200) err(c, RULES.tooLong);
  const fieldCode = v('fieldCode') || null;
  if (fieldCode && !/^\d{2}(\.\d{2})?$/.test(fieldCode)) err('fieldCode', RULES.fieldCode);
  for (const d of ['signedOn', 'registeredOn'] as const) if (v(d) && !isDate(v(d))) err(d, RULES.date);
  if (isDate(v('signedOn')) && isDate(v('registeredOn')) && v('registeredOn') < v('signedOn')) err('registeredOn', RULES.beforeSigned);
  const sellerRegion = v('sellerRegion');
  if (sellerRegion) {
    if (!isRegionCode(sellerRegion)) err('sellerRegion', RULES.region);
    else if (!administrationCovers(adminRegion, sellerRegion)) err('sellerRegion', RULES.outsideArea(adminRegion));
  }
  if (v('sellerCreditCode') && checkCreditCode(v('sellerCreditCode'))) err('sellerCreditCode', RULES.creditCode);
  const buyerCountry = v('buyerCountry') || '156';
  if (!/^\d{3}$/.test(buyerCountry)) err('buyerCountry', RULES.country);
  const buyerRegion = v('buyerRegion') || null;
  if (buyerCountry === '156') {
    if (v('buyerCreditCode') && checkCreditCode(v('buyerCreditCode'))) err('buyerCreditCode', RULES.creditCode);
    if (!buyerRegion || !isRegionCode(buyerRegion)) err('buyerRegion', RULES.region);
  } else if (v('buyerCreditCode') && !/^[0-9A-Z]{1,18}$/.test(v('buyerCreditCode'))) err('buyerCreditCode', RULES.foreignCode);
  if (v('sellerCreditCode') && v('sellerCreditCode') === v('buyerCreditCode')) err('buyerCreditCode', RULES.selfDeal);
  for (const t of ['sellerType', 'buyerType'] as const) if (v(t) && !(PARTY_TYPES as readonly string[]).includes(v(t))) err(t, RULES.partyType);
  const amounts: Record<string, number> = {};
  for (const k of ['contractAmountFen', 'equipmentFen', 'materialsFen', 'constructionFen', 'otherFen'] as const) {
    const s = v(k) || (k === 'contractAmountFen' ? '' : '0');
    if (s && !FEN.test(s)) err(k, RULES.fen);
    amounts[k] = Number(s);
  }
  const parts = { equipmentFen: amounts['equipmentFen'], materialsFen: amounts['materialsFen'], constructionFen: amounts['constructionFen'], otherFen: amounts['otherFen'] };
  if (!errors.some((e) => e.field.endsWith('Fen'))) {
    for (const p of checkAmounts(amounts['contractAmountFen'], parts)) err(p.field === 'contractAmount' ? 'contractAmountFen' : 'equipmentFen', p.message);
  }
  const number = v('registrationNumber');
  if (number) {
    const n = parseRegistrationNumber(number);
    if (!n) err('registrationNumber', RULES.numberFormat);
    else {
      if (isDate(v('registeredOn')) && String(n.year) !== v('registeredOn').slice(0, 4)) err('registrationNumber', RULES.numberYear);
      if (sellerRegion && n.regionCode !== sellerRegion) err('registrationNumber', RULES.numberRegion);
    }
  }
  return errors;
}

/** One field of COPY text format. */
export const copyEscape = (v: string | number | null | undefined) =>
  v === null || v === undefined ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
