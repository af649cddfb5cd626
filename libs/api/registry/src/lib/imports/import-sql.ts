import { CONTRACT_KINDS, CONTRACT_SUB_KINDS, PARTY_TYPES } from '@ttx/shared/contracts';
import { jurisdictionPrefix } from '@ttx/shared/policy';
import { verificationCodeSql } from '../contracts/contracts.service';
import { IMPORT_COLUMNS, RULES, type ImportColumn } from './import-columns';

/**
 * Set-based validation of a staged import: the rules of `validateRow` (import-columns.ts) as SQL over the
 * raw text columns, one CASE per field whose branches follow the order in which `validateRow` reports, so
 * the first problem of a field is the same one (contract_import_errors keeps one per row and field).
 * Messages come from the same `RULES` table; imports.integration.spec.ts asserts both agree row by row.
 */

/** Characters JavaScript's trim() removes that occur in spreadsheets (space, tabs, NBSP, ideographic space, BOM). */
const WS = `E' \\t\\n\\r\\f\\u000b\\u00a0\\u3000\\ufeff'`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const inList = (x: string, values: readonly string[]) => `${x} IN (${values.map(lit).join(', ')})`;
const q = (c: ImportColumn) => `"${c}"`;
/** Name of the precomputed check of a column (see `validatedSelect`). */
const ok = (c: ImportColumn) => `"${c}_ok"`;
const MAX_SAFE = '9007199254740991';
/** Every digit as 0: shape tests without regular expressions (the hot loop of a million-row check). */
const digitMask = (x: string) => `translate(${x}, '0123456789', '0000000000')`;

/** `isDate` of import-columns.ts: YYYY-MM-DD of a real calendar day (CASE keeps the casts behind the pattern). */
function isDate(x: string): string {
  const y = `substr(${x}, 1, 4)::int`;
  const m = `substr(${x}, 6, 2)::int`;
  const d = `substr(${x}, 9, 2)::int`;
  const leap = `((${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0)`;
  return `(CASE WHEN ${digitMask(x)} = '0000-00-00' AND ${m} BETWEEN 1 AND 12 AND ${d} >= 1
    THEN ${d} <= (ARRAY[31,28,31,30,31,30,31,31,30,31,30,31])[${m}] + CASE WHEN ${m} = 2 AND ${leap} THEN 1 ELSE 0 END ELSE false END)`;
}

/** GB 32100 check (`checkCreditCode` is undefined): 18 characters of the alphabet and the mod-31 check character. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function creditCodeValid(x: string): string {
  const sum = WEIGHTS.map((w, i) => `(strpos('${ALPHABET}', substr(${x}, ${i + 1}, 1)) - 1) * ${w}`).join(' + ');
  return `(CASE WHEN translate(${x}, '${ALPHABET}', '${'0'.repeat(31)}') = '${'0'.repeat(18)}' THEN substr('${ALPHABET}', (31 - (${sum}) % 31) % 31 + 1, 1) = substr(${x}, 18, 1) ELSE false END)`;
}

const FEN_COLUMNS = ['contractAmountFen', 'equipmentFen', 'materialsFen', 'constructionFen', 'otherFen'] as const;
const PART_COLUMNS = FEN_COLUMNS.slice(1);

/**
 * The trimmed values of a staged row as columns named like the import columns. `source` maps an import column
 * to the staging column holding it (absent: the header lacks it, i.e. an empty optional value).
 */
export function trimmedSelect(stage: string, source: Partial<Record<ImportColumn, string>>, raw: readonly ImportColumn[] = []): string {
  const cols = IMPORT_COLUMNS.map(({ name }) => `${trim(source[name])} COLLATE "C" AS ${q(name)}`);
  const raws = raw.map((c) => `, ${source[c] ?? 'NULL::text'} AS ${rawName(c)}`).join('');
  // OFFSET 0 keeps the subquery from being flattened: each value is trimmed once, not at every use in the rules.
  return `SELECT s.row, ${cols.join(', ')}${raws} FROM ${stage} s OFFSET 0`;
}
const trim = (column: string | undefined) => (column ? `btrim(COALESCE(${column}, ''), ${WS})` : `''`);
/** The untrimmed staging value of a column, as `trimmedSelect` passes it through on request. */
const rawName = (c: ImportColumn) => `"${c}_raw"`;

