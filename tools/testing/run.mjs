#!/usr/bin/env node
// `npm test`: every test of the workspace, with the PostgreSQL and Redis they need.
//
// Provisioning is the one `npm start` uses (tools/start/services.mjs), with test-only data:
//   PostgreSQL: TEST_DATABASE_URL, else 127.0.0.1:5432 (postgres, no password), else an embedded
//               Postgres in .data/test/postgres;
//   Redis:      TEST_REDIS_URL, else 127.0.0.1:6379, else redis-server (nothing on disk).
// Exports TEST_DATABASE_URL (an admin URL: integration specs create and drop their own
// databases through it) and TEST_REDIS_URL, then runs, in order:
//   tools  node --test on tools/**/*.spec.mjs (this tooling)
//   lint   nx run-many -t lint --parallel=2
//   unit   nx run-many -t test --parallel=2        (unit + integration specs)
//   e2e    nx run-many -t e2e  --parallel=1        (api-e2e, web-e2e)
//   bench  nx bench bench -c smoke; nx bench-market bench -c smoke; nx fault-licensing bench -c smoke (smoke forms; never fail on timing)
// and stops what it started. Ends with one line `N passed, N failed`; exit code 1 on any failure.
//
// Usage: npm test [-- <phase> ...] [-- nx options, e.g. -p api]
//   npm test -- unit -p shared-policy      only the unit phase of one project
import fs from 'node:fs';
import path from 'node:path';
import { root, dataDir, logger, loadDotEnv, ensureInstalled, runTee, nxBin, nxEnv } from '../start/workspace.mjs';

const TAG = 'test';
const log = logger(TAG);
const PHASES = ['tools', 'lint', 'unit', 'e2e', 'bench'];

process.chdir(root);

const argv = process.argv.slice(2);
const chosen = argv.filter((a) => PHASES.includes(a));
const nxArgs = argv.filter((a) => !PHASES.includes(a));
const phases = chosen.length ? PHASES.filter((p) => chosen.includes(p)) : PHASES;

const stoppers = [];
let stopping = false;
async function stopAll() {
  if (stopping) return;
  stopping = true;
  for (const s of [...stoppers].reverse()) {
    try {
      await s.stop();
    } catch (e) {
      log(`could not stop ${s.name}: ${e.message}`);
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`${sig}: stopping services ...`);
    void stopAll().then(() => process.exit(130));
  });
}
// `kill <pid of npm>` ends npm without passing the signal on; then our parent changes.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid && !stopping) {
    log('parent process went away: stopping services ...');
    void stopAll().then(() => process.exit(1));
  }
}, 1000).unref();
process.on('exit', () => {
  for (const s of stoppers) {
    try {
      s.stopSync();
    } catch {
      /* best effort */
    }
  }
});

// --------------------------------------------------------------------------------------------
// counting results from the output of jest, node:test and Playwright

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\r/g;

/**
 * Splits Nx output into tasks (`> nx run project:target`), counts the test results each printed
 * and the tasks Nx reported as failed. A failed task with no failed test in its output (a lint
 * error, a spec file that does not compile, a crashed runner) counts as one failure; with
 * countCleanTasks (lint) a task that passed without printing test counts counts as one pass.
 */
