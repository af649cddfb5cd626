/**
 * Catalog search at scale: GET /api/achievements?q=… per query class against the primary-key
 * GET /api/achievements/:id, measured in the same run on a fresh database with N synthetic achievements.
 *
 *   nx bench-catalog bench                 N = 1,000,000, 10 s per class, 8 connections
 *   nx bench-catalog bench -c smoke        N = 20,000, 2 s per class
 *   nx bench-catalog bench --n=200000 --duration=5 --json=/tmp/catalog.json
 *   nx bench-catalog bench --template=ttx_bench_1m   on a copy of a pre-generated database (no generation)
 *
 * Two api processes on the same database: one with the search result cache off (every search goes to
 * PostgreSQL: the figures that judge the SQL) and one with it on (SEARCH_CACHE_SECONDS=60: what repeated
 * queries cost). Prints p50/p95 and req/s per class for both, the ratios 2-char p95 / 4-char p95
 * (target ≤ 3) and search req/s / PK req/s (target ≥ 50 %), and an oracle check of the API's totals for
 * Chinese queries against `ILIKE '%q%'` over the public text (target 0 misses; above the count cap the
 * API's total is a lower bound and must be below the oracle's). Then the raw-SQL floor (catalog-raw.ts): the
 * service's bounded search statement per class straight over pg, whose rate bounds the uncached endpoint's.
 * A benchmark is not a test: timings never make the exit code non-zero; a broken set-up, non-2xx
 * answers or oracle misses do.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Client } from 'pg';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { apiNodeArgs, freePort, startNode, stopChild, waitForHttp, type BuiltPlatform } from '@ttx/api/core/testing';
import { PUBLIC_TEXT_SQL, searchStatements } from '@ttx/api/catalog';
import { bootCatalogPlatform } from './template-db';
import { load, type Run } from './http-load';
import { rawSqlFloor } from './catalog-raw';

/** Query classes; words drawn from the demo seed vocabulary the generator recombines. */
const CLASSES: { name: string; label: string; queries: string[] }[] = [
  { name: 'zh2', label: '2-char zh', queries: ['电池', '芯片', '催化', '光伏', '疫苗'] },
  { name: 'zh2-common', label: '2-char zh 专利 (~70 % of rows)', queries: ['专利'] },
  { name: 'zh3', label: '3-char zh', queries: ['传感器', '催化剂', '机器人', '无人机', '新能源'] },
  { name: 'zh4', label: '4-char zh', queries: ['燃煤电厂', '深度学习', '水泥窑炉', '废气治理'] },
  { name: 'en-word', label: 'English word', queries: ['battery', 'catalyst', 'sensor', 'vaccine', 'robot'] },
  { name: 'en-phrase', label: 'English phrase', queries: ['lithium battery', 'coal power', 'neural network'] },
  { name: 'mixed', label: 'mixed', queries: ['5G基站', '电池 battery', '传感器 sensor', 'PM2.5 污染'] },
];
const ORACLE_QUERIES = ['电池', '芯片', '专利', '传感器', '无人机', '燃煤电厂', '锂离子电池', '5G基站'];
const TARGET_P95_RATIO = 3;
const TARGET_RPS_RATIO = 0.5;

interface Options {
  n: number;
  duration: number;
  connections: number;
  warmup: number;
  smoke: boolean;
  json?: string;
  explain?: string;
  template?: string;
}

function parseArgs(argv: string[]): Options {
  const smoke = argv.includes('--smoke');
  const o: Options = smoke
    ? { n: 20_000, duration: 2, connections: 8, warmup: 1, smoke }
    : { n: 1_000_000, duration: 10, connections: 8, warmup: 2, smoke };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    const num = (name: string) => {
      const v = Number(value());
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
      return v;
    };
    if (flag === '--n') o.n = Math.round(num(flag));
    else if (flag === '--duration') o.duration = num(flag);
    else if (flag === '--connections') o.connections = Math.round(num(flag));
    else if (flag === '--warmup') o.warmup = num(flag);
    else if (flag === '--json') o.json = value();
    else if (flag === '--explain') o.explain = value();
    else if (flag === '--template') o.template = value();
    else if (flag === '--smoke') continue;
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write('usage: catalog.bench.ts [--n 1000000] [--duration s=10] [--connections n=8] [--warmup s=2] [--json file] [--explain 电池] [--template db] [--smoke]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${argv[i]}`);
  }
  return o;
}