/**
 * One array of messages per row, in IMPORT_COLUMNS order (NULL: the field is fine). Columns of `t`: the
 * trimmed values, plus `buyer_country` (default 156) — see `validatedSelect`.
 */
function messagesArray(adminRegion: string): string {
  const v = (c: ImportColumn) => `t.${q(c)}`;
  const has = (c: ImportColumn) => `${v(c)} <> ''`;
  const fen = (c: ImportColumn) => (c === 'contractAmountFen' ? v(c) : `(CASE WHEN ${has(c)} THEN ${v(c)} ELSE '0' END)`);
  const fenOk = (c: ImportColumn) => `t.${ok(c)}`;
  // checkAmounts runs only when no amount field has an error so far (required or format).
  const amountsChecked = `(${has('contractAmountFen')} AND ${FEN_COLUMNS.map(fenOk).join(' AND ')})`;
  // Only read once every amount passed /^\d{1,16}$/: 16 digits fit a bigint, and so does the sum of the four parts.
  const num = (c: ImportColumn) => `${fen(c)}::bigint`;
  const partUnsafe = `(${PART_COLUMNS.map((c) => `${num(c)} > ${MAX_SAFE}`).join(' OR ')})`;
  const contractBad = `(${num('contractAmountFen')} > ${MAX_SAFE} OR ${num('contractAmountFen')} <= 0)`;
  const country = 't.buyer_country';
  const numberOk = `t.${ok('registrationNumber')}`;
  const typeCheck = (c: ImportColumn): [string, string] => [`${has(c)} AND NOT ${inList(v(c), PARTY_TYPES)}`, lit(RULES.partyType)];
  const subKinds = Object.entries(CONTRACT_SUB_KINDS).map(([k, subs]) => `(${v('kind')} = ${lit(k)} AND ${inList(v('subKind'), subs ?? [])})`);

  // Per field: [condition, message SQL] in the order validateRow pushes them.
  const checks: Partial<Record<ImportColumn, [string, string][]>> = {};
  const add = (c: ImportColumn, cond: string, message: string) => (checks[c] ??= []).push([cond, message]);
  for (const c of IMPORT_COLUMNS) if (c.required) add(c.name, `NOT ${has(c.name)}`, lit(RULES.required));
  add('kind', `${has('kind')} AND NOT ${inList(v('kind'), CONTRACT_KINDS)}`, lit(RULES.kind));
  add('subKind', `${has('subKind')} AND ${has('kind')} AND NOT (${subKinds.join(' OR ') || 'false'})`, `${lit(RULES.subKindPrefix)} || ${v('kind')}`);
  for (const c of ['projectName', 'sellerName', 'buyerName'] as const) add(c, `char_length(${v(c)}) > 200`, lit(RULES.tooLong));
  add('fieldCode', `${has('fieldCode')} AND ${digitMask(v('fieldCode'))} NOT IN ('00', '00.00')`, lit(RULES.fieldCode));
  for (const c of ['signedOn', 'registeredOn'] as const) add(c, `${has(c)} AND NOT t.${ok(c)}`, lit(RULES.date));
  add('registeredOn', `t.${ok('signedOn')} AND t.${ok('registeredOn')} AND ${v('registeredOn')} < ${v('signedOn')}`, lit(RULES.beforeSigned));
  add('sellerRegion', `${has('sellerRegion')} AND NOT t.${ok('sellerRegion')}`, lit(RULES.region));
  add('sellerRegion', `${has('sellerRegion')} AND NOT starts_with(${v('sellerRegion')}, ${lit(jurisdictionPrefix(adminRegion))})`, lit(RULES.outsideArea(adminRegion)));
  add('sellerCreditCode', `${has('sellerCreditCode')} AND NOT t.${ok('sellerCreditCode')}`, lit(RULES.creditCode));
  add('buyerCountry', `${digitMask(country)} <> '000'`, lit(RULES.country));
  add('buyerCreditCode', `${country} = '156' AND ${has('buyerCreditCode')} AND NOT t.${ok('buyerCreditCode')}`, lit(RULES.creditCode));
  add('buyerRegion', `${country} = '156' AND NOT (${has('buyerRegion')} AND t.${ok('buyerRegion')})`, lit(RULES.region));
  add('buyerCreditCode', `${country} <> '156' AND ${has('buyerCreditCode')} AND NOT (char_length(${v('buyerCreditCode')}) <= 18 AND ltrim(${v('buyerCreditCode')}, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') = '')`, lit(RULES.foreignCode));
  add('buyerCreditCode', `${has('sellerCreditCode')} AND ${v('sellerCreditCode')} = ${v('buyerCreditCode')}`, lit(RULES.selfDeal));
  for (const c of ['sellerType', 'buyerType'] as const) add(c, ...typeCheck(c));
  for (const c of FEN_COLUMNS) add(c, `${fen(c)} <> '' AND NOT ${fenOk(c)}`, lit(RULES.fen));
  add('contractAmountFen', `${amountsChecked} AND ${contractBad}`, lit(RULES.positive));
  add('equipmentFen', `${amountsChecked} AND ${partUnsafe}`, lit(RULES.fen));
  add('equipmentFen', `${amountsChecked} AND NOT ${contractBad} AND (${PART_COLUMNS.map(num).join(' + ')}) > ${num('contractAmountFen')}`, lit(RULES.partsExceed));
  add('registrationNumber', `${has('registrationNumber')} AND NOT ${numberOk}`, lit(RULES.numberFormat));
  add('registrationNumber', `${numberOk} AND t.${ok('registeredOn')} AND substr(${v('registrationNumber')}, 1, 4)::int::text <> substr(${v('registeredOn')}, 1, 4)`, lit(RULES.numberYear));
  add('registrationNumber', `${numberOk} AND ${has('sellerRegion')} AND substr(${v('registrationNumber')}, 5, 6) <> ${v('sellerRegion')}`, lit(RULES.numberRegion));
  // Conditions of a field are exclusive in effect only through order: CASE takes the first, like the PK does.
  const perField = IMPORT_COLUMNS.map(({ name }) => {
    const list = checks[name];
    return list ? `CASE ${list.map(([cond, msg]) => `WHEN ${cond} THEN ${msg}`).join(' ')} END` : 'NULL::text';
  });
  return `ARRAY[${perField.join(',\n ')}]`;
}

