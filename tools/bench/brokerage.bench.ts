/**
 * Matching at scale: GET /api/demands/:id/matches (one demand against N published achievements) next to
 * the plain public search GET /api/achievements?q=… measured in the same run, on a fresh database with N
 * synthetic achievements (tools/bench/catalog-generate.ts) and the demo seed (demands of sme@demo.ttx).
 *
 *   nx bench-brokerage bench                 N = 1,000,000, 10 s per endpoint, 8 connections
 *   nx bench-brokerage bench -c smoke        N = 20,000, 2 s per endpoint
 *   nx bench-brokerage bench --n=200000 --duration=5
 *
 * The search result cache is off (SEARCH_CACHE_SECONDS=0), so both endpoints run their SQL every time.
 * Prints p50/p95 and req/s for both and the ratios; the target is matches p95 < 200 ms. A benchmark is not
 * a test: timings never make the exit code non-zero; a broken set-up or non-2xx answers do.
 */
import os from 'node:os';
import { Client } from 'pg';
import { bootBuiltPlatform, type BuiltPlatform } from '@ttx/api/core/testing';
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
}

function parseArgs(argv: string[]): Options {
  const smoke = argv.includes('--smoke');
  const o: Options = smoke ? { n: 20_000, duration: 2, connections: 8, warmup: 1, smoke } : { n: 1_000_000, duration: 10, connections: 8, warmup: 2, smoke };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    if (flag === '--smoke') continue;
    const v = Number(inline ?? argv[++i]);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${flag} needs a positive number`);
    if (flag === '--n') o.n = Math.round(v);
    else if (flag === '--duration') o.duration = v;
    else if (flag === '--connections') o.connections = Math.round(v);
    else if (flag === '--warmup') o.warmup = v;
    else throw new Error(`unknown option ${flag} (--n, --duration, --connections, --warmup, --smoke)`);
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

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  let platform: BuiltPlatform | undefined;
  let failed = false;
  const t0 = Date.now();
  try {
    log(`${opts.smoke ? 'smoke · ' : ''}N = ${opts.n.toLocaleString('en')} · ${opts.duration} s per endpoint · ${opts.connections} connections · ${os.cpus().length} CPUs`);
    platform = await bootBuiltPlatform({ seedDemo: true, worker: false, web: false, logPrefix: 'ttx-bench-brokerage-', env: { SEARCH_CACHE_SECONDS: '0' } });
    const url = platform.env['DATABASE_URL'];
    const gen = await generateCatalog({ url, n: opts.n, log: (m) => log(`generate: ${m}`) });
    log(`generated ${gen.rows.toLocaleString('en')} achievements in ${gen.seconds.toFixed(1)} s (${gen.rowsPerSec.toFixed(0)} rows/s)`);
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      await db.query('VACUUM ANALYZE achievements');
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
    const search: Run = {
      reqPerSec: (search1.reqPerSec + search2.reqPerSec) / 2,
      p50: (search1.p50 + search2.p50) / 2,
      p95: (search1.p95 + search2.p95) / 2,
      requests: search1.requests + search2.requests,
      bad: search1.bad + search2.bad,
    };
    process.stdout.write(
      [
        '',
        `N = ${opts.n.toLocaleString('en')} published achievements (+ demo seed); search result cache off`,
        `${'endpoint'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'req/s'.padStart(9)} ${'requests'.padStart(8)} ${'bad'.padStart(5)}`,
        row(`GET /api/demands/:id/matches (${ids.length} demands)`, matches),
        row(`GET /api/achievements?q= (${SEARCHES.join(' / ')})`, search),
        `matches p95 = ${matches.p95.toFixed(1)} ms (target < ${TARGET_P95_MS} ms): ${matches.p95 < TARGET_P95_MS ? 'met' : 'NOT met'}${opts.smoke ? ' — smoke run, too small to judge' : ''}`,
        `matches p95 / search p95 = ${(matches.p95 / search.p95).toFixed(2)}; matches req/s / search req/s = ${((matches.reqPerSec / search.reqPerSec) * 100).toFixed(1)} %`,
        `load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs; total ${((Date.now() - t0) / 1000).toFixed(0)} s`,
        '',
      ].join('\n'),
    );
    if (matches.bad || search.bad) {
      failed = true;
      log(`${matches.bad + search.bad} non-2xx/failed request(s): a set-up problem, not a timing; logs kept in ${platform.logDir}`);
      return 1;
    }
    return 0;
  } catch (e) {
    failed = true;
    log((e as Error).stack ?? (e as Error).message);
    if (platform) log(`logs kept in ${platform.logDir}`);
    return 1;
  } finally {
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
