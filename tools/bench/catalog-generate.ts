/**
 * Loads N synthetic published achievements into a migrated catalog database that already holds the demo
 * data (identity, organisations, technology fields and the demo achievements: `cli.js seed-demo`).
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/bench/catalog-generate.ts \
 *     --url postgres://postgres@127.0.0.1:5432/ttx_x --n 1000000
 *
 * Synthesis: every row recombines the demo seed (seeds/demo/achievements.json): the title of one demo
 * achievement, abstract sentences of two or three others, problem/advantages/applications of further
 * ones, zh and en taken from the same demo rows so the two languages stay parallel. Chinese 2-, 3- and
 * 4-character words and English words therefore occur with the seed's own relative frequencies. Field
 * codes, kinds, stages, TRL, IP records (valid numbers) and inventor names come from the seed too;
 * institutions are those of the demo achievements; inventor shares are 1–4 shares in hundredths
 * that sum to exactly 100.
 *
 * Loading: batches of `--batch` rows (default 5,000) are COPYed (pg-copy-streams, text format) into a
 * temporary staging table, then a set-based `INSERT … SELECT` moves them into achievements; inventors
 * and IP records are COPYed straight into their tables. The search vector is built exactly as the catalog
 * service does it (`refreshSearchVector`), with the catalog's own `searchVectorParts` (Han tokens in
 * JS) and `searchVectorSql` (English stems in SQL). The JS tokenising of the
 * next batch overlaps with the SQL of the previous one.
 *
 * For speed the GIN index achievements_search_idx is dropped and rebuilt afterwards with its own
 * definition (from pg_indexes), and triggers/FK checks are off in the loading session
 * (session_replication_role = replica): the rows are valid by construction (shares sum to 100,
 * existing field codes and organisations), and a count check runs at the end.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
// The catalog's own tokeniser: the index must hold exactly what the service writes (README "Module boundaries").
import { searchVectorParts, searchVectorSql } from '@ttx/api/catalog';

interface Pair {
  zh?: string | null;
  en?: string | null;
}
interface SeedAchievement {
  kind: string;
  title: Pair;
  abstract?: Pair;
  problem?: Pair;
  advantages?: Pair;
  applications?: Pair;
  fieldCode?: string | null;
  stage?: string | null;
  trl?: number | null;
  ipRecords?: { number: string; office: string; filingDate?: string | null; grantDate?: string | null; status: string; expiryDate?: string | null }[];
  inventors: { name: string; sharePct: number }[];
  jobRelated: boolean;
  dealTypes: string[];
  askingPrice?: { minFen: number; maxFen: number } | null;
}

export interface GenerateOptions {
  url: string;
  n: number;
  batch?: number;
  seedDir?: string;
  /** Deterministic pseudo-random stream (default 42). */
  seed?: number;
  log?: (msg: string) => void;
}

export interface GenerateResult {
  rows: number;
  inventors: number;
  ipRecords: number;
  seconds: number;
  loadSeconds: number;
  indexSeconds: number;
  rowsPerSec: number;
}

/** mulberry32: fast, deterministic. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits parallel zh/en texts into sentences; keeps them paired only when the counts agree. */
function sentences(p: Pair | undefined): { zh: string[]; en: string[] } {
  const zh = (p?.zh ?? '').split(/(?<=[。；！？])/u).map((s) => s.trim()).filter(Boolean);
  const en = (p?.en ?? '').split(/(?<=[.;!?])\s+/u).map((s) => s.trim()).filter(Boolean);
  return { zh, en };
}

