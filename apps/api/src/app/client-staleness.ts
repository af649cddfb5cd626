import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** Differences between two JSON values as dotted paths (first 20). */
export function jsonDiff(a: unknown, b: unknown, path = '$', out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || a === null || b === null || typeof a !== 'object') {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(path);
    return out;
  }
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  for (const k of keys) jsonDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
  return out;
}

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** Files that differ, are missing or are extra between two generated trees. */
export function treeDiff(expectedDir: string, actualDir: string): string[] {
  const [e, a] = [files(expectedDir), files(actualDir)];
  const names = new Set([...e.keys(), ...a.keys()]);
  return [...names].filter((n) => e.get(n) !== a.get(n)).sort();
}

/** Runs ng-openapi-gen with the project's config on `openApiFile` into a temporary folder. */
export function generateClient(workspaceRoot: string, openApiFile: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ttx-client-'));
  const config = JSON.parse(readFileSync(join(workspaceRoot, 'libs/web/api-client/ng-openapi-gen.json'), 'utf8'));
  const configFile = join(dir, 'config.json');
  const out = join(dir, 'generated');
  writeFileSync(configFile, JSON.stringify({ ...config, $schema: undefined, input: openApiFile, output: out }));
  execFileSync(process.execPath, [join(workspaceRoot, 'node_modules/ng-openapi-gen/lib/index.js'), '--config', configFile], {
    cwd: workspaceRoot,
    stdio: 'pipe',
  });
  return { dir: out, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