/**
 * Checks whose values repeat across a file (parties, dates, regions) and cost microseconds each (the GB 32100
 * checksum is 17 lookups): a LATERAL subquery per check, fenced by OFFSET 0 so the planner puts a Memoize node in
 * front of it — each distinct value is checked once and every other row is a hash probe.
 */
const MEMOIZED: [ImportColumn, (x: string) => string][] = [
  ['signedOn', isDate],
  ['registeredOn', isDate],
  ['sellerCreditCode', creditCodeValid],
  ['buyerCreditCode', creditCodeValid],
];

/**
 * Statistics of the memoized columns only, from the default sample (30,000 rows): the planner memoizes when it
 * expects values to repeat, and a smaller sample of a million-row file mistakes 2,000 repeating codes for unique ones.
 */
export function analyzeSql(stage: string, source: Partial<Record<ImportColumn, string>>): string {
  const columns = MEMOIZED.map(([c]) => source[c]?.replace(/^s\./, '')).filter((c): c is string => !!c);
  return `ANALYZE ${stage}${columns.length ? ` (${[...new Set(columns)].join(', ')})` : ''}`;
}

/**
 * Rows with their messages. Three layers, each computed once per row (OFFSET 0 keeps them apart): the trimmed
 * values; the checks several rules share (dates, credit codes, region codes); the per-field messages.
 */
