/**
 * Registry at scale, each figure against a raw baseline measured in the same run:
 *
 * 1. Bulk import of N generated rows (CSV, the documented column set) through the importer the worker
 *    runs (stream → row validation → COPY into a staging table → set-based insert, roll-ups, counters)
 *    vs a raw `COPY … FROM STDIN (FORMAT csv)` of the same file into a bare all-text table.
 *    Prints rows/s of both, the ratio (target ≥ 50 %), the import's wall time (target < 60 s at 1 M)
 *    and the peak RSS of this process during the import (flat memory: it must not grow with N).
 * 2. Statistics over M registered contracts: `StatsService.query` (roll-ups + partial months) vs the
 *    direct GROUP BY over the contracts, per grouping, with a date range that cuts months (target < 1 s).
 *
 *   nx bench-registry bench                      N = 1,000,000 import rows, M = 10,000,000 contracts
 *   nx bench-registry bench -c smoke             N = 20,000, M = 100,000
 *   nx bench-registry bench --n=200000 --m=2000000 --json=/tmp/registry.json
 *
 * Not a test: timings never change the exit code; a wrong import count or statistics that differ
 * from the GROUP BY do.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@ttx/api/core';
import { createTestDatabase } from '@ttx/api/core/testing';
import { IDENTITY_ENTITIES } from '@ttx/api/identity';
import { ImportRunner, REGISTRY_ENTITIES, StatsService } from '@ttx/api/registry';
import { generateImportCsv } from './registry-generate';

interface Options {
  n: number;
  m: number;
  smoke: boolean;
  json?: string;
}

function parseArgs(argv: string[]): Options {
  const smoke = argv.includes('--smoke');
  const o: Options = smoke ? { n: 20_000, m: 100_000, smoke } : { n: 1_000_000, m: 10_000_000, smoke };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--n') o.n = Math.round(Number(value()));
    else if (flag === '--m') o.m = Math.round(Number(value()));
    else if (flag === '--json') o.json = value();
    else if (flag === '--smoke') continue;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return o;
}

const log = (msg: string) => process.stdout.write(`[bench-registry] ${msg}\n`);
const mb = (b: number) => `${Math.round(b / 1048576)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Samples this process's RSS every 50 ms while `fn` runs. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peak: number; before: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await fn();
    return { result, peak: Math.max(peak, process.memoryUsage().rss), before };
  } finally {
    clearInterval(timer);
  }
}

async function rawCopy(url: string, file: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`CREATE TABLE raw_copy (${Array.from({ length: 21 }, (_, i) => `c${i} text`).join(', ')})`);
    const t = performance.now();
    await pipeline(fs.createReadStream(file), c.query(copyFrom(`COPY raw_copy FROM STDIN (FORMAT csv, HEADER true)`)));
    const ms = performance.now() - t;
    await c.query('DROP TABLE raw_copy');
    return ms;
  } finally {
    await c.end();
  }
}

/**
 * The ceiling of any importer into `contracts` as it is: the imported rows, already valid and numbered, written
 * once more by one INSERT … SELECT into an empty table of contracts' shape (its indexes, unique keys and foreign
 * keys), with no parsing, validation or roll-ups. Against the raw COPY it shows what the table itself costs.
 */
async function shapeFloor(ds: DataSource, importId: string): Promise<{ ms: number; indexes: number; foreignKeys: number }> {
  const fks: { def: string }[] = await ds.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'contracts'::regclass AND contype = 'f'`);
  await ds.query('CREATE TABLE contracts_floor (LIKE contracts INCLUDING ALL)');
  try {
    for (const { def } of fks) await ds.query(`ALTER TABLE contracts_floor ADD ${def}`);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'contracts_floor'`);
    await ds.query('CHECKPOINT');
    const t = performance.now();
    await ds.query('INSERT INTO contracts_floor SELECT * FROM contracts WHERE import_id = $1', [importId]);
    return { ms: performance.now() - t, indexes: n, foreignKeys: fks.length };
  } finally {
    await ds.query('DROP TABLE contracts_floor');
  }
}

/**
 * The ceiling of any importer that keeps contracts' indexes and keys, even one loading into a fresh partition
 * whose indexes are built after the load: the rows copied into a bare table of contracts' columns (untimed: the
 * raw COPY stands for it), then contracts' indexes built and its foreign keys added (timed). raw COPY + that
 * build is the least such a design can take.
 */