const COLS = [
  'id', 'institution_id', 'kind', 'title_zh', 'title_en', 'abstract_zh', 'abstract_en', 'problem_zh', 'problem_en',
  'advantages_zh', 'advantages_en', 'applications_zh', 'applications_en', 'field_code', 'stage', 'trl', 'job_related',
  'deal_types', 'price_min', 'price_max', 'published_at', 'han', 'latin_title', 'latin_body',
] as const;
const TYPES: Record<(typeof COLS)[number], string> = {
  id: 'uuid', institution_id: 'uuid', kind: 'text', title_zh: 'text', title_en: 'text', abstract_zh: 'text', abstract_en: 'text',
  problem_zh: 'text', problem_en: 'text', advantages_zh: 'text', advantages_en: 'text', applications_zh: 'text', applications_en: 'text',
  field_code: 'text', stage: 'text', trl: 'int2', job_related: 'bool', deal_types: 'text', price_min: 'int8', price_max: 'int8',
  published_at: 'timestamptz', han: 'text', latin_title: 'text', latin_body: 'text',
};

const SEARCH_VECTOR = searchVectorSql('han', 'latin_title', 'latin_body');
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** One value in COPY text format: NULL as backslash-N; backslash, tab, newline and CR escaped. */
const copyValue = (v: unknown): string =>
  v === null || v === undefined ? '\\N' : String(v).replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]);

/** COPY `rows` into `target` ("table (col, …)") over the client's connection. */
export async function copyRows(db: Client, target: string, rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const text = rows.map((r) => r.map(copyValue).join('\t')).join('\n') + '\n';
  await pipeline(Readable.from([text]), db.query(copyFrom(`COPY ${target} FROM STDIN`)));
}

