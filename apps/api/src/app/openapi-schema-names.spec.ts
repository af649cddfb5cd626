import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * @nestjs/swagger names an OpenAPI schema after its DTO class and keeps ONE schema per name: two contexts
 * each declaring `AttachmentDto` silently share whichever was registered last, and the generated client's
 * type is wrong for the other. Every class of a file that uses @nestjs/swagger must have a unique name.
 */
const root = resolve(__dirname, '../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

it('gives every OpenAPI schema class a name no other context uses', () => {
  const seen = new Map<string, string[]>();
  for (const file of sources(join(root, 'libs/api'))) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes("from '@nestjs/swagger'")) continue;
    for (const [, name] of text.matchAll(/^export class (\w+)/gm)) seen.set(name, [...(seen.get(name) ?? []), relative(root, file)]);
  }
  const clashes = [...seen].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`);
  expect(seen.size).toBeGreaterThan(50);
  expect(clashes).toEqual([]);
});