export function validatedSelect(stage: string, source: Partial<Record<ImportColumn, string>>, adminRegion: string, regionParam: string): string {
  const x = (c: ImportColumn) => `x.${q(c)}`;
  // The region codes as a hash join input (one hash of the ~3,000 codes for the whole file, probed per row).
  const isRegion = (c: ImportColumn, alias: string) =>
    `LEFT JOIN (SELECT DISTINCT unnest(${regionParam}) COLLATE "C" AS code) ${alias} ON ${alias}.code = ${x(c)}`;
  // Keyed by the raw staging column: the planner only memoizes on a column it has statistics for (ANALYZE after COPY).
  // The value is trimmed in an inner fence so the raw column is the Memoize node's only key.
  const memo = MEMOIZED.map(
    ([c, check], i) => `CROSS JOIN LATERAL (SELECT ${check('y.v')} AS ok FROM (SELECT ${trim(`x.${rawName(c)}`)} COLLATE "C" AS v OFFSET 0) y OFFSET 0) m${i}`,
  );
  const shared = [
    ...MEMOIZED.map(([c], i) => `m${i}.ok AS ${ok(c)}`),
    `sr.code IS NOT NULL AS ${ok('sellerRegion')}`,
    `br.code IS NOT NULL AS ${ok('buyerRegion')}`,
    `(${digitMask(x('registrationNumber'))} = '${'0'.repeat(16)}' AND substr(${x('registrationNumber')}, 11, 6) <> '000000') AS ${ok('registrationNumber')}`,
    // /^\d{1,16}$/ of the amount (an absent part counts as 0).
    ...FEN_COLUMNS.map((c) => `(${c === 'contractAmountFen' ? `${x(c)} <> '' AND ` : ''}char_length(${x(c)}) <= 16 AND ltrim(${x(c)}, '0123456789') = '') AS ${ok(c)}`),
  ];
  return `SELECT t.row, ${messagesArray(adminRegion)} AS msgs
    FROM (SELECT x.*, CASE WHEN x."buyerCountry" <> '' THEN x."buyerCountry" ELSE '156' END AS buyer_country, ${shared.join(', ')}
            FROM (${trimmedSelect(stage, source, MEMOIZED.map(([c]) => c))}) x
            ${memo.join('\n            ')}
            ${isRegion('sellerRegion', 'sr')}
            ${isRegion('buyerRegion', 'br')}
          OFFSET 0) t`;
}

/** Writes every problem of every row into contract_import_errors ($1 = import id, $2 = region codes); returns the bad rows. */
export function insertErrorsSql(stage: string, source: Partial<Record<ImportColumn, string>>, adminRegion: string): string {
  const fields = `ARRAY[${IMPORT_COLUMNS.map((c) => lit(c.name)).join(', ')}]::text[]`;
  return `WITH bad AS (
      SELECT v.row, v.msgs FROM (${validatedSelect(stage, source, adminRegion, '$2::text[]')}) v WHERE num_nonnulls(VARIADIC v.msgs) > 0),
    ins AS (
      INSERT INTO contract_import_errors (import_id, row, field, message)
      SELECT $1, b.row, (${fields})[e.i], e.msg FROM bad b CROSS JOIN LATERAL unnest(b.msgs) WITH ORDINALITY AS e(msg, i) WHERE e.msg IS NOT NULL
      RETURNING 1)
    SELECT (SELECT count(*)::int FROM bad) AS bad_rows, (SELECT count(*)::int FROM ins) AS errors`;
}

const typed = (t: string) => ({
  signedOn: `${t}."signedOn"::date`,
  contractFen: `${t}."contractAmountFen"::bigint`,
  part: (c: ImportColumn) => `COALESCE(NULLIF(${t}.${q(c)}, '')::bigint, 0)`,
});

/** The rows without errors ($1 import id), fenced (OFFSET 0) so casts and keys are only computed for them. */
const validRows = (stage: string, source: Partial<Record<ImportColumn, string>>) =>
  `SELECT t.* FROM (${trimmedSelect(stage, source)}) t WHERE NOT EXISTS (SELECT 1 FROM contract_import_errors e WHERE e.import_id = $1 AND e.row = t.row) OFFSET 0`;

/** The natural key (migration 1765140000000: parties, date, amount, project name) and number of the valid rows (unused trimmed columns are dropped by the planner). */
function validKeys(stage: string, source: Partial<Record<ImportColumn, string>>): string {
  const x = typed('t');
  return `SELECT t.row, t."registrationNumber" AS registration_number, t."sellerCreditCode" AS seller_credit_code, t."buyerCreditCode" AS buyer_credit_code,
                 ${x.signedOn} AS signed_on, ${x.contractFen} AS contract_fen, t."projectName" AS project_name FROM (${validRows(stage, source)}) t`;
}
const sameNaturalKey = (k: string) =>
  `c.seller_credit_code = ${k}.seller_credit_code AND c.buyer_credit_code = ${k}.buyer_credit_code AND c.signed_on = ${k}.signed_on AND c.contract_fen = ${k}.contract_fen AND c.project_name = ${k}.project_name AND c.status <> 'rejected'`;