export function summarise(rawOutput, { countCleanTasks = false } = {}) {
  const text = rawOutput.replace(ANSI, '');
  const tasks = new Map();
  let current = null;
  const failedTasks = new Set();
  let inFailed = false;
  for (const line of text.split('\n')) {
    const head = /^\s*> nx run ([^\s]+)/.exec(line);
    if (head) {
      current = head[1].replace(/\s.*$/, '');
      if (!tasks.has(current)) tasks.set(current, { passed: 0, failed: 0, counted: false });
      inFailed = false;
      continue;
    }
    if (/^\s*Failed tasks:\s*$/.test(line)) {
      inFailed = true;
      continue;
    }
    if (inFailed) {
      const m = /^\s*- ([^\s]+:[^\s]+)/.exec(line);
      if (m) failedTasks.add(m[1]);
      else if (line.trim() && !/^\s*$/.test(line)) inFailed = false;
      continue;
    }
    const t = current ? tasks.get(current) : null;
    if (!t) continue;
    // jest: "Tests:       1 failed, 2 skipped, 10 passed, 13 total"
    const jest = /^Tests:\s+(.*\btotal)\s*$/.exec(line.trim());
    if (jest) {
      t.passed += Number(/(\d+) passed/.exec(jest[1])?.[1] ?? 0);
      t.failed += Number(/(\d+) failed/.exec(jest[1])?.[1] ?? 0);
      t.counted = true;
      continue;
    }
    // node:test: "# pass 3" (tap) / "ℹ pass 3" (spec)
    const nodeTest = /^(?:#|ℹ)\s+(pass|fail)\s+(\d+)\s*$/.exec(line.trim());
    if (nodeTest) {
      t[nodeTest[1] === 'pass' ? 'passed' : 'failed'] += Number(nodeTest[2]);
      t.counted = true;
      continue;
    }
    // Playwright: "  12 passed (3.1s)", "  1 failed"
    const pw = /^(\d+) (passed|failed|flaky)\b(?: \([\d.]+m?s\))?$/.exec(line.trim());
    if (pw) {
      t[pw[2] === 'failed' ? 'failed' : 'passed'] += Number(pw[1]);
      t.counted = true;
    }
  }
  let passed = 0;
  let failed = 0;
  for (const [name, t] of tasks) {
    passed += t.passed;
    failed += t.failed;
    if (failedTasks.has(name) && t.failed === 0) failed += 1;
    if (countCleanTasks && !t.counted && !failedTasks.has(name)) passed += 1; // a clean lint task
  }
  for (const name of failedTasks) if (!tasks.has(name)) failed += 1;
  return { passed, failed, failedTasks: [...failedTasks] };
}

function nodeTestSummary(rawOutput, code) {
  const text = rawOutput.replace(ANSI, '');
  const pass = Number(/^(?:#|ℹ) pass (\d+)/m.exec(text)?.[1] ?? 0);
  const fail = Number(/^(?:#|ℹ) fail (\d+)/m.exec(text)?.[1] ?? 0);
  return { passed: pass, failed: fail || (code !== 0 ? 1 : 0), failedTasks: code !== 0 ? ['tools'] : [] };
}

function findSpecs(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...findSpecs(p));
    else if (/\.spec\.mjs$/.test(entry.name)) out.push(p);
  }
  return out;
}

// --------------------------------------------------------------------------------------------

async function main() {
  const t0 = Date.now();
  loadDotEnv();
  if (process.env.TTX_SKIP_INSTALL !== '1') await ensureInstalled(log);
  const svc = await import('../start/services.mjs');

  const testData = path.join(dataDir, 'test');
  fs.mkdirSync(testData, { recursive: true });
  let pgHandle;
  let redisHandle;
  try {
    pgHandle = await svc.findOrStartPostgres({
      url: process.env.TEST_DATABASE_URL,
      dataDir: path.join(testData, 'postgres'),
      port: Number(process.env.TTX_TEST_PG_PORT || 54339),
      log,
    });
    stoppers.push({ name: 'PostgreSQL', stop: () => pgHandle.stop(), stopSync: () => pgHandle.stopSync() });
    redisHandle = await svc.findOrStartRedis({
      url: process.env.TEST_REDIS_URL,
      dir: path.join(testData, 'redis'),
      port: Number(process.env.TTX_TEST_REDIS_PORT || 6390),
      persistent: false,
      log,
    });
    stoppers.push({ name: 'Redis', stop: () => redisHandle.stop(), stopSync: () => redisHandle.stopSync() });
  } catch (e) {
    process.stderr.write(`[${TAG}] ${e.code === 'NO_REDIS' ? e.message : e.message.split('\n')[0]}\n`);
    await stopAll();
    process.exit(1);
  }

  const env = nxEnv({
    TEST_DATABASE_URL: pgHandle.adminUrl,
    TEST_REDIS_URL: redisHandle.url,
    NODE_ENV: 'test',
    TTX_DEMO_PASSWORD: process.env.TTX_DEMO_PASSWORD || 'ttx-demo-2026',
  });
  log(`TEST_DATABASE_URL=${svc.redact(pgHandle.adminUrl)} TEST_REDIS_URL=${redisHandle.url}`);

  const results = [];
  for (const phase of phases) {
    log(`---- ${phase} ----`);
    const started = Date.now();
    let r;
    if (phase === 'tools') {
      const specs = findSpecs(path.join(root, 'tools'));
      if (!specs.length) continue;
      const { code, output } = await runTee(process.execPath, ['--test', '--test-reporter=spec', ...specs], { env });
      r = { ...nodeTestSummary(output, code), code };
    } else if (phase === 'bench') {
      // The small version of the benchmarks: proves they still run; timings never fail it.
      // bench-market's smoke also checks the bid path's correctness under load (2 api processes + worker).
      r = { passed: 0, failed: 0, failedTasks: [], code: 0 };
      for (const target of ['bench', 'bench-market', 'fault-licensing']) {
        const { code } = await runTee(nxBin, [target, 'bench', '-c', 'smoke', '--outputStyle=static'], { env });
        if (code === 0) r.passed++;
        else {
          r.failed++;
          r.failedTasks.push(`${target}:smoke`);
          r.code = code;
        }
      }
    } else {
      const target = { lint: 'lint', unit: 'test', e2e: 'e2e' }[phase];
      const parallel = phase === 'e2e' ? '--parallel=1' : '--parallel=2';
      const args = ['run-many', '-t', target, parallel, '--outputStyle=static', ...nxArgs];
      // Libraries of types only have no specs by design; that is not a failure.
      if (phase === 'unit') args.push('--', '--passWithNoTests');
      const { code, output } = await runTee(nxBin, args, { env });
      r = { ...summarise(output, { countCleanTasks: phase === 'lint' }), code };
      if (code !== 0 && r.failed === 0) r.failed = 1; // Nx itself failed (e.g. a graph error)
    }
    r.phase = phase;
    r.seconds = ((Date.now() - started) / 1000).toFixed(0);
    results.push(r);
  }

  await stopAll();

  let passed = 0;
  let failed = 0;
  process.stdout.write('\n');
  for (const r of results) {
    passed += r.passed;
    failed += r.failed;
    const which = r.failedTasks.length ? ` (failed: ${r.failedTasks.join(', ')})` : '';
    log(`${r.phase.padEnd(5)} ${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.passed} passed, ${r.failed} failed, ${r.seconds} s${which}`);
  }
  log(`total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const ok = results.every((r) => r.code === 0) && failed === 0;
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(ok ? 0 : 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main().catch(async (e) => {
    process.stderr.write(`[${TAG}] ${e?.stack || e}\n`);
    await stopAll();
    process.exit(1);
  });
}
