/**
 * GET /api/me: the built api against a raw baseline (plain Fastify + pg, same SQL, same JWT),
 * both on a fresh database with the demo data, measured in the same run.
 *
 *   nx bench bench                      10 s per server, 50 connections
 *   nx bench bench --duration=20 --connections=100
 *   nx bench bench -c smoke             CI smoke: 2 s per server, 10 connections
 *
 * Prints req/s and p99 for each, and api/raw (req/s) against the target of 85 %.
 * A benchmark is not a test: a slow result never makes the exit code non-zero. Only a broken
 * set-up does (nothing listening, wrong or differing responses, non-2xx answers).
 */
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// The bench boots the built api exactly as the e2e suites do (see tools/bench/README.md, "Module boundaries").
import { bootBuiltPlatform, freePort, startNode, stopChild, tailLog, waitForHttp, type BuiltPlatform } from '@ttx/api/core/testing';

const TARGET_RATIO = 0.85;
const USER = 'researcher@demo.ttx';
const PASSWORD = process.env['TTX_DEMO_PASSWORD'] ?? 'ttx-demo-2026';

interface Options {
  duration: number;
  connections: number;
  warmup: number;
  rounds: number;
  smoke: boolean;
  json?: string;
}

function parseArgs(argv: string[]): Options {
  const smoke = argv.includes('--smoke');
  const o: Options = smoke
    ? { duration: 2, connections: 10, warmup: 1, rounds: 1, smoke }
    : { duration: 10, connections: 50, warmup: 3, rounds: 4, smoke };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    const num = (name: string) => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
      return n;
    };
    if (flag === '--duration') o.duration = num(flag);
    else if (flag === '--connections') o.connections = Math.round(num(flag));
    else if (flag === '--warmup') o.warmup = num(flag);
    else if (flag === '--rounds') o.rounds = Math.round(num(flag));
    else if (flag === '--json') o.json = value();
    else if (flag === '--smoke') continue;
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(
        'usage: me.bench.ts [--duration s=10] [--connections n=50] [--warmup s=3] [--rounds n=4] [--json file] [--smoke]\n',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${argv[i]}`);
  }
  return o;
}

const log = (msg: string) => process.stdout.write(`[bench] ${msg}\n`);

interface Run {
  requests: number;
  seconds: number;
  p99: number;
  p50: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function cannon(url: string, token: string, seconds: number, connections: number): Promise<Run> {
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    requests: r.requests.total,
    seconds: r.duration,
    p99: r.latency.p99,
    p50: r.latency.p50,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

interface Summary {
  reqPerSec: number;
  p99: number;
  p50: number;
  requests: number;
  non2xx: number;
  errors: number;
  rounds: Run[];
}

function summarise(runs: Run[]): Summary {
  const requests = runs.reduce((s, r) => s + r.requests, 0);
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  return {
    reqPerSec: requests / seconds,
    // Rounds are equally long: their mean p99 is the p99 of the whole; max would overweight one hiccup.
    p99: runs.reduce((s, r) => s + r.p99, 0) / runs.length,
    p50: runs.reduce((s, r) => s + r.p50, 0) / runs.length,
    requests,
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    errors: runs.reduce((s, r) => s + r.errors + r.timeouts, 0),
    rounds: runs,
  };
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  let platform: BuiltPlatform | undefined;
  let rawServer: { proc: ChildProcess; logFile: string } | undefined;
  let failed = false;
  const cleanup = async () => {
    if (rawServer) await stopChild(rawServer.proc);
    await platform?.stop({ keepLogs: failed });
  };
  const onSignal = () => void cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const logTails = () => {
    const files = platform ? [['api', platform.logs.api], ...(rawServer ? [['raw', rawServer.logFile]] : [])] : [];
    for (const [name, file] of files) log(`--- ${name}.log\n${tailLog(file, 30)}`);
  };

  try {
    log(`GET /api/me · ${opts.smoke ? 'smoke · ' : ''}${opts.duration} s per server in ${opts.rounds} alternating run(s) each · ${opts.connections} connections · warm-up ${opts.warmup} s · ${os.cpus().length} CPUs`);
    // Fresh database with the demo data; the api only (the worker has nothing to do for GET /api/me).
    platform = await bootBuiltPlatform({ seedDemo: true, worker: false, logPrefix: 'ttx-bench-' });
    const apiPort = platform.port;
    const rawPort = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, ...platform.env };
    const rawLog = path.join(platform.logDir, 'raw.log');
    rawServer = {
      logFile: rawLog,
      proc: startNode(
        'raw',
        ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'tools/bench/raw-me-server.ts'],
        { ...env, PORT: String(rawPort), TS_NODE_PROJECT: 'tools/bench/tsconfig.json' },
        rawLog,
      ),
    };
    const apiUrl = `http://127.0.0.1:${apiPort}/api/me`;
    const rawUrl = `http://127.0.0.1:${rawPort}/api/me`;
    await waitForHttp(rawUrl, [rawServer.proc], [rawLog], { ok: [401] });

    const loginRes = await fetch(`http://127.0.0.1:${apiPort}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: USER, password: PASSWORD }),
    });
    if (loginRes.status !== 200) throw new Error(`login ${USER} → ${loginRes.status} ${await loginRes.text()}`);
    const { accessToken } = (await loginRes.json()) as { accessToken: string };

    // Same answer from both, or the comparison means nothing.
    const get = async (url: string) => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    const [a, r] = [await get(apiUrl), await get(rawUrl)];
    if (a.status !== 200 || r.status !== 200 || !isDeepStrictEqual(a.body, r.body)) {
      throw new Error(`api and raw answer differently:\napi ${a.status} ${JSON.stringify(a.body)}\nraw ${r.status} ${JSON.stringify(r.body)}`);
    }
    log(`both answer the same ${JSON.stringify(a.body).length}-byte JSON for ${USER}`);

    const targets = { api: apiUrl, raw: rawUrl };
    log('warming up ...');
    for (const url of [apiUrl, rawUrl]) await cannon(url, accessToken, opts.warmup, opts.connections);

    // ABBA order per round pair: neither server always runs first (JIT, caches, thermal drift).
    const runs: Record<'api' | 'raw', Run[]> = { api: [], raw: [] };
    const slice = opts.duration / opts.rounds;
    for (let i = 0; i < opts.rounds; i++) {
      const order: ('api' | 'raw')[] = i % 2 === 0 ? ['api', 'raw'] : ['raw', 'api'];
      for (const name of order) {
        const run = await cannon(targets[name], accessToken, slice, opts.connections);
        runs[name].push(run);
        log(`round ${i + 1} ${name.padEnd(3)} ${(run.requests / run.seconds).toFixed(0).padStart(6)} req/s  p99 ${run.p99} ms`);
      }
    }

    const api = summarise(runs.api);
    const raw = summarise(runs.raw);
    const ratio = api.reqPerSec / raw.reqPerSec;
    // Each round runs api and raw back to back: their ratio is robust against background load that
    // drifts between rounds (other jobs on a shared 2-core box); the median of those is reported too.
    const rps = (r: Run) => r.requests / r.seconds;
    const paired = runs.api.map((a, i) => rps(a) / rps(runs.raw[i])).sort((x, y) => x - y);
    const mid = Math.floor(paired.length / 2);
    const pairedMedian = paired.length % 2 ? paired[mid] : (paired[mid - 1] + paired[mid]) / 2;
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    const row = (name: string, s: Summary) =>
      `${name.padEnd(14)} ${s.reqPerSec.toFixed(0).padStart(8)} ${s.p50.toFixed(1).padStart(8)} ${s.p99.toFixed(1).padStart(8)} ${String(s.requests).padStart(9)} ${String(s.non2xx + s.errors).padStart(7)}`;
    process.stdout.write(
      [
        '',
        `${'GET /api/me'.padEnd(14)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'requests'.padStart(9)} ${'bad'.padStart(7)}`,
        row('api (Nest)', api),
        row('raw baseline', raw),
        '',
        `api/raw = ${pct(ratio)} (target ≥ ${TARGET_RATIO * 100} %): ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}` +
          (opts.smoke ? ' — smoke run, too short to judge' : ''),
        `per-round api/raw: median ${pct(pairedMedian)}, range ${pct(paired[0])} – ${pct(paired[paired.length - 1])}` +
          (paired[paired.length - 1] / paired[0] > 1.3 ? ' — wide spread: the machine was busy, rerun when it is idle' : ''),
        `load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`,
        '',
      ].join('\n'),
    );
    const result = { endpoint: 'GET /api/me', options: opts, api, raw, ratio, pairedRatios: paired, pairedMedian, target: TARGET_RATIO, met: ratio >= TARGET_RATIO, loadavg: os.loadavg() };
    if (opts.json) fs.writeFileSync(opts.json, JSON.stringify(result, null, 2));

    if (api.non2xx + api.errors + raw.non2xx + raw.errors > 0) {
      failed = true;
      log(`non-2xx or failed requests during the run (a set-up problem, not a timing): logs kept in ${platform.logDir}`);
      logTails();
      return 1;
    }
    return 0;
  } catch (e) {
    failed = true;
    log((e as Error).message);
    if (platform) log(`logs kept in ${platform.logDir}`);
    return 1;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`[bench] ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