async function indexBuild(ds: DataSource, importId: string): Promise<number> {
  const defs: { def: string }[] = await ds.query(`SELECT indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'contracts'`);
  const fks: { def: string }[] = await ds.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'contracts'::regclass AND contype = 'f'`);
  const q = ds.createQueryRunner();
  await q.connect();
  try {
    await q.query('CREATE TABLE contracts_deferred (LIKE contracts INCLUDING DEFAULTS)');
    await q.query('INSERT INTO contracts_deferred SELECT * FROM contracts WHERE import_id = $1', [importId]);
    await q.query('CHECKPOINT');
    // As generous to such a design as this server allows: sorts in memory.
    await q.query(`SET maintenance_work_mem = '1GB'`);
    const t = performance.now();
    for (const [i, { def }] of defs.entries()) {
      await q.query(def.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+/, (_m, u: string | undefined) => `CREATE ${u ?? ''}INDEX contracts_deferred_${i} ON contracts_deferred`));
    }
    for (const { def } of fks) await q.query(`ALTER TABLE contracts_deferred ADD ${def}`);
    return performance.now() - t;
  } finally {
    await q.query('DROP TABLE IF EXISTS contracts_deferred');
    await q.release();
  }
}

async function benchImport(ds: DataSource, url: string, o: Options, dir: string) {
  const file = path.join(dir, `contracts-${o.n}.csv`);
  log(`generating ${o.n.toLocaleString()} rows → ${file}`);
  await generateImportCsv(file, o.n);
  log(`file ${mb(fs.statSync(file).size)}`);
  const [admin] = await ds.query(`INSERT INTO organizations (name, kind, credit_code, region_code, verified_at) VALUES ('基准管理办公室', 'administration', '11110000MB0BENCH0X', '110000', now()) RETURNING id`);
  const [user] = await ds.query(`INSERT INTO users (email, password_hash, display_name) VALUES ('bench@bench.ttx', 'x', 'bench') RETURNING id`);
  const run = async () => {
    const [imp] = await ds.query(
      `INSERT INTO contract_imports (created_by, admin_org_id, admin_region, file_name, file_path, format) VALUES ($1, $2, '110000', 'bench.csv', $3, 'csv') RETURNING id`,
      [user.id, admin.id, file],
    );
    const t = performance.now();
    const { result, peak, before } = await peakRss(() => new ImportRunner(ds).run(imp.id));
    return { ms: performance.now() - t, result, peak, before };
  };
  // Raw first, then the importer, then raw again: the mean of the two raw runs is the baseline.
  const raw1 = await rawCopy(url, file);
  const imp = await run();
  const raw2 = await rawCopy(url, file);
  if (imp.result.status !== 'done' || imp.result.imported !== o.n || imp.result.errorCount !== 0) {
    throw new Error(`import: ${JSON.stringify({ status: imp.result.status, imported: imp.result.imported, errors: imp.result.errorCount, failure: imp.result.failure })}`);
  }
  const floor = await shapeFloor(ds, imp.result.id);
  const buildMs = await indexBuild(ds, imp.result.id);
  const again = await run();
  if (again.result.imported !== 0 || again.result.duplicates !== o.n) throw new Error(`re-import was not idempotent: ${JSON.stringify(again.result)}`);
  const rawMs = (raw1 + raw2) / 2;
  const rowsPerSec = o.n / (imp.ms / 1000);
  const rawRowsPerSec = o.n / (rawMs / 1000);
  log(`raw COPY into a bare table: ${secs(rawMs)} (${Math.round(rawRowsPerSec).toLocaleString()} rows/s; runs ${secs(raw1)}, ${secs(raw2)})`);
  log(`import (validate + COPY staging + set-based insert + roll-ups): ${secs(imp.ms)} (${Math.round(rowsPerSec).toLocaleString()} rows/s)`);
  log(`  import/raw rows/s = ${((rowsPerSec / rawRowsPerSec) * 100).toFixed(1)} % (target ≥ 50 %); wall ${secs(imp.ms)} (target < 60 s at 1 M)`);
  log(
    `  floor: the same rows INSERT … SELECTed into an empty table of contracts' shape (${floor.indexes} indexes, ${floor.foreignKeys} foreign keys), nothing else: ` +
      `${secs(floor.ms)} = ${((rawMs / floor.ms) * 100).toFixed(1)} % of raw COPY rows/s`,
  );
  log(
    `  load-then-index floor: raw COPY + building contracts' ${floor.indexes} indexes and ${floor.foreignKeys} foreign keys on the loaded rows (${secs(buildMs)}) = ` +
      `${secs(rawMs + buildMs)} = ${((rawMs / (rawMs + buildMs)) * 100).toFixed(1)} % of raw COPY rows/s`,
  );
  log(`  peak RSS ${mb(imp.peak)} (before ${mb(imp.before)}, +${mb(imp.peak - imp.before)}); re-import ${secs(again.ms)}, 0 new, ${o.n.toLocaleString()} duplicates`);
  fs.rmSync(file, { force: true });
  return { rows: o.n, importMs: imp.ms, rawMs, rowsPerSec, rawRowsPerSec, ratio: rowsPerSec / rawRowsPerSec, peakRss: imp.peak, rssBefore: imp.before, reimportMs: again.ms, floorMs: floor.ms, indexBuildMs: buildMs };
}

