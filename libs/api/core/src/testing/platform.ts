import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, dropRedisKeys, testEnv, type TestDatabase } from './test-database';

/**
 * Boots the BUILT platform (dist/apps/api, dist/apps/worker, optionally the web bundle the api
 * serves) as real node processes on a free port, against a fresh database and its own Redis
 * prefix. Used by the e2e suites (apps/api-e2e, apps/web-e2e) and the benchmark (tools/bench).
 */

/** The workspace root: the nearest ancestor holding nx.json. */
export const WORKSPACE_ROOT = findWorkspaceRoot(__dirname);

function findWorkspaceRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
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

/** `node` arguments of an api process: the V8 flags of apps/api/node-flags.json, then the built main. */
export function apiNodeArgs(): string[] {
  const { flags } = JSON.parse(fs.readFileSync(path.join(WORKSPACE_ROOT, 'apps/api/node-flags.json'), 'utf8')) as { flags: string[] };
  return [...flags, 'dist/apps/api/main.js'];
}

/**
 * Starts `node <script>` (or `node ...args`) in the workspace root with stdout and stderr appended
 * to `logFile`; its exit is noted in the log too.
 */
export function startNode(name: string, script: string | string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const args = Array.isArray(script) ? script : [script];
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd: WORKSPACE_ROOT, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  child.on('exit', (code, signal) => {
    try {
      fs.appendFileSync(logFile, `\n[platform] ${name} exited (code ${code}, signal ${signal})\n`);
    } catch {
      /* the log dir is gone already */
    }
  });
  return child;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The last `lines` lines of a log file ('' when it does not exist). */
export function tailLog(file: string, lines = 60): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export interface WaitForHttpOptions {
  /** Statuses that count as up (default [200]). */
  ok?: number[];
  timeoutMs?: number;
}

/**
 * Polls `url` until it answers with one of `ok`. Gives up early when one of `children` exits;
 * the error carries the tail of each of `logs`.
 */
export async function waitForHttp(
  url: string,
  children: ChildProcess[],
  logs: string[],
  { ok = [200], timeoutMs = 60_000 }: WaitForHttpOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const dead = children.find((c) => c.exitCode !== null || c.signalCode !== null);
    if (dead) {
      last = `a child process exited (pid ${dead.pid}, code ${dead.exitCode}, signal ${dead.signalCode})`;
      break;
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      last = `${res.status} ${(await res.text()).slice(0, 500)}`;
      if (ok.includes(res.status)) return;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up (last: ${last})\n` + logs.map((l) => `--- ${l}\n${tailLog(l)}`).join('\n'));
}

export interface BootOptions {
  /** Runs `node dist/apps/api/cli.js seed-demo` before starting (demo users, password ttx-demo-2026). */
  seedDemo?: boolean;
  /** The api also serves the built Angular app (dist/apps/web/browser). */
  web?: boolean;
  /** Starts the BullMQ worker too (default true). */
  worker?: boolean;
  /** Prefix of the log directory under the OS temp dir (default 'ttx-platform-'). */
  logPrefix?: string;
  /** Extra environment for the seed, api and worker. */
  env?: Record<string, string>;
  /** Boot on a copy of this pre-filled database (pending migrations run on the copy; never modified). */
  template?: string;
}

export interface BuiltPlatform {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  port: number;
  /** The test environment of this run (secrets included): DATABASE_URL, REDIS_*, JWT_*, PORT, ... */
  env: Record<string, string>;
  db: TestDatabase;
  logDir: string;
  logs: { api: string; worker: string };
  children: ChildProcess[];
  /** How long each boot phase took (also appended to the api log). */
  phases: string[];
  /**
   * SIGTERMs the children, drops the database and the run's Redis keys; removes the log dir
   * unless `keepLogs`.
   */
  stop(opts?: { keepLogs?: boolean }): Promise<void>;
}

/**
 * Boots the built api (+ worker) like production would run it. On failure everything started is
 * stopped again, the logs are kept and the error names them.
 */
export async function bootBuiltPlatform(opts: BootOptions = {}): Promise<BuiltPlatform> {
  const { seedDemo = false, web = false, worker = true } = opts;
  const required = ['dist/apps/api/main.js', 'dist/apps/api/cli.js'];
  if (worker) required.push('dist/apps/worker/main.js');
  if (web) required.push('dist/apps/web/browser/index.html');
  const missing = required.filter((f) => !fs.existsSync(path.join(WORKSPACE_ROOT, f)));
  if (missing.length) {
    throw new Error(`${missing.join(', ')} missing: build first (nx build api|worker|web; the e2e and bench targets do)`);
  }

  const t0 = Date.now();
  const phases: string[] = [];
  const mark = (what: string) => phases.push(`${what} +${Date.now() - t0} ms`);
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), opts.logPrefix ?? 'ttx-platform-'));
  const logs = { api: path.join(logDir, 'api.log'), worker: path.join(logDir, 'worker.log') };
  const children: ChildProcess[] = [];
  let db: TestDatabase | undefined;
  let env: Record<string, string> | undefined;
  let stopped = false;

  const stop = async ({ keepLogs = false }: { keepLogs?: boolean } = {}) => {
    if (stopped) return;
    stopped = true;
    await Promise.all(children.map((c) => stopChild(c)));
    await db?.drop();
    if (env) await dropRedisKeys(env['REDIS_URL'], env['REDIS_PREFIX']);
    if (!keepLogs) fs.rmSync(logDir, { recursive: true, force: true });
  };

  try {
    db = await createTestDatabase({ template: opts.template });
    mark('database created and migrated');
    const port = await freePort();
    env = {
      ...testEnv(db),
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...(web ? { WEB_DIST: 'dist/apps/web/browser' } : {}),
      ...opts.env,
    };
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };

    fs.writeFileSync(logs.api, '');
    if (seedDemo) {
      const seed = spawnSync(process.execPath, ['dist/apps/api/cli.js', 'seed-demo'], {
        cwd: WORKSPACE_ROOT,
        env: childEnv,
        encoding: 'utf8',
        timeout: 120_000,
      });
      fs.appendFileSync(logs.api, `[platform] seed-demo (exit ${seed.status})\n${seed.stdout}${seed.stderr}\n`);
      if (seed.status !== 0) throw new Error(`seed-demo failed (exit ${seed.status}):\n${seed.stdout}${seed.stderr}`);
      mark('demo data seeded');
    }

    children.push(startNode('api', apiNodeArgs(), childEnv, logs.api));
    if (worker) children.push(startNode('worker', 'dist/apps/worker/main.js', childEnv, logs.worker));
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${baseUrl}/api/health`, children, worker ? [logs.api, logs.worker] : [logs.api]);
    mark('api healthy');
    fs.appendFileSync(logs.api, `[platform] boot: ${phases.join(', ')}\n`);
    return { baseUrl, port, env, db, logDir, logs, children, phases, stop };
  } catch (e) {
    await stop({ keepLogs: true }).catch(() => undefined);
    (e as Error).message = `platform boot failed (logs kept in ${logDir}): ${(e as Error).message}`;
    throw e;
  }
}