/**
 * Before the insert, the valid rows `contracts` already holds ($1 import id): `duplicate` when their natural key is
 * there, otherwise their number is taken. One pass, two hash left joins (the natural key and the number are each
 * unique, so no row is repeated). Computed apart from the insert so the insert never reads the table it writes, and
 * so a re-import (every row taken) needs no insert and no second pass.
 */
export function takenSql(stage: string, source: Partial<Record<ImportColumn, string>>, taken: string): string {
  return `INSERT INTO ${taken} (row, duplicate)
    SELECT k.row, c.id IS NOT NULL FROM (${validKeys(stage, source)}) k
      LEFT JOIN contracts c ON ${sameNaturalKey('k')}
      LEFT JOIN contracts n ON n.registration_number = k.registration_number
     WHERE c.id IS NOT NULL OR n.id IS NOT NULL`;
}

/**
 * The valid rows (no entry in contract_import_errors) into `contracts`, set-based; what was inserted is kept in
 * `fresh` for the roll-ups and counters. $1 import id, $2 administration, $3 importing user, $4 the import's start
 * in ms as 12 hex digits.
 *
 * `plain`: the rows `takenSql` found in `contracts` are left out (a hash anti-join on the row number) and the rest
 * inserted without ON CONFLICT — its per-row probe of every unique index before the insert was a third of the
 * insert's cost. A file with duplicates inside it (or a registration racing the import) then fails with a unique
 * violation and the caller repeats the insert with `plain = false`: ON CONFLICT DO NOTHING in file order, the
 * first row wins.
 *
 * Ids are time-ordered (UUIDv7 layout: the 48-bit ms timestamp, then the row number, then 48 random bits), so
 * the primary key grows at its right edge instead of touching a random leaf page per row.
 */
export function insertContractsSql(stage: string, source: Partial<Record<ImportColumn, string>>, fresh: string, taken: string, plain: boolean): string {
  const x = typed('t');
  const parts = PART_COLUMNS.map(x.part);
  const skipTaken = `WHERE NOT EXISTS (SELECT 1 FROM ${taken} k WHERE k.row = v.row)`;
  return `WITH ins AS (
      INSERT INTO contracts (id, filer_org_id, created_by, source, import_id, kind, sub_kind, project_name, field_code, signed_on,
                             seller_name, seller_credit_code, seller_country, seller_region, seller_type,
                             buyer_name, buyer_credit_code, buyer_country, buyer_region, buyer_type,
                             contract_fen, equipment_fen, materials_fen, construction_fen, other_fen, tech_fen,
                             status, submitted_at, accepted_at, registered_at, registered_on, registered_by, registration_number, verification_code)
      SELECT v.id, $2, NULL, 'import', $1, v.kind, v.sub_kind, v.project_name, v.field_code, v.signed_on,
             v.seller_name, v.seller_credit_code, '156', v.seller_region, v.seller_type,
             v.buyer_name, v.buyer_credit_code, v.buyer_country, v.buyer_region, v.buyer_type,
             v.contract_fen, v.equipment_fen, v.materials_fen, v.construction_fen, v.other_fen, GREATEST(v.contract_fen - v.parts, 0),
             'registered', now(), now(), v.registered_on::timestamptz, v.registered_on, $3::uuid, v.registration_number,
             ${verificationCodeSql('v.registration_number', 'v.id')}
        FROM (SELECT ($4::text || '7' || lpad(to_hex(t.row), 7, '0') || right(gen_random_uuid()::text, 12))::uuid AS id, t."kind" AS kind, NULLIF(t."subKind", '') AS sub_kind, t."projectName" AS project_name,
                     NULLIF(t."fieldCode", '') AS field_code, ${x.signedOn} AS signed_on, t."sellerName" AS seller_name,
                     t."sellerCreditCode" AS seller_credit_code, t."sellerRegion" AS seller_region, t."sellerType" AS seller_type,
                     t."buyerName" AS buyer_name, t."buyerCreditCode" AS buyer_credit_code,
                     CASE WHEN t."buyerCountry" <> '' THEN t."buyerCountry" ELSE '156' END AS buyer_country,
                     NULLIF(t."buyerRegion", '') AS buyer_region, t."buyerType" AS buyer_type, ${x.contractFen} AS contract_fen,
                     ${parts.map((p, i) => `${p} AS ${['equipment_fen', 'materials_fen', 'construction_fen', 'other_fen'][i]}`).join(', ')},
                     ${parts.join(' + ')} AS parts, t."registeredOn"::date AS registered_on, t."registrationNumber" AS registration_number, t.row
                FROM (${validRows(stage, source)}) t) v
      ${plain ? skipTaken : 'ON CONFLICT DO NOTHING'}
      RETURNING id, kind, seller_region, field_code, seller_type, registered_on, contract_fen, tech_fen, registration_number, seller_credit_code, buyer_credit_code, signed_on)
    INSERT INTO ${fresh} SELECT * FROM ins`;
}

