/**
 * Matching at scale: GET /api/demands/:id/matches (one demand against N published achievements) next to
 * the plain public search GET /api/achievements?q=… measured in the same run, on a fresh database with N
 * synthetic achievements (tools/bench/catalog-generate.ts) and the demo seed (demands of sme@demo.ttx).
 *
 *   nx bench-brokerage bench                 N = 1,000,000, 10 s per endpoint, 8 connections
 *   nx bench-brokerage bench -c smoke        N = 20,000, 2 s per endpoint
 *   nx bench-brokerage bench --n=200000 --duration=5
 *   nx bench-brokerage bench --template=ttx_bench_1m   a fresh copy of a pre-generated catalog database (no generation)
 *
 * The booted api runs with the result cache off (SEARCH_CACHE_SECONDS=0), so both endpoints run their SQL every
 * time; a second api process on the same database with the cache on (60 s) measures both again, reported apart.
 * Prints p50/p95 and req/s for both and the ratios; the target is matches p95 < 200 ms. A benchmark is not
 * a test: timings never make the exit code non-zero; a broken set-up or non-2xx answers do.
 */
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { apiNodeArgs, bootBuiltPlatform, freePort, startNode, stopChild, waitForHttp, type BuiltPlatform } from '@ttx/api/core/testing';
import { generateCatalog } from './catalog-generate';
import { load, type Run } from './http-load';

const TARGET_P95_MS = 200;
/** Demands posted for the run, in the generator's vocabulary (Chinese, English, mixed). */
const DEMANDS = [
  { title: { zh: '寻求锂离子电池正极材料制备技术' }, summary: { zh: '动力电池企业需要高倍率锂离子电池正极材料及其制备方法，希望许可。' }, fieldCode: '05.01', dealTypes: ['licence'] },
  { title: { en: 'Catalyst for coal power plant flue gas treatment' }, summary: { en: 'We need a catalyst and process for flue gas denitrification in coal power plants.' }, dealTypes: ['transfer'] },
  { title: { zh: '柔性压力传感器', en: 'Flexible pressure sensor' }, summary: { zh: '智能穿戴产品需要柔性压力传感器。', en: 'Wearables need a flexible pressure sensor.' }, dealTypes: ['licence', 'joint_development'] },
  { title: { zh: '深度学习工业视觉检测' }, summary: { zh: '产线需要基于深度学习的缺陷检测与机器人分拣方案。' }, fieldCode: '01.01', dealTypes: ['licence'] },
];
const SEARCHES = ['电池', '催化剂', 'sensor', '深度学习'];

interface Options {
  n: number;
  duration: number;
  connections: number;
  warmup: number;
  smoke: boolean;
  /** A migrated database with the demo seed and generated achievements, copied for the run (never written). */
  template: string | null;
  /** --n given explicitly: with a template it is the least number of published achievements the copy must hold. */
  nGiven: boolean;
}