const log = (msg: string) => process.stdout.write(`[bench-catalog] ${msg}\n`);

const row = (label: string, r: Run) =>
  `${label.padEnd(40)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.reqPerSec.toFixed(1).padStart(9)} ${String(r.requests).padStart(8)} ${String(r.bad).padStart(5)}`;

/** Warm-up, then PK / every class / PK again (drift shows in the PK pair) against one api. */
async function measure(baseUrl: string, pkPaths: string[], opts: Options, label: 'uncached' | 'cached') {
  log(`${label}: warming up ...`);
  await load(baseUrl, pkPaths, opts.warmup, opts.connections);
  for (const c of CLASSES) await load(baseUrl, c.queries.map(searchPath), opts.warmup, opts.connections);
  const results: Record<string, Run> = {};
  const pkRuns: Run[] = [await load(baseUrl, pkPaths, opts.duration / 2, opts.connections)];
  for (const c of CLASSES) {
    const r = (results[c.name] = await load(baseUrl, c.queries.map(searchPath), opts.duration, opts.connections));
    log(`${label}: ${c.label.padEnd(32)} ${r.reqPerSec.toFixed(1).padStart(8)} req/s  p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms`);
  }
  pkRuns.push(await load(baseUrl, pkPaths, opts.duration / 2, opts.connections));
  const pk: Run = {
    reqPerSec: (pkRuns[0].reqPerSec + pkRuns[1].reqPerSec) / 2,
    p50: (pkRuns[0].p50 + pkRuns[1].p50) / 2,
    p95: (pkRuns[0].p95 + pkRuns[1].p95) / 2,
    requests: pkRuns[0].requests + pkRuns[1].requests,
    bad: pkRuns[0].bad + pkRuns[1].bad,
  };
  // Search throughput: the classes weighted equally (mean of per-class req/s), and without the 专利 stress class.
  const meanRps = (cs: typeof CLASSES) => cs.reduce((s, c) => s + results[c.name].reqPerSec, 0) / cs.length;
  return {
    label,
    results,
    pk,
    p95Ratio: results['zh2'].p95 / results['zh4'].p95,
    p95RatioCommon: results['zh2-common'].p95 / results['zh4'].p95,
    rpsRatio: meanRps(CLASSES) / pk.reqPerSec,
    rpsRatioMain: meanRps(CLASSES.filter((c) => c.name !== 'zh2-common')) / pk.reqPerSec,
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the service's own statements (searchStatements) for `q`, relevance and
 * newest-first, each with the settings the service applies; twice, so the second shows the warm cache.
 */
async function explain(url: string, q: string) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    for (const sort of ['relevance', 'newest'] as const) {
      const plan = searchStatements({ q, page: 1, pageSize: 20, sort } as Parameters<typeof searchStatements>[0], 10_000);
      for (const [what, st] of [['bounded', plan.bounded], ['newest page', plan.newest]] as const) {
        if (!st) continue;
        for (const round of ['cold', 'warm']) {
          await db.query('BEGIN');
          await db.query(plan.settings);
          const text = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${st.sql}`, st.params)).rows.map((r) => r['QUERY PLAN']).join('\n');
          await db.query('ROLLBACK');
          process.stdout.write(`\nEXPLAIN (ANALYZE, BUFFERS) ${what}, sort=${sort}, q=${q} (${round}):\n${text}\n`);
        }
      }
    }
  } finally {
    await db.end();
  }
}

const searchPath = (q: string) => `/api/achievements?q=${encodeURIComponent(q)}&pageSize=20`;

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  let platform: BuiltPlatform | undefined;
  let failed = false;
  let cachedApi: ChildProcess | undefined;
  const cleanup = async () => {
    if (cachedApi) await stopChild(cachedApi);
    await platform?.stop({ keepLogs: failed });
  };
  const onSignal = () => void cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const t0 = Date.now();
  try {
    log(
      `${opts.smoke ? 'smoke · ' : ''}N = ${opts.n.toLocaleString('en')}${opts.template ? ` (template ${opts.template})` : ''} · ${opts.duration} s per class · ${opts.connections} connections · ${os.cpus().length} CPUs`,
    );
    const booted = await bootCatalogPlatform({
      n: opts.n,
      template: opts.template,
      boot: { worker: false, web: false, logPrefix: 'ttx-bench-catalog-', env: { SEARCH_CACHE_SECONDS: '0' } },
      log,
    });
    platform = booted.platform;
    const { gen } = booted;
    const url = platform.env['DATABASE_URL'];

    const db = new Client({ connectionString: url });
    await db.connect();
    let ids: string[];
    const oracle: { q: string; api: number; exact: boolean; oracle: number }[] = [];
    try {
      const ta = Date.now();
      await db.query('VACUUM ANALYZE achievements');
      await db.query('ANALYZE achievement_inventors');
      await db.query('ANALYZE achievement_ip_records');
      log(`VACUUM ANALYZE in ${((Date.now() - ta) / 1000).toFixed(1)} s`);
      ids = (await db.query(`SELECT id FROM achievements TABLESAMPLE SYSTEM (1) WHERE status = 'published' LIMIT 2000`)).rows.map((r) => r.id);
      if (ids.length < 100) ids = (await db.query(`SELECT id FROM achievements WHERE status = 'published' ORDER BY random() LIMIT 2000`)).rows.map((r) => r.id);

      // Oracle: the API's total vs a plain substring count over the same public text.
      for (const q of ORACLE_QUERIES) {
        const res = await fetch(`${platform.baseUrl}/api/achievements?q=${encodeURIComponent(q)}&pageSize=1`);
        if (res.status !== 200) throw new Error(`search ${q} → ${res.status} ${await res.text()}`);
        const { total, totalExact } = (await res.json()) as { total: number; totalExact: boolean };
        const [{ count }] = (
          await db.query(`SELECT count(*)::int AS count FROM achievements a WHERE a.status = 'published' AND ${PUBLIC_TEXT_SQL} ILIKE $1`, [`%${q}%`])
        ).rows;
        oracle.push({ q, api: total, exact: totalExact, oracle: count });
      }
    } finally {
      await db.end();
    }
    const agrees = (o: (typeof oracle)[number]) => (o.exact ? o.api === o.oracle : o.api < o.oracle);
    const misses = oracle.filter((o) => !agrees(o)).length;
    for (const o of oracle) {
      log(`oracle ${o.q.padEnd(6, '　')} api ${String(o.api).padStart(8)}${o.exact ? ' ' : '+'}  ILIKE ${String(o.oracle).padStart(8)}${agrees(o) ? '' : '  ← MISMATCH'}`);
    }

    const pkPaths = ids.map((id) => `/api/achievements/${id}`);
    const check = await fetch(`${platform.baseUrl}${pkPaths[0]}`);
    if (check.status !== 200) throw new Error(`GET ${pkPaths[0]} → ${check.status} ${await check.text()}`);

    // The same build on the same database with the result cache on, beside the uncached platform.
    const cachedPort = await freePort();
    const cachedLog = path.join(platform.logDir, 'api-cached.log');
    cachedApi = startNode('api-cached', apiNodeArgs(), { ...process.env, ...platform.env, PORT: String(cachedPort), SEARCH_CACHE_SECONDS: '60' }, cachedLog);
    const cachedUrl = `http://127.0.0.1:${cachedPort}`;
    await waitForHttp(`${cachedUrl}/api/health`, [cachedApi], [cachedLog]);

    const uncached = await measure(platform.baseUrl, pkPaths, opts, 'uncached');
    const cached = await measure(cachedUrl, pkPaths, opts, 'cached');
    log('raw SQL floor: the bounded search statement per class and a PK row fetch, straight over pg ...');
    const floor = await rawSqlFloor(url, CLASSES, ids, opts.duration, opts.connections);
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    const lines = [
      '',
      gen
        ? `N = ${opts.n.toLocaleString('en')} published achievements; load ${gen.rowsPerSec.toFixed(0)} rows/s (${gen.seconds.toFixed(1)} s incl. GIN index)`
        : `${booted.published.toLocaleString('en')} published achievements from template ${opts.template}`,
    ];
    for (const m of [uncached, cached]) {
      lines.push(
        '',
        `${m.label === 'uncached' ? 'Result cache OFF (every search runs its SQL)' : 'Result cache ON (SEARCH_CACHE_SECONDS=60; repeated queries)'}`,
        `${'class'.padEnd(40)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'req/s'.padStart(9)} ${'requests'.padStart(8)} ${'bad'.padStart(5)}`,
        ...CLASSES.map((c) => row(`${c.label} (${c.queries.join(' / ')})`.slice(0, 40), m.results[c.name])),
        row('GET /api/achievements/:id (PK)', m.pk),
        `2-char p95 / 4-char p95 = ${m.p95Ratio.toFixed(2)} (target ≤ ${TARGET_P95_RATIO}): ${met(m.p95Ratio <= TARGET_P95_RATIO)}; with 专利: ${m.p95RatioCommon.toFixed(2)}`,
        `search req/s / PK req/s = ${pct(m.rpsRatio)} over all classes (target ≥ ${TARGET_RPS_RATIO * 100} %): ${met(m.rpsRatio >= TARGET_RPS_RATIO)}; without 专利: ${pct(m.rpsRatioMain)}` +
          (opts.smoke ? ' — smoke run, too small to judge' : ''),
      );
    }
    lines.push(
      '',
      'Raw SQL floor (no HTTP): the service\'s bounded search statement per class vs SELECT * … WHERE id = $1',
      ...CLASSES.map((c) => `${c.label.padEnd(40)} ${floor.classes[c.name].p50.toFixed(1).padStart(8)} ${floor.classes[c.name].p95.toFixed(1).padStart(8)} ${floor.classes[c.name].perSec.toFixed(1).padStart(9)} ${String(floor.classes[c.name].statements).padStart(8)}`),
      `${'PK row fetch'.padEnd(40)} ${floor.pk.p50.toFixed(1).padStart(8)} ${floor.pk.p95.toFixed(1).padStart(8)} ${floor.pk.perSec.toFixed(1).padStart(9)} ${String(floor.pk.statements).padStart(8)}`,
      `search statements/s (mean of the classes) / uncached PK endpoint req/s = ${pct(floor.meanPerSec / uncached.pk.reqPerSec)}: ` +
        `the most an uncached search endpoint over this statement can reach (target ≥ ${TARGET_RPS_RATIO * 100} %)`,
    );
    lines.push(
      '',
      `oracle (${oracle.length} Chinese queries, API total vs ILIKE): ${misses} miss(es)`,
      `load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs; total ${((Date.now() - t0) / 1000).toFixed(0)} s`,
      '',
    );
    process.stdout.write(lines.join('\n'));
    if (opts.explain) await explain(platform.env['DATABASE_URL'], opts.explain);
    if (opts.json) {
      fs.writeFileSync(opts.json, JSON.stringify({ options: opts, generate: gen, uncached, cached, floor, oracle, misses, loadavg: os.loadavg() }, null, 2));
    }
    const bad = [uncached, cached].reduce((n, m) => n + m.pk.bad + Object.values(m.results).reduce((s, r) => s + r.bad, 0), 0);
    if (bad || misses) {
      failed = true;
      log(`${bad} non-2xx/failed request(s), ${misses} oracle miss(es): a correctness or set-up problem, not a timing; logs kept in ${platform.logDir}`);
      return 1;
    }
    return 0;
  } catch (e) {
    failed = true;
    log((e as Error).stack ?? (e as Error).message);
    if (platform) log(`logs kept in ${platform.logDir}`);
    return 1;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`[bench-catalog] ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
