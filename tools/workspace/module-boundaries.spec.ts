import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The boundary rules of eslint.config.mjs, exercised on fixture sources placed (virtually) inside
 * real projects: allowed imports pass, forbidden ones fail with the boundary rule.
 */
const root = resolve(__dirname, '../..');
// ESLint's flat config is ESM, which jest's module system cannot load: lint in a child process, as `nx lint` does.
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const res = spawnSync(process.execPath, [resolve(root, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', filePath], {
    cwd: root,
    input: code,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  const [result] = JSON.parse(res.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries (nx tags)', () => {
  jest.setTimeout(120_000);

  it('lets an api feature use api core and shared contracts', async () => {
    const code = `import { Problems } from '@ttx/api/core';\nimport { ROLES } from '@ttx/shared/contracts';\nexport const x = [Problems, ROLES];\n`;
    expect(await boundaryErrors('libs/api/identity/src/lib/fixture.ts', code)).toEqual([]);
  });

  it('forbids shared code from importing an app-side lib (scope:shared → scope:web)', async () => {
    const code = `import { MarketApi } from '@ttx/web/api-client';\nexport const x = MarketApi;\n`;
    const errors = await boundaryErrors('libs/shared/policy/src/lib/fixture.ts', code);
    expect(errors.join('\n')).toMatch(/scope:shared/);
  });

  it('forbids the web from importing api code (scope:web → scope:api)', async () => {
    const code = `import { Problems } from '@ttx/api/core';\nexport const x = Problems;\n`;
    expect((await boundaryErrors('libs/web/core/src/lib/fixture.ts', code)).length).toBeGreaterThan(0);
  });

  it('forbids a ui lib from importing the data-access client (type:ui → type:data-access)', async () => {
    const code = `import { MarketApi } from '@ttx/web/api-client';\nexport const x = MarketApi;\n`;
    const errors = await boundaryErrors('libs/web/ui/src/lib/fixture.ts', code);
    expect(errors.join('\n')).toMatch(/type:ui/);
  });

  it('has no catch-all "*" constraint', async () => {
    const script = `import(${JSON.stringify(resolve(root, 'eslint.config.mjs'))}).then((m) => console.log(JSON.stringify(m.depConstraints)))`;
    const out = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    const depConstraints = JSON.parse(out.stdout) as { sourceTag: string; onlyDependOnLibsWithTags: string[] }[];
    expect(depConstraints.length).toBeGreaterThan(5);
    expect(depConstraints.some((c) => c.sourceTag === '*' || c.onlyDependOnLibsWithTags.includes('*'))).toBe(false);
  });
});