function parseArgs(argv: string[]): Options {
  const smoke = argv.includes('--smoke');
  const base = smoke ? { n: 20_000, duration: 2, connections: 8, warmup: 1 } : { n: 1_000_000, duration: 10, connections: 8, warmup: 2 };
  const o: Options = { ...base, smoke, template: null, nGiven: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    if (flag === '--smoke') continue;
    const raw = inline ?? argv[++i];
    if (flag === '--template') {
      if (!raw || !/^[a-z_][a-z0-9_]*$/.test(raw)) throw new Error('--template needs a database name (lower-case identifier)');
      o.template = raw;
      continue;
    }
    const v = Number(raw);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${flag} needs a positive number`);
    if (flag === '--n') {
      o.n = Math.round(v);
      o.nGiven = true;
    } else if (flag === '--duration') o.duration = v;
    else if (flag === '--connections') o.connections = Math.round(v);
    else if (flag === '--warmup') o.warmup = v;
    else throw new Error(`unknown option ${flag} (--n, --duration, --connections, --warmup, --template, --smoke)`);
  }
  return o;
}

const log = (msg: string) => process.stdout.write(`[bench-brokerage] ${msg}\n`);
const row = (label: string, r: Run) =>
  `${label.padEnd(44)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.reqPerSec.toFixed(1).padStart(9)} ${String(r.requests).padStart(8)} ${String(r.bad).padStart(5)}`;

async function json(res: Response, what: string) {
  if (!res.ok) throw new Error(`${what} → ${res.status} ${await res.text()}`);
  return res.json();
}

const mean = (a: Run, b: Run): Run => ({
  reqPerSec: (a.reqPerSec + b.reqPerSec) / 2,
  p50: (a.p50 + b.p50) / 2,
  p95: (a.p95 + b.p95) / 2,
  requests: a.requests + b.requests,
  bad: a.bad + b.bad,
});

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  let platform: BuiltPlatform | undefined;
  let failed = false;
  let cachedApi: ChildProcess | undefined;
  const t0 = Date.now();
  try {
    const what = opts.template ? `a copy of ${opts.template}` : `N = ${opts.n.toLocaleString('en')}`;
    log(`${opts.smoke ? 'smoke · ' : ''}${what} · ${opts.duration} s per endpoint · ${opts.connections} connections · ${os.cpus().length} CPUs`);
    platform = await bootBuiltPlatform({
      // A template already holds the demo seed (and a second seed would fail on its unique rows).
      seedDemo: !opts.template,
      template: opts.template ?? undefined,
      worker: false,
      web: false,
      logPrefix: 'ttx-bench-brokerage-',
      env: { SEARCH_CACHE_SECONDS: '0' },
    });
    log(`platform up: ${platform.phases.join(', ')}`);
    const url = platform.env['DATABASE_URL'];
    if (!opts.template) {
      const gen = await generateCatalog({ url, n: opts.n, log: (m) => log(`generate: ${m}`) });
      log(`generated ${gen.rows.toLocaleString('en')} achievements in ${gen.seconds.toFixed(1)} s (${gen.rowsPerSec.toFixed(0)} rows/s)`);
    }
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      if (opts.template) {
        // The copy carries the template's statistics and visibility map: no VACUUM needed, only the count check.
        const [{ published, users }] = (await db.query(`SELECT (SELECT count(*) FROM achievements WHERE status = 'published')::int AS published, (SELECT count(*) FROM users)::int AS users`)).rows;
        log(`template ${opts.template}: ${published.toLocaleString('en')} published achievements, ${users} users`);
        if (!users) throw new Error(`template ${opts.template} has no users: it needs the demo seed (cli.js seed-demo)`);
        if (opts.nGiven && published < opts.n) throw new Error(`template ${opts.template} holds ${published} published achievements, fewer than --n ${opts.n}`);
        opts.n = published;
      } else await db.query('VACUUM ANALYZE achievements');
      await db.query('ANALYZE demands');
    } finally {
      await db.end();
    }
    const base = platform.baseUrl;
    const { accessToken } = await json(await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'sme@demo.ttx', password: 'ttx-demo-2026' }) }), 'login');
    const auth = { authorization: `Bearer ${accessToken}` };
    const deadline = `${new Date().getUTCFullYear() + 1}-12-31`;
    const ids: string[] = [];
    for (const d of DEMANDS) {
      const res = await fetch(`${base}/api/demands`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ ...d, deadline }) });
      ids.push((await json(res, 'POST /api/demands')).id);
    }
    for (const id of ids) {
      const m = await json(await fetch(`${base}/api/demands/${id}/matches?limit=20`, { headers: auth }), 'matches');
      log(`demand ${id}: ${m.items.length} matches; top score ${m.items[0]?.score ?? '—'}: ${m.items[0]?.reasons.join(' · ') ?? ''}`);
    }
    const matchPaths = ids.map((id) => `/api/demands/${id}/matches?limit=20`);
    const searchPaths = SEARCHES.map((q) => `/api/achievements?q=${encodeURIComponent(q)}&pageSize=20`);

    log('warming up ...');
    await load(base, searchPaths, opts.warmup, opts.connections);
    await load(base, matchPaths, opts.warmup, opts.connections, auth);
    const search1 = await load(base, searchPaths, opts.duration / 2, opts.connections);
    const matches = await load(base, matchPaths, opts.duration, opts.connections, auth);
    const search2 = await load(base, searchPaths, opts.duration / 2, opts.connections);
    // The plain search measured before and after the matches (drift shows in the pair).
    const search = mean(search1, search2);

    // The same build on the same database with the result cache on (matches are cached under the catalog generation).
    const cachedPort = await freePort();
    const cachedLog = path.join(platform.logDir, 'api-cached.log');
    cachedApi = startNode('api-cached', apiNodeArgs(), { ...process.env, ...platform.env, PORT: String(cachedPort), SEARCH_CACHE_SECONDS: '60' }, cachedLog);
    const cachedUrl = `http://127.0.0.1:${cachedPort}`;
    await waitForHttp(`${cachedUrl}/api/health`, [cachedApi], [cachedLog]);
    await load(cachedUrl, searchPaths, opts.warmup, opts.connections);
    await load(cachedUrl, matchPaths, opts.warmup, opts.connections, auth);
    const cSearch1 = await load(cachedUrl, searchPaths, opts.duration / 2, opts.connections);
    const cMatches = await load(cachedUrl, matchPaths, opts.duration, opts.connections, auth);
    const cSearch2 = await load(cachedUrl, searchPaths, opts.duration / 2, opts.connections);
    const cSearch = mean(cSearch1, cSearch2);
    process.stdout.write(
      [
        '',
        `N = ${opts.n.toLocaleString('en')} published achievements (+ demo seed${opts.template ? `; copy of ${opts.template}` : ''})`,
        `${'endpoint'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'req/s'.padStart(9)} ${'requests'.padStart(8)} ${'bad'.padStart(5)}`,
        row(`cache off: GET /api/demands/:id/matches (${ids.length})`, matches),
        row(`cache off: GET /api/achievements?q= (${SEARCHES.length})`, search),
        row(`cache on:  GET /api/demands/:id/matches (${ids.length})`, cMatches),
        row(`cache on:  GET /api/achievements?q= (${SEARCHES.length})`, cSearch),
        `searches: ${SEARCHES.join(' / ')}`,
        `matches p95, cache off = ${matches.p95.toFixed(1)} ms (target < ${TARGET_P95_MS} ms): ${matches.p95 < TARGET_P95_MS ? 'met' : 'NOT met'}${opts.smoke ? ' — smoke run, too small to judge' : ''}; cache on = ${cMatches.p95.toFixed(1)} ms`,
        `cache off: matches p95 / search p95 = ${(matches.p95 / search.p95).toFixed(2)}; matches req/s / search req/s = ${((matches.reqPerSec / search.reqPerSec) * 100).toFixed(1)} %`,
        `load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs; total ${((Date.now() - t0) / 1000).toFixed(0)} s`,
        '',
      ].join('\n'),
    );
    const bad = matches.bad + search.bad + cMatches.bad + cSearch.bad;
    if (bad) {
      failed = true;
      log(`${bad} non-2xx/failed request(s): a set-up problem, not a timing; logs kept in ${platform.logDir}`);
      return 1;
    }
    return 0;
  } catch (e) {
    failed = true;
    log((e as Error).stack ?? (e as Error).message);
    if (platform) log(`logs kept in ${platform.logDir}`);
    return 1;
  } finally {
    if (cachedApi) await stopChild(cachedApi);
    await platform?.stop({ keepLogs: failed });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`[bench-brokerage] ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
