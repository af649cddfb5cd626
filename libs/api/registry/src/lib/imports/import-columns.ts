import { CONTRACT_KINDS, CONTRACT_SUB_KINDS, PARTY_TYPES, type ContractKind } from '@ttx/shared/contracts';
import { administrationCovers, checkAmounts, checkCreditCode, parseRegistrationNumber, techTransactionAmount } from '@ttx/shared/policy';
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

/** A valid row, in the order of the staging table's columns. */
export interface StagedRow {
  row: number;
  registrationNumber: string;
  kind: string;
  subKind: string | null;
  projectName: string;
  fieldCode: string | null;
  signedOn: string;
  registeredOn: string;
  sellerName: string;
  sellerCreditCode: string;
  sellerRegion: string;
  sellerType: string;
  buyerName: string;
  buyerCreditCode: string;
  buyerCountry: string;
  buyerRegion: string | null;
  buyerType: string;
  contractFen: number;
  equipmentFen: number;
  materialsFen: number;
  constructionFen: number;
  otherFen: number;
  techFen: number;
}

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

/** Validates one row; every problem is reported (not only the first), each naming its field. */
export function validateRow(row: number, r: ImportRecord, adminRegion: string): { errors: RowError[]; staged?: StagedRow } {
  const errors: RowError[] = [];
  const err = (field: string, message: string) => errors.push({ row, field, message });
  const v = (k: ImportColumn) => (r[k] ?? '').trim();
  for (const c of IMPORT_COLUMNS) if (c.required && !v(c.name)) err(c.name, 'is required');
  const kind = v('kind');
  if (kind && !CONTRACT_KINDS.includes(kind as ContractKind)) err('kind', `must be one of ${CONTRACT_KINDS.join(', ')}`);
  const subKind = v('subKind') || null;
  if (subKind && kind && !(CONTRACT_SUB_KINDS[kind as ContractKind] ?? []).includes(subKind)) err('subKind', `is not a sub-kind of ${kind}`);
  if (v('projectName').length > 200) err('projectName', 'is longer than 200 characters');
  if (v('sellerName').length > 200) err('sellerName', 'is longer than 200 characters');
  if (v('buyerName').length > 200) err('buyerName', 'is longer than 200 characters');
  const fieldCode = v('fieldCode') || null;
  if (fieldCode && !/^\d{2}(\.\d{2})?$/.test(fieldCode)) err('fieldCode', 'must look like 01 or 01.02');
  for (const d of ['signedOn', 'registeredOn'] as const) if (v(d) && !isDate(v(d))) err(d, 'is not a date (YYYY-MM-DD)');
  if (isDate(v('signedOn')) && isDate(v('registeredOn')) && v('registeredOn') < v('signedOn')) err('registeredOn', 'is before signedOn');
  const sellerRegion = v('sellerRegion');
  if (sellerRegion) {
    if (!isRegionCode(sellerRegion)) err('sellerRegion', 'is not a GB/T 2260 administrative division code');
    else if (!administrationCovers(adminRegion, sellerRegion)) err('sellerRegion', `is outside the administration’s area (${adminRegion})`);
  }
  if (v('sellerCreditCode') && checkCreditCode(v('sellerCreditCode'))) err('sellerCreditCode', 'is not a valid unified social credit code (GB 32100)');
  const buyerCountry = v('buyerCountry') || '156';
  if (!/^\d{3}$/.test(buyerCountry)) err('buyerCountry', 'must be a 3-digit ISO 3166 numeric code');
  const buyerRegion = v('buyerRegion') || null;
  if (buyerCountry === '156') {
    if (v('buyerCreditCode') && checkCreditCode(v('buyerCreditCode'))) err('buyerCreditCode', 'is not a valid unified social credit code (GB 32100)');
    if (!buyerRegion || !isRegionCode(buyerRegion)) err('buyerRegion', 'is not a GB/T 2260 administrative division code');
  } else if (v('buyerCreditCode') && !/^[0-9A-Z]{1,18}$/.test(v('buyerCreditCode'))) err('buyerCreditCode', 'must be up to 18 digits or capital letters');
  if (v('sellerCreditCode') && v('sellerCreditCode') === v('buyerCreditCode')) err('buyerCreditCode', 'the buyer cannot be the seller itself');
  for (const t of ['sellerType', 'buyerType'] as const) if (v(t) && !(PARTY_TYPES as readonly string[]).includes(v(t))) err(t, `must be one of ${PARTY_TYPES.join(', ')}`);
  const amounts: Record<string, number> = {};
  for (const k of ['contractAmountFen', 'equipmentFen', 'materialsFen', 'constructionFen', 'otherFen'] as const) {
    const s = v(k) || (k === 'contractAmountFen' ? '' : '0');
    if (s && !FEN.test(s)) err(k, 'must be a non-negative integer number of fen');
    amounts[k] = Number(s);
  }
  const parts = { equipmentFen: amounts['equipmentFen'], materialsFen: amounts['materialsFen'], constructionFen: amounts['constructionFen'], otherFen: amounts['otherFen'] };
  if (!errors.some((e) => e.field.endsWith('Fen'))) {
    for (const p of checkAmounts(amounts['contractAmountFen'], parts)) err(p.field === 'contractAmount' ? 'contractAmountFen' : 'equipmentFen', p.message);
  }
  const number = v('registrationNumber');
  if (number) {
    const n = parseRegistrationNumber(number);
    if (!n) err('registrationNumber', 'must be 16 digits: year (4) + region (6) + serial (6)');
    else {
      if (isDate(v('registeredOn')) && String(n.year) !== v('registeredOn').slice(0, 4)) err('registrationNumber', 'does not start with the year of registeredOn');
      if (sellerRegion && n.regionCode !== sellerRegion) err('registrationNumber', 'does not carry the seller’s region code');
    }
  }
  if (errors.length) return { errors };
  return {
    errors,
    staged: {
      row,
      registrationNumber: number,
      kind,
      subKind,
      projectName: v('projectName'),
      fieldCode,
      signedOn: v('signedOn'),
      registeredOn: v('registeredOn'),
      sellerName: v('sellerName'),
      sellerCreditCode: v('sellerCreditCode'),
      sellerRegion,
      sellerType: v('sellerType'),
      buyerName: v('buyerName'),
      buyerCreditCode: v('buyerCreditCode'),
      buyerCountry,
      buyerRegion,
      buyerType: v('buyerType'),
      contractFen: amounts['contractAmountFen'],
      ...parts,
      techFen: techTransactionAmount(amounts['contractAmountFen'], parts),
    },
  };
}

