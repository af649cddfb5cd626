import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
// e2e provisions its database with the api's own test helper (createTestDatabase migrates it).
import type { TestDatabase } from '@ttx/api/core/testing';
import { STATE_ENV, WORKSPACE_ROOT, newStateFile, type E2eState } from './paths';
import { tail } from './log-tail';
import globalTeardown from './global-teardown';

export interface E2eHandles {
  db?: TestDatabase;
  children: ChildProcess[];
  stateFile?: string;
  logDir?: string;
  redis?: { url: string; prefix: string };
}

declare global {
  var __TTX_API_E2E__: E2eHandles | undefined;
}

/** globalSetup is not run through jest's resolver: map the workspace's `@ttx/*` paths here. */
function registerWorkspacePaths(): void {
  const tsconfigPaths = require('tsconfig-paths') as typeof import('tsconfig-paths');
  const loaded = tsconfigPaths.loadConfig(path.join(WORKSPACE_ROOT, 'tsconfig.base.json'));
  if (loaded.resultType !== 'success') throw new Error(`api-e2e: cannot read tsconfig.base.json: ${loaded.message}`);
  tsconfigPaths.register({ baseUrl: loaded.absoluteBaseUrl, paths: loaded.paths, addMatchAll: false });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function start(name: string, script: string, env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [script], { cwd: WORKSPACE_ROOT, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  child.on('exit', (code, signal) => {
    fs.appendFileSync(logFile, `\n[api-e2e] ${name} exited (code ${code}, signal ${signal})\n`);
  });
  return child;
}

async function waitForHealth(baseUrl: string, children: ChildProcess[], logs: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const dead = children.find((c) => c.exitCode !== null || c.signalCode !== null);
    if (dead) break;
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) return;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `api-e2e: the api did not become healthy (last: ${last})\n` + logs.map((l) => `--- ${l}\n${tail(l)}`).join('\n'),
  );
}

export default async function globalSetup(): Promise<void> {
  try {
    await boot();
  } catch (e) {
    // Jest does not run globalTeardown when globalSetup fails: stop what was started here.
    process.env['TTX_API_E2E_KEEP_LOGS'] = '1';
    await globalTeardown();
    throw e;
  }
}

async function boot(): Promise<void> {
  for (const f of ['dist/apps/api/main.js', 'dist/apps/api/cli.js', 'dist/apps/worker/main.js']) {
    if (!fs.existsSync(path.join(WORKSPACE_ROOT, f))) {
      throw new Error(`api-e2e: ${f} is missing — run through \`nx e2e api-e2e\` (it builds api and worker first)`);
    }
  }
  const t0 = Date.now();
  const phases: string[] = [];
  const mark = (what: string) => phases.push(`${what} +${Date.now() - t0} ms`);
  registerWorkspacePaths();
  // Required only after the paths are registered (an import would be hoisted above that).
  const { createTestDatabase, testEnv } = require('@ttx/api/core/testing') as typeof import('@ttx/api/core/testing');

  const handles: E2eHandles = { children: [] };
  globalThis.__TTX_API_E2E__ = handles;
  handles.logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttx-api-e2e-'));
  const apiLog = path.join(handles.logDir, 'api.log');
  const workerLog = path.join(handles.logDir, 'worker.log');

  mark('loaded test helpers');
  const db = await createTestDatabase();
  handles.db = db;
  mark('database created and migrated');
  const port = await freePort();
  const env: Record<string, string> = {
    ...testEnv(db),
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  handles.redis = { url: env['REDIS_URL'], prefix: env['REDIS_PREFIX'] };
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };

  const seed = spawnSync(process.execPath, ['dist/apps/api/cli.js', 'seed-demo'], {
    cwd: WORKSPACE_ROOT,
    env: childEnv,
    encoding: 'utf8',
    timeout: 120_000,
  });
  fs.writeFileSync(apiLog, `[api-e2e] seed-demo (exit ${seed.status})\n${seed.stdout}${seed.stderr}\n`);
  mark('demo data seeded');
  if (seed.status !== 0) throw new Error(`api-e2e: seed-demo failed (exit ${seed.status}):\n${seed.stdout}${seed.stderr}`);

  handles.children.push(start('api', 'dist/apps/api/main.js', childEnv, apiLog));
  handles.children.push(start('worker', 'dist/apps/worker/main.js', childEnv, workerLog));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, handles.children, [apiLog, workerLog]);
  mark('api healthy');
  fs.appendFileSync(apiLog, `[api-e2e] global setup: ${phases.join(', ')}\n`);

  const state: E2eState = { baseUrl, env, logDir: handles.logDir, apiLog, workerLog };
  handles.stateFile = newStateFile();
  fs.writeFileSync(handles.stateFile, JSON.stringify(state), { mode: 0o600 });
  // Test files (in band or in workers started after this) find the state through the environment.
  process.env[STATE_ENV] = handles.stateFile;
}
