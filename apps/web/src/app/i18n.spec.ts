import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '@ttx/shared/contracts';
import { AREAS, ROLE_NAV, TRANSLATED_STATUSES } from '@ttx/web/core';
import { readTranslation } from '../testing/i18n';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|html)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const zh = flatten(readTranslation('zh-CN') as Tree);
const en = flatten(readTranslation('en-US') as Tree);

describe('translations', () => {
  it('zh-CN and en-US have exactly the same keys', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('no translation is empty, and interpolation params match between languages', () => {
    for (const [key, value] of zh) {
      expect(value.trim()).not.toBe('');
      const params = (s: string) => (s.match(/\{\{\s*\w+\s*\}\}/g) ?? []).map((p) => p.replace(/\s/g, '')).sort();
      expect({ key, params: params(en.get(key) ?? '') }).toEqual({ key, params: params(value) });
    }
  });

  it('every literal key used in templates and code exists', () => {
    const used = new Set<string>();
    for (const file of sources(join(__dirname))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/'([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)'\s*\|\s*transloco/g)) used.add(m[1]);
      for (const m of text.matchAll(/key: '([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(30);
    const missing = [...used].filter((k) => !zh.has(k));
    expect(missing).toEqual([]);
  });

  it('covers every role, area, nav item and translated error status', () => {
    const keys = [
      ...ROLES.flatMap((r) => [`roles.${r}`, `roleDescriptions.${r}`]),
      ...AREAS.flatMap((a) => [`nav.${a}`, `home.areas.${a}.title`, `home.areas.${a}.description`]),
      ...Object.values(ROLE_NAV).flatMap((items) => items.map((i) => i.labelKey)),
      ...TRANSLATED_STATUSES.map((s) => `errors.status.${s}`),
      'errors.network',
      'errors.unknown',
      'errors.retryAfter',
      'errors.retryLater',
    ];
    expect(keys.filter((k) => !zh.has(k) || !en.has(k))).toEqual([]);
  });

  it('is really Chinese in zh-CN and not in en-US', () => {
    expect(zh.get('app.name')).toMatch(/[\u4e00-\u9fff]/);
    expect(en.get('app.name')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
