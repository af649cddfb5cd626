import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import type { AppConfig } from '@ttx/api/core';
import { FileStore } from './file-store';

describe('FileStore (real files)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ttx-store-'));
  const store = new FileStore({ FILES_DIR: dir } as AppConfig);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores by SHA-256 of the content and streams it back', async () => {
    const content = Buffer.from('技术合同文本 '.repeat(2000));
    const saved = await store.save(Readable.from([content.subarray(0, 5000), content.subarray(5000)]), 1024 * 1024);
    expect(saved.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(saved.sizeBytes).toBe(content.length);
    expect(saved.head.equals(content.subarray(0, 4096))).toBe(true);
    const chunks: Buffer[] = [];
    for await (const c of await store.open(saved.sha256)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(content)).toBe(true);
  });

  it('refuses an over-long stream with 413 and an empty one with 422, keeping no temporary file', async () => {
    await expect(store.save(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000)).rejects.toMatchObject({ status: 413, slug: 'file-too-large' });
    await expect(store.save(Readable.from([]), 1000)).rejects.toMatchObject({ status: 422, slug: 'file-empty' });
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('answers 404 for content it does not hold', async () => {
    await expect(store.open('0'.repeat(64))).rejects.toMatchObject({ status: 404 });
  });
});