const copyEscape = (v: string | number | null) => (v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));

/** One line of COPY text format, in STAGE_COLUMNS order. */
export function copyLine(s: StagedRow): string {
  return (
    [s.row, s.registrationNumber, s.kind, s.subKind, s.projectName, s.fieldCode, s.signedOn, s.registeredOn, s.sellerName, s.sellerCreditCode, s.sellerRegion, s.sellerType,
      s.buyerName, s.buyerCreditCode, s.buyerCountry, s.buyerRegion, s.buyerType, s.contractFen, s.equipmentFen, s.materialsFen, s.constructionFen, s.otherFen, s.techFen]
      .map(copyEscape)
      .join('\t') + '\n'
  );
}

/** The staging table of one import: UNLOGGED (its rows are moved into `contracts` in the same transaction). */
export const stageDdl = (name: string) => `
  CREATE UNLOGGED TABLE ${name} (
    row integer, registration_number char(16) COLLATE "C", kind text, sub_kind text, project_name varchar(200), field_code varchar(8),
    signed_on date, registered_on date, seller_name varchar(200), seller_credit_code varchar(18) COLLATE "C", seller_region char(6) COLLATE "C", seller_type text,
    buyer_name varchar(200), buyer_credit_code varchar(18) COLLATE "C", buyer_country char(3), buyer_region char(6) COLLATE "C", buyer_type text,
    contract_fen bigint, equipment_fen bigint, materials_fen bigint, construction_fen bigint, other_fen bigint, tech_fen bigint
  ) WITH (autovacuum_enabled = false)`;
