import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The api's V8 flags are declared once (apps/api/node-flags.json); npm start and the test platform read that
 * file, the Docker image cannot: its CMD must carry the same flags.
 */
const root = resolve(__dirname, '../..');

describe('api node flags', () => {
  const { flags } = JSON.parse(readFileSync(resolve(root, 'apps/api/node-flags.json'), 'utf8')) as { flags: string[] };

  it('declares at least one flag, each a V8/node option', () => {
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) expect(f).toMatch(/^--[a-z0-9-]+(=\S+)?$/);
  });

  it('starts the Docker image with exactly those flags before the main file', () => {
    const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(readFileSync(resolve(root, 'docker/api.Dockerfile'), 'utf8'));
    expect(cmd).not.toBeNull();
    expect(JSON.parse((cmd as RegExpExecArray)[1])).toEqual(['node', ...flags, 'dist/apps/api/main.js']);
  });

  it('is read by npm start and by the test platform', () => {
    for (const file of ['tools/start/start.mjs', 'libs/api/core/src/testing/platform.ts']) {
      expect(readFileSync(resolve(root, file), 'utf8')).toContain('apps/api/node-flags.json');
    }
  });
});
