#!/usr/bin/env node
// `npm start`: one command from a fresh clone to a running TTX at http://localhost:3000.
//
//   1. npm install if node_modules is missing or older than package-lock.json
//   2. nx build api worker web (cached by Nx: a no-op when nothing changed)
//   3. PostgreSQL: DATABASE_URL, else 127.0.0.1:5432, else embedded Postgres in .data/postgres
//      Redis: REDIS_URL, else 127.0.0.1:6379, else redis-server from PATH with data in .data/redis
//   4. JWT secrets: from the environment, else generated once into .data/secrets.env
//   5. cli migrate, cli seed-demo (not in production), then api + worker; waits for /api/health
//   Ctrl-C stops api and worker, then the Redis and Postgres this script started. Data stays.
//
// Environment knobs: .env at the root is read (real environment wins). TTX_SKIP_INSTALL=1,
// TTX_SKIP_BUILD=1 (e.g. in images that were built already), TTX_FORCE_EMBEDDED=1 (ignore the
// services on 5432/6379), TTX_PG_PORT / TTX_REDIS_PORT (preferred ports of what we start).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { root, dataDir, logger, loadDotEnv, ensureInstalled, runInherit, nxBin, nxEnv } from './workspace.mjs';
import { demoUsers } from './demo-users.mjs';

const TAG = 'start';
const log = logger(TAG);

process.chdir(root);

// ------------------------------------------------------------------------------------------------
// teardown: everything we start registers a stopper; they run in reverse order

const stoppers = []; // { name, stop: async () => void, stopSync: () => void }
let shuttingDown = false;
let exitCode = 0;

async function shutdown(code, reason) {
  if (shuttingDown) return;
  shuttingDown = true;
  exitCode = code;
  if (reason) log(reason);
  for (const s of [...stoppers].reverse()) {
    try {
      await s.stop();
    } catch (e) {
      log(`could not stop ${s.name}: ${e.message}`);
    }
  }
  process.exit(exitCode);
}

let signalCount = 0;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    signalCount += 1;
    if (signalCount === 1) {
      void shutdown(0, `${sig}: stopping ...`);
    } else {
      log('second signal: killing everything now');
      for (const s of [...stoppers].reverse()) {
        try {
          s.stopSync();
        } catch {
          /* best effort */
        }
      }
      process.exit(1);
    }
  });
}
// `kill <pid of npm>` ends npm without passing the signal on; then our parent changes.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) void shutdown(0, 'parent process went away: stopping ...');
}, 1000).unref();
// Last resort (an exception, or process.exit elsewhere): no orphans.
process.on('exit', () => {
  for (const s of [...stoppers].reverse()) {
    try {
      s.stopSync();
    } catch {
      /* best effort */
    }
  }
});

async function fail(msg) {
  process.stderr.write(`[${TAG}] ${msg}\n`);
  await shutdown(1);
}

// ------------------------------------------------------------------------------------------------
// child processes

/** Runs `node <file> <args>` to completion with `env`; output inherited. */
async function runNode(file, args, env, what) {
  const code = await runInherit(process.execPath, [file, ...args], { env });
  if (code !== 0 && !shuttingDown) await fail(`${what} failed (exit code ${code})`);
}

/**
 * Spawns a long-running node process in its own process group, so that a Ctrl-C in the terminal
 * reaches only this script, which then stops the children one by one in the right order.
 */
function startDaemon(name, file, env, nodeFlags = []) {
  const child = spawn(process.execPath, [...nodeFlags, file], { env, stdio: 'inherit', cwd: root, detached: true });
  let exited = false;
  const exit = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    }),
  );
  exit.then(({ code, signal }) => {
    if (!shuttingDown) void fail(`${name} exited unexpectedly (${signal ?? `exit code ${code}`}); stopping`);
  });
  stoppers.push({
    name,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const done = await Promise.race([exit.then(() => true), sleep(20000, false, { ref: false })]);
      if (!done) {
        log(`${name} did not stop within 20 s; killing it`);
        child.kill('SIGKILL');
        await exit;
      }
      log(`stopped ${name}`);
    },
    stopSync() {
      if (!exited) child.kill('SIGKILL');
    },
  });
  return child;
}