export async function generateCatalog(opts: GenerateOptions): Promise<GenerateResult> {
  const log = opts.log ?? ((m: string) => process.stdout.write(`[catalog-generate] ${m}\n`));
  const batch = opts.batch ?? 5000;
  const seedDir = opts.seedDir ?? path.resolve(__dirname, '../../seeds/demo');
  const seed = (JSON.parse(fs.readFileSync(path.join(seedDir, 'achievements.json'), 'utf8')) as { achievements: SeedAchievement[] }).achievements;
  const rand = rng(opts.seed ?? 42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const abstracts = seed.map((a) => sentences(a.abstract));
  const names = [...new Set(seed.flatMap((a) => a.inventors.map((i) => i.name)))];

  const PARALLEL = 2;
  const clients = Array.from({ length: PARALLEL }, () => new Client({ connectionString: opts.url, application_name: 'ttx-catalog-generate' }));
  await Promise.all(clients.map((c) => c.connect()));
  const db = clients[0];
  const t0 = Date.now();
  let inventors = 0;
  let ipRecords = 0;
  try {
    const institutions: string[] = (await db.query(`SELECT DISTINCT institution_id AS id FROM achievements ORDER BY 1`)).rows.map((r) => r.id);
    const fieldCodes = new Set<string>((await db.query(`SELECT code FROM technology_fields`)).rows.map((r) => r.code));
    if (!institutions.length || !fieldCodes.size) throw new Error('no demo achievements or technology fields: seed the demo data first (cli.js seed-demo)');
    const bad = seed.filter((a) => a.fieldCode && !fieldCodes.has(a.fieldCode));
    if (bad.length) throw new Error(`seed field codes missing in technology_fields: ${bad.map((a) => a.fieldCode).join(', ')}`);

    const [idx] = (await db.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'achievements_search_idx'`)).rows;
    if (idx) await db.query(`DROP INDEX achievements_search_idx`);
    for (const c of clients) {
      await c.query(`SET session_replication_role = replica`);
      await c.query(`SET maintenance_work_mem = '1GB'`);
    }

    const timing = { js: 0, stage: 0, achievements: 0, children: 0 };
    const now = Date.now();
    const makeBatch = (size: number) => {
      const rows: Record<string, unknown>[] = [];
      const invRows: { id: string; pos: number; name: string; share: string }[] = [];
      const ipRows: { id: string; pos: number; r: NonNullable<SeedAchievement['ipRecords']>[number] }[] = [];
      for (let i = 0; i < size; i++) {
        const base = pick(seed);
        const id = randomUUID();
        // Abstract: the base's first sentence + 1–2 sentences of other demo abstracts (zh and en of the same rows).
        const parts = [abstracts[seed.indexOf(base)], pick(abstracts), pick(abstracts)].slice(0, 2 + Math.floor(rand() * 2));
        const abZh = parts.map((p, k) => (k === 0 ? p.zh[0] : pick(p.zh.length ? p.zh : [''])) ?? '').join('');
        const abEn = parts.map((p, k) => (k === 0 ? p.en[0] : pick(p.en.length ? p.en : [''])) ?? '').join(' ');
        const prob = pick(seed).problem;
        const adv = pick(seed).advantages;
        const app = pick(seed).applications;
        const titleZh = base.title.zh ?? null;
        const titleEn = base.title.en ?? null;
        const body = [abZh, abEn, prob?.zh, prob?.en, adv?.zh, adv?.en, app?.zh, app?.en].map((x) => x || null);
        const v = searchVectorParts([titleZh, titleEn], body);
        const row: Record<(typeof COLS)[number], unknown> = {
          id,
          institution_id: pick(institutions),
          kind: base.kind,
          title_zh: titleZh,
          title_en: titleEn,
          abstract_zh: body[0], abstract_en: body[1], problem_zh: body[2], problem_en: body[3],
          advantages_zh: body[4], advantages_en: body[5], applications_zh: body[6], applications_en: body[7],
          field_code: base.fieldCode ?? null,
          stage: base.stage ?? null,
          trl: base.trl ?? null,
          job_related: base.jobRelated,
          deal_types: `{${base.dealTypes.join(',')}}`,
          price_min: base.askingPrice?.minFen ?? null,
          price_max: base.askingPrice?.maxFen ?? null,
          published_at: new Date(now - Math.floor(rand() * 3 * 365 * 86400e3)).toISOString(),
          han: v.han,
          latin_title: v.latinTitle,
          latin_body: v.latinBody,
        };
        rows.push(row);
        // 1–4 inventors, shares in hundredths summing to exactly 10,000.
        const k = 1 + Math.floor(rand() * 4);
        let left = 10000;
        for (let j = 0; j < k; j++) {
          const share = j === k - 1 ? left : Math.max(1, Math.floor((left / (k - j)) * (0.6 + rand() * 0.8)));
          left -= share;
          invRows.push({ id, pos: j, name: pick(names), share: (share / 100).toFixed(2) });
        }
        for (const [pos, r] of (base.ipRecords ?? []).entries()) ipRows.push({ id, pos, r });
      }
      return { rows, invRows, ipRows };
    };

    // Rows travel by COPY (text format): achievements into a per-session staging table, from which one
    // set-based INSERT computes the English tsvector in SQL; inventors and IP records straight into their tables.
    for (const c of clients) {
      await c.query(
        `CREATE TEMP TABLE gen_stage (${COLS.map((col) => `${col} ${TYPES[col]}`).join(', ')}) ON COMMIT DELETE ROWS`,
      );
    }
    const send = async (db: Client, b: ReturnType<typeof makeBatch>) => {
      let t = Date.now();
      const lap = (k: keyof typeof timing) => {
        timing[k] += Date.now() - t;
        t = Date.now();
      };
      await db.query('BEGIN');
      await copyRows(db, `gen_stage (${COLS.join(', ')})`, b.rows.map((r) => COLS.map((col) => r[col])));
      lap('stage');
      await db.query(
        `INSERT INTO achievements (id, institution_id, kind, status, title_zh, title_en, abstract_zh, abstract_en, problem_zh, problem_en,
           advantages_zh, advantages_en, applications_zh, applications_en, field_code, stage, trl, job_related, deal_types,
           asking_price_min_fen, asking_price_max_fen, created_at, updated_at, submitted_at, published_at, search)
         SELECT id, institution_id, kind, 'published', title_zh, title_en, abstract_zh, abstract_en, problem_zh, problem_en,
           advantages_zh, advantages_en, applications_zh, applications_en, field_code, stage, trl, job_related, deal_types::text[],
           price_min, price_max, published_at - interval '7 days', published_at, published_at - interval '2 days', published_at,
           ${SEARCH_VECTOR}
         FROM gen_stage`,
      );
      lap('achievements');
      await copyRows(db, 'achievement_inventors (achievement_id, position, name, share)', b.invRows.map((x) => [x.id, x.pos, x.name, x.share]));
      await copyRows(
        db,
        'achievement_ip_records (achievement_id, position, number, office, filing_date, grant_date, status, expiry_date)',
        b.ipRows.map((x) => [x.id, x.pos, x.r.number, x.r.office, x.r.filingDate ?? null, x.r.grantDate ?? null, x.r.status, x.r.expiryDate ?? null]),
      );
      await db.query('COMMIT');
      lap('children');
      inventors += b.invRows.length;
      ipRecords += b.ipRows.length;
    };

    let done = 0;
    let lastLog = Date.now();
    const busy: (Promise<void> | null)[] = clients.map(() => null);
    while (done < opts.n) {
      const size = Math.min(batch, opts.n - done);
      const tj = Date.now();
      const b = makeBatch(size); // tokenises while the other batches run in PostgreSQL
      timing.js += Date.now() - tj;
      let free = busy.findIndex((p) => p === null);
      if (free < 0) free = await Promise.race(busy.map((p, i) => (p as Promise<void>).then(() => i)));
      const i = free;
      busy[i] = send(clients[i], b).then(() => {
        busy[i] = null;
      });
      done += size;
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        const s = (Date.now() - t0) / 1000;
        log(`${done.toLocaleString('en')} rows queued · ${(done / s).toFixed(0)} rows/s · ms: ${JSON.stringify(timing)}`);
      }
    }
    await Promise.all(busy);
    const loadSeconds = (Date.now() - t0) / 1000;
    log(`${opts.n.toLocaleString('en')} rows loaded in ${loadSeconds.toFixed(1)} s (${(opts.n / loadSeconds).toFixed(0)} rows/s; ms ${JSON.stringify(timing)}); building the GIN index ...`);
    const t1 = Date.now();
    if (idx) await db.query(idx.indexdef);
    const indexSeconds = (Date.now() - t1) / 1000;
    await db.query(`RESET session_replication_role`);
    log(`GIN index rebuilt in ${indexSeconds.toFixed(1)} s`);
    const [{ bad: badShares }] = (
      await db.query(`SELECT count(*)::int AS bad FROM (SELECT achievement_id FROM achievement_inventors GROUP BY 1 HAVING sum(share) <> 100) x`)
    ).rows;
    if (badShares) throw new Error(`${badShares} achievements whose inventor shares do not sum to 100`);
    const seconds = (Date.now() - t0) / 1000;
    return { rows: opts.n, inventors, ipRecords, seconds, loadSeconds, indexSeconds, rowsPerSec: opts.n / seconds };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    return argv[i].includes('=') ? argv[i].split('=', 2)[1] : argv[i + 1];
  };
  const url = arg('--url') ?? process.env['DATABASE_URL'];
  const n = Number(arg('--n') ?? 1_000_000);
  if (!url || !(n > 0)) {
    process.stderr.write('usage: catalog-generate.ts --url postgres://… [--n 1000000] [--batch 5000]\n');
    process.exit(2);
  }
  generateCatalog({ url, n, batch: arg('--batch') ? Number(arg('--batch')) : undefined }).then(
    (r) => {
      process.stdout.write(`[catalog-generate] ${JSON.stringify(r)}\n`);
      process.exit(0);
    },
    (e) => {
      process.stderr.write(`[catalog-generate] ${(e as Error).stack ?? e}\n`);
      process.exit(1);
    },
  );
}