/** The rows `takenSql` found taken by number only, reported as such ($1 import id, $2 message). */
export const takenConflictsSql = (taken: string) =>
  `INSERT INTO contract_import_errors (import_id, row, field, message) SELECT $1, k.row, 'registrationNumber', $2 FROM ${taken} k WHERE NOT k.duplicate`;

/**
 * After an insert with ON CONFLICT: valid rows whose natural key is not in `contracts` (inserted rows are) lost on
 * the registration number — taken before, or by an earlier row of the file. Reported row by row ($1 import id,
 * $2 message); one hash anti-join over `contracts`.
 */
export function numberConflictsSql(stage: string, source: Partial<Record<ImportColumn, string>>): string {
  return `WITH lost AS (
      INSERT INTO contract_import_errors (import_id, row, field, message)
      SELECT $1, k.row, 'registrationNumber', $2 FROM (${validKeys(stage, source)}) k
       WHERE NOT EXISTS (SELECT 1 FROM contracts c WHERE ${sameNaturalKey('k')})
      ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::int AS conflicts FROM lost`;
}

/**
 * Roll-ups and number counters of the inserted rows, once per import, read from `fresh` (no lookup by id in
 * `contracts`). The roll-up keys and sums are those of registry_stats_apply (migration 1764036000000);
 * the bench and imports.integration.spec.ts compare the statistics with a direct GROUP BY.
 */
export function rollUpSql(fresh: string): string[] {
  return [
    `INSERT INTO contract_stats AS s (dim, key, month, count, contract_fen, tech_fen)
     SELECT x.dim, x.key, date_trunc('month', c.registered_on)::date, count(*), sum(c.contract_fen), sum(c.tech_fen)
       FROM ${fresh} c
       CROSS JOIN LATERAL (VALUES
         ('kind', c.kind),
         ('province', substr(c.seller_region, 1, 2) || '0000'),
         ('region', CASE WHEN c.seller_region LIKE '%0000' THEN c.seller_region::text ELSE substr(c.seller_region, 1, 4) || '00' END),
         ('field', COALESCE(c.field_code, '-')),
         ('partyType', c.seller_type)
       ) AS x(dim, key)
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3
     ON CONFLICT (dim, key, month) DO UPDATE
       SET count = s.count + EXCLUDED.count, contract_fen = s.contract_fen + EXCLUDED.contract_fen, tech_fen = s.tech_fen + EXCLUDED.tech_fen`,
    `INSERT INTO contract_kind_moments AS k (kind, n, sum_ln, sum_ln2)
     SELECT c.kind, count(*), sum(ln(c.contract_fen::double precision)), sum(ln(c.contract_fen::double precision) ^ 2)
       FROM ${fresh} c GROUP BY c.kind ORDER BY c.kind
     ON CONFLICT (kind) DO UPDATE SET n = k.n + EXCLUDED.n, sum_ln = k.sum_ln + EXCLUDED.sum_ln, sum_ln2 = k.sum_ln2 + EXCLUDED.sum_ln2`,
    // Later registrations continue after the highest imported serial of each region and year.
    `INSERT INTO contract_number_counters AS k (region_code, year, last_serial)
     SELECT seller_region, substr(registration_number, 1, 4)::int, max(substr(registration_number, 11, 6)::int)
       FROM ${fresh} GROUP BY 1, 2
     ON CONFLICT (region_code, year) DO UPDATE SET last_serial = GREATEST(k.last_serial, EXCLUDED.last_serial)`,
  ];
}