async function waitForHealth(url, timeoutMs) {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end && !shuttingDown) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      const body = await res.text();
      if (res.ok) return body;
      last = `${res.status} ${body.slice(0, 200)}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await sleep(500);
  }
  return Promise.reject(new Error(last || 'timeout'));
}

// ------------------------------------------------------------------------------------------------

async function main() {
  const t0 = Date.now();
  loadDotEnv();
  const env = process.env;
  const production = env.NODE_ENV === 'production';

  if (env.TTX_SKIP_INSTALL !== '1') await ensureInstalled(log);

  if (env.TTX_SKIP_BUILD !== '1') {
    log('building api, worker and web (nx; cached when nothing changed) ...');
    const code = await runInherit(nxBin, ['run-many', '-t', 'build', '-p', 'api', 'worker', 'web', '--parallel=2'], {
      env: nxEnv(),
    });
    if (code !== 0) return fail(`build failed (exit code ${code}); see the output above`);
  }
  const apiMain = path.join(root, 'dist/apps/api/main.js');
  const cli = path.join(root, 'dist/apps/api/cli.js');
  const workerMain = path.join(root, 'dist/apps/worker/main.js');
  for (const f of [apiMain, cli, workerMain]) {
    if (!fs.existsSync(f)) return fail(`${path.relative(root, f)} is missing after the build`);
  }

  // Services. Loaded only now: they need node_modules.
  const svc = await import('./services.mjs');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });

  let pgHandle;
  try {
    pgHandle = await svc.findOrStartPostgres({
      url: env.DATABASE_URL,
      dataDir: path.join(dataDir, 'postgres'),
      port: Number(env.TTX_PG_PORT || 54329),
      log,
    });
  } catch (e) {
    return fail(`PostgreSQL: ${e.message}`);
  }
  stoppers.push({ name: 'PostgreSQL', stop: () => pgHandle.stop(), stopSync: () => pgHandle.stopSync() });
  const databaseUrl = env.DATABASE_URL || svc.withDatabase(pgHandle.adminUrl, 'ttx');
  const dbName = svc.databaseName(databaseUrl);
  if (pgHandle.adminUrl !== databaseUrl) {
    try {
      await svc.ensureDatabase(pgHandle.adminUrl, dbName, { log });
    } catch (e) {
      return fail(`PostgreSQL: ${e.message}`);
    }
  }

  let redisHandle;
  try {
    redisHandle = await svc.findOrStartRedis({
      url: env.REDIS_URL,
      dir: path.join(dataDir, 'redis'),
      port: Number(env.TTX_REDIS_PORT || 6380),
      persistent: true,
      log,
    });
  } catch (e) {
    return fail(e.code === 'NO_REDIS' ? e.message : `Redis: ${e.message}`);
  }
  stoppers.push({ name: 'Redis', stop: () => redisHandle.stop(), stopSync: () => redisHandle.stopSync() });

  const secrets = svc.ensureSecrets(path.join(dataDir, 'secrets.env'), env);
  if (production && (!env.JWT_ACCESS_SECRET || !env.JWT_REFRESH_SECRET)) {
    log('warning: NODE_ENV=production with generated JWT secrets from .data/secrets.env; set them explicitly');
  }

  const port = Number(env.PORT || 3000);
  const childEnv = {
    ...env,
    NODE_ENV: env.NODE_ENV || 'development',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisHandle.url,
    REDIS_PREFIX: env.REDIS_PREFIX || 'ttx',
    JWT_ACCESS_SECRET: secrets.JWT_ACCESS_SECRET,
    JWT_REFRESH_SECRET: secrets.JWT_REFRESH_SECRET,
    TTX_DEMO_PASSWORD: env.TTX_DEMO_PASSWORD || 'ttx-demo-2026',
    WEB_DIST: env.WEB_DIST || 'dist/apps/web/browser',
  };

  log(`migrating database "${dbName}" ...`);
  await runNode(cli, ['migrate'], childEnv, 'migrate');
  if (shuttingDown) return;
  if (!production) {
    await runNode(cli, ['seed-demo'], childEnv, 'seed-demo');
    if (shuttingDown) return;
  }

  if (await svc.portAnswers(port, '127.0.0.1')) {
    return fail(`port ${port} is already in use (another npm start?); set PORT to use another one`);
  }
  // The api's V8 flags live in one file, shared with the test platform, the benchmarks and Docker.
  const { flags: apiFlags } = JSON.parse(fs.readFileSync(path.join(root, 'apps/api/node-flags.json'), 'utf8'));
  startDaemon('api', apiMain, childEnv, apiFlags);
  startDaemon('worker', workerMain, childEnv);

  try {
    await waitForHealth(`http://127.0.0.1:${port}/api/health`, 120000);
  } catch (e) {
    if (shuttingDown) return;
    return fail(`api did not become healthy at /api/health within 120 s (${e.message})`);
  }
  if (shuttingDown) return;
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const demo = production
    ? ''
    : ` (demo users: ${demoUsers().join(', ')}; password ${childEnv.TTX_DEMO_PASSWORD})`;
  process.stdout.write(`\nTTX is up at http://localhost:${port}${demo}\n`);
  log(`ready in ${secs} s. API docs: http://localhost:${port}/api/docs. Press Ctrl-C to stop.`);
}

main().catch((e) => fail(e?.stack || String(e)));