/** M registered contracts generated in SQL, in batches, each batch added to the roll-ups by the same function registration uses. */
async function fillContracts(ds: DataSource, m: number): Promise<void> {
  const [admin] = await ds.query(`SELECT id FROM organizations WHERE credit_code = '11110000MB0BENCH0X'`);
  const batch = 500_000;
  for (let start = 0; start < m; start += batch) {
    const size = Math.min(batch, m - start);
    const t = performance.now();
    await ds.transaction(async (q) => {
      await q.query('CREATE TEMP TABLE fill_ids (id uuid) ON COMMIT DROP');
      await q.query(
        `WITH ins AS (
           INSERT INTO contracts (filer_org_id, source, kind, project_name, field_code, signed_on, seller_name, seller_credit_code, seller_region, seller_type,
                                  buyer_name, buyer_credit_code, buyer_region, buyer_type, contract_fen, tech_fen, status, registered_on, registration_number)
           SELECT $1, 'import', (ARRAY['development','transfer','licensing','consulting','service'])[1 + g % 5], 'bench ' || g, lpad((1 + g % 10)::text, 2, '0') || '.01',
                  DATE '2021-01-01' + (g % 1800)::int, 'seller ' || (g % 5000), 'S' || lpad((g % 5000)::text, 17, '0'),
                  (ARRAY['110108','310104','320102','440106','340104','330106','420106','510107','610113','120101','370102','430104'])[1 + g % 12],
                  (ARRAY['enterprise','university','institute','other'])[1 + g % 4], 'buyer ' || g, 'B' || lpad(g::text, 17, '0'), '110105', 'enterprise',
                  1000000 + (g % 997) * 100000, 1000000 + (g % 997) * 100000, 'registered', DATE '2021-01-01' + (g % 1800)::int + 7,
                  '2099' || (ARRAY['110108','310104','320102','440106','340104','330106','420106','510107','610113','120101','370102','430104'])[1 + g % 12] || lpad((g / 12 + 1)::text, 6, '0')
             FROM generate_series($2::bigint, $3::bigint) g
           RETURNING id)
         INSERT INTO fill_ids SELECT id FROM ins`,
        [admin.id, start, start + size - 1],
      );
      await q.query('SELECT registry_stats_apply(ARRAY(SELECT id FROM fill_ids), 1)');
    });
    log(`  contracts ${(start + size).toLocaleString()} / ${m.toLocaleString()} (${secs(performance.now() - t)})`);
  }
  await ds.query('ANALYZE contracts');
  await ds.query('ANALYZE contract_stats');
}

const DIRECT: Record<string, string> = {
  kind: 'kind',
  region: `CASE WHEN seller_region LIKE '%0000' THEN seller_region ELSE substr(seller_region, 1, 4) || '00' END`,
  month: `to_char(registered_on, 'YYYY-MM')`,
  field: `COALESCE(field_code, '-')`,
};

async function benchStats(ds: DataSource, o: Options) {
  log(`statistics: filling ${o.m.toLocaleString()} registered contracts`);
  await fillContracts(ds, o.m);
  const stats = new StatsService(ds);
  const ranges: [string | undefined, string | undefined][] = [[undefined, undefined], ['2022-03-15', '2024-08-20']];
  const out: { groupBy: string; range: string; apiMs: number; directMs: number }[] = [];
  for (const [groupBy, expr] of Object.entries(DIRECT)) {
    for (const [from, to] of ranges) {
      const q = { groupBy: groupBy as 'kind', from, to };
      await stats.query(q); // warm
      let t = performance.now();
      const api = await stats.query(q);
      const apiMs = performance.now() - t;
      t = performance.now();
      const direct: { key: string; n: string; c: string }[] = await ds.query(
        `SELECT ${expr} AS key, count(*) AS n, sum(contract_fen) AS c FROM contracts
          WHERE registration_number IS NOT NULL AND registered_on >= COALESCE($1::date, '-infinity') AND registered_on <= COALESCE($2::date, 'infinity')
          GROUP BY 1 ORDER BY 1`,
        [from ?? null, to ?? null],
      );
      const directMs = performance.now() - t;
      const same = JSON.stringify(api.map((i) => [i.key, i.count, i.contractAmount])) === JSON.stringify(direct.map((d) => [d.key, Number(d.n), Number(d.c)]));
      if (!same) throw new Error(`statistics by ${groupBy} ${from ?? ''}..${to ?? ''} differ from the GROUP BY`);
      const range = from ? `${from}..${to}` : 'all';
      out.push({ groupBy, range, apiMs, directMs });
      log(`  by ${groupBy.padEnd(6)} ${range.padEnd(22)} roll-ups ${apiMs.toFixed(1).padStart(8)} ms   direct GROUP BY ${directMs.toFixed(0).padStart(7)} ms   ×${(directMs / apiMs).toFixed(0)} (target < 1 s; equal)`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttx-bench-registry-'));
  const db = await createTestDatabase();
  const ds = await new DataSource({ ...dataSourceOptions(db.url), entities: [...IDENTITY_ENTITIES, ...REGISTRY_ENTITIES], poolSize: 4 } as never).initialize();
  try {
    log(`database ${db.name}; N = ${o.n.toLocaleString()} import rows, M = ${o.m.toLocaleString()} contracts; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const imp = await benchImport(ds, db.url, o, dir);
    const stats = await benchStats(ds, o);
    if (o.json) fs.writeFileSync(o.json, JSON.stringify({ options: o, import: imp, stats }, null, 2));
  } finally {
    await ds.destroy();
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`[bench-registry] ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
