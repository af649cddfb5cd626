/**
 * Public notice board (公示) at scale: GET /api/disclosures list classes (newest page, kind + status
 * filters, a deep page) against the primary-key GET /api/disclosures/:id, in the same run, on a fresh
 * database with N synthetic notices (the market will publish one per deal).
 *
 *   nx bench-disclosures bench              N = 500,000, 6 s per class, 8 connections
 *   nx bench-disclosures bench -c smoke     N = 20,000, 1.5 s per class
 *   nx bench-disclosures bench --n=100000 --duration=3
 *
 * Prints p50/p95 and req/s per class and list req/s / PK req/s. Timings never fail the run; non-2xx
 * answers do.
 */
import os from 'node:os';
import { Client } from 'pg';
import { bootBuiltPlatform, type BuiltPlatform } from '@ttx/api/core/testing';
import { load, type Run } from './http-load';

interface Options {
  n: number;
  duration: number;
  connections: number;
  smoke: boolean;
}

function parseArgs(argv: string[]): Options {
  const smoke = argv.includes('--smoke');
  const o: Options = smoke ? { n: 20_000, duration: 1.5, connections: 8, smoke } : { n: 500_000, duration: 6, connections: 8, smoke };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const num = () => {
      const v = Number(inline ?? argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${flag} must be a positive number`);
      return v;
    };
    if (flag === '--n') o.n = Math.round(num());
    else if (flag === '--duration') o.duration = num();
    else if (flag === '--connections') o.connections = Math.round(num());
    else if (flag !== '--smoke') throw new Error(`unknown option ${argv[i]} (usage: [--n 500000] [--duration s] [--connections n] [--smoke])`);
  }
  return o;
}

const log = (msg: string) => process.stdout.write(`[bench-disclosures] ${msg}\n`);

/** N notices over the last two years (15-day notices, 1 % withdrawn), one in ten with 1–3 objections; set-based SQL. */
async function generate(url: string, n: number): Promise<{ seconds: number; objections: number }> {
  const t = Date.now();
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const [{ id: userId }] = (await c.query(`INSERT INTO users (email, password_hash, display_name) VALUES ('bench@bench.ttx', 'x', 'bench') RETURNING id`)).rows;
    await c.query(
      `INSERT INTO disclosures (kind, subject_type, subject_id, title_zh, title_en, summary, starts_at, ends_at, withdrawn_at)
       SELECT CASE WHEN i % 3 = 0 THEN 'empowerment' ELSE 'deal' END, CASE WHEN i % 3 = 0 THEN 'empowerment' ELSE 'deal' END,
              gen_random_uuid(), '关于成果交易的公示 ' || i, 'Notice ' || i, jsonb_build_object('n', i),
              s, s + interval '15 days', CASE WHEN i % 100 = 0 THEN s + interval '1 day' END
         FROM generate_series(1, $1::int) i, LATERAL (SELECT now() - (random() * interval '730 days') + interval '10 days' AS s) x`,
      [n],
    );
    const { rowCount } = await c.query(
      `INSERT INTO disclosure_objections (disclosure_id, user_id, text)
       SELECT d.id, $1, 'objection ' || g FROM disclosures d, generate_series(1, 1 + (abs(hashtext(d.id::text)) % 3)) g
        WHERE abs(hashtext(d.id::text)) % 10 = 0`,
      [userId],
    );
    await c.query('ANALYZE disclosures; ANALYZE disclosure_objections');
    return { seconds: (Date.now() - t) / 1000, objections: rowCount ?? 0 };
  } finally {
    await c.end();
  }
}

const CLASSES = [
  { name: 'newest', label: 'newest page', paths: ['/api/disclosures?pageSize=20'] },
  { name: 'kind-open', label: 'kind=deal&status=open', paths: ['/api/disclosures?kind=deal&status=open', '/api/disclosures?kind=empowerment&status=open'] },
  { name: 'ended', label: 'status=ended page 2', paths: ['/api/disclosures?status=ended&page=2'] },
  { name: 'deep', label: 'page 500', paths: ['/api/disclosures?page=500&pageSize=20'] },
];

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  let platform: BuiltPlatform | undefined;
  let failed = false;
  const t0 = Date.now();
  try {
    log(`${opts.smoke ? 'smoke · ' : ''}N = ${opts.n.toLocaleString('en')} · ${opts.duration} s per class · ${opts.connections} connections · ${os.cpus().length} CPUs`);
    platform = await bootBuiltPlatform({ worker: false, logPrefix: 'ttx-bench-disclosures-' });
    const gen = await generate(platform.env['DATABASE_URL'], opts.n);
    log(`generated ${opts.n.toLocaleString('en')} notices and ${gen.objections.toLocaleString('en')} objections in ${gen.seconds.toFixed(1)} s`);
    const c = new Client({ connectionString: platform.env['DATABASE_URL'] });
    await c.connect();
    const ids: string[] = (await c.query('SELECT id FROM disclosures ORDER BY random() LIMIT 200')).rows.map((r) => r.id);
    await c.end();
    const pkPaths = ids.map((id) => `/api/disclosures/${id}`);

    // Warm up, then PK before and after the list classes so drift shows in the pair.
    await load(platform.baseUrl, [...pkPaths, ...CLASSES.flatMap((k) => k.paths)], 1, opts.connections);
    const pkRuns = [await load(platform.baseUrl, pkPaths, opts.duration / 2, opts.connections)];
    const results: Record<string, Run> = {};
    for (const k of CLASSES) {
      results[k.name] = await load(platform.baseUrl, k.paths, opts.duration, opts.connections);
      const r = results[k.name];
      log(`${k.label.padEnd(24)} ${r.reqPerSec.toFixed(1).padStart(8)} req/s  p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms`);
    }
    pkRuns.push(await load(platform.baseUrl, pkPaths, opts.duration / 2, opts.connections));
    const pkRps = (pkRuns[0].reqPerSec + pkRuns[1].reqPerSec) / 2;
    const bad = [...pkRuns, ...Object.values(results)].reduce((s, r) => s + r.bad, 0);
    const row = (label: string, r: Run) => `${label.padEnd(28)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.reqPerSec.toFixed(1).padStart(9)} ${(r.reqPerSec / pkRps).toFixed(2).padStart(8)}`;
    process.stdout.write(
      [
        '',
        `N = ${opts.n.toLocaleString('en')} notices`,
        `${'class'.padEnd(28)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'req/s'.padStart(9)} ${'÷ PK'.padStart(8)}`,
        ...CLASSES.map((k) => row(k.label, results[k.name])),
        row('GET /api/disclosures/:id', { ...pkRuns[0], reqPerSec: pkRps, p50: (pkRuns[0].p50 + pkRuns[1].p50) / 2, p95: (pkRuns[0].p95 + pkRuns[1].p95) / 2 }),
        `non-2xx answers: ${bad}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; total ${((Date.now() - t0) / 1000).toFixed(0)} s${opts.smoke ? ' — smoke run, too small to judge' : ''}`,
        '',
      ].join('\n'),
    );
    failed = bad > 0;
    return failed ? 1 : 0;
  } catch (e) {
    failed = true;
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    return 1;
  } finally {
    await platform?.stop({ keepLogs: failed });
  }
}

main().then(
  (code) => process.exit(code),
  () => process.exit(1),
);
