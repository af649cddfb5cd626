import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, login, multipart, WORKSPACE_ROOT, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { CatalogModule } from '../catalog.module';
import { CatalogSeeder } from '../seed/catalog-seeder';

/** Attachments against real PostgreSQL and a real files directory (1 MB limit here). */
const FILES_DIR = mkdtempSync(join(tmpdir(), 'ttx-files-'));
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n% 技术说明书\n'), Buffer.alloc(2000, 0x41)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100, 0)]);

let t: TestApp;
const token: Record<string, string> = {};
let id: string;

async function upload(who: string, fileName: string, content: Buffer, achievementId = id) {
  const { payload, contentType } = multipart(fileName, content);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/achievements/${achievementId}/attachments`,
    headers: { authorization: `Bearer ${token[who]}`, 'content-type': contentType },
    payload,
  });
  return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : undefined };
}

const download = (who: string | null, attachmentId: string) =>
  t.app.inject({ method: 'GET', url: `/api/achievements/${id}/attachments/${attachmentId}`, headers: who ? { authorization: `Bearer ${token[who]}` } : {} });

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule], { FILES_DIR, ATTACHMENT_MAX_MB: '1' });
  await t.app.get(DemoSeeder).seed(resolve(WORKSPACE_ROOT, 'seeds/demo/identity.json'));
  await t.app.get(CatalogSeeder).seedFields(t.app.get(DataSource).manager, resolve(WORKSPACE_ROOT, 'seeds/demo/fields.json'));
  for (const who of ['tto', 'researcher', 'sme', 'broker']) token[who] = await login(t.app, `${who}@demo.ttx`);
  const created = await call(t.app, 'POST', '/api/achievements', {
    token: token['tto'],
    body: {
      kind: 'invention_patent',
      title: { zh: '钙钛矿叠层电池' },
      abstract: { zh: '一种钙钛矿/晶硅叠层电池。' },
      fieldCode: '01.01',
      dealTypes: ['licence'],
      inventors: [{ name: '王五', sharePct: 100 }],
    },
  });
  id = created.json.id;
}, 120_000);
afterAll(async () => {
  await t?.close();
  rmSync(FILES_DIR, { recursive: true, force: true });
});

describe('attachments', () => {
  let pdfId: string;

  it('stores an upload under its content hash with the sniffed type; the same content again is the same attachment', async () => {
    const first = await upload('tto', '技术说明书.pdf', PDF);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ name: '技术说明书.pdf', mimeType: 'application/pdf', sizeBytes: PDF.length });
    expect(first.json.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(join(FILES_DIR, first.json.sha256.slice(0, 2), first.json.sha256))).toBe(true);
    pdfId = first.json.id;
    const again = await upload('researcher', 'copy.pdf', PDF);
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(pdfId);
  });

  it('refuses content its name disguises, unknown binaries, and files over the limit — leaving nothing behind', async () => {
    const png = await upload('tto', 'scan.pdf', PNG);
    expect(png.status).toBe(415);
    expect(png.json).toMatchObject({ type: 'urn:ttx:problem:file-type', errors: [{ field: 'file' }] });
    expect((await upload('tto', 'tool.pdf', EXE)).status).toBe(415);
    const big = await upload('tto', 'big.txt', Buffer.alloc(1024 * 1024 + 10, 0x61));
    expect(big.status).toBe(413);
    expect(big.json.type).toBe('urn:ttx:problem:file-too-large');
    expect(readdirSync(join(FILES_DIR, 'tmp'))).toEqual([]);
    const [{ n }] = await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM achievement_attachments WHERE achievement_id = $1', [id]);
    expect(n).toBe(1);
  });

  it('is written only by the owner institution, and needs a file', async () => {
    expect((await upload('sme', 'x.pdf', PDF)).status).toBe(403); // enterprises never write achievements
    const res = await call(t.app, 'POST', `/api/achievements/${id}/attachments`, { token: token['tto'], body: { file: 'x' } });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].field).toBe('file');
  });

  it('is confidential: owner and NDA-accepting enterprises download it; the public and other enterprises get 404', async () => {
    for (const step of ['submit', 'publish']) expect((await call(t.app, 'POST', `/api/achievements/${id}/${step}`, { token: token['tto'] })).status).toBe(200);
    const owner = await download('tto', pdfId);
    expect(owner.statusCode).toBe(200);
    expect(owner.rawPayload.equals(PDF)).toBe(true);
    expect(owner.headers['content-type']).toBe('application/pdf');
    expect(owner.headers['x-content-type-options']).toBe('nosniff');
    expect(owner.headers['content-disposition']).toContain("filename*=UTF-8''%E6%8A%80%E6%9C%AF");

    expect((await download(null, pdfId)).statusCode).toBe(404);
    expect((await download('sme', pdfId)).statusCode).toBe(404);
    const publicView = await call(t.app, 'GET', `/api/achievements/${id}`, { token: token['sme'] });
    expect(publicView.json.confidential).toBeNull();
    expect(publicView.body).not.toContain(pdfId);

    expect((await call(t.app, 'POST', `/api/achievements/${id}/nda`, { token: token['sme'], body: {} })).status).toBe(201);
    expect((await download('sme', pdfId)).rawPayload.equals(PDF)).toBe(true);
    const ndaView = await call(t.app, 'GET', `/api/achievements/${id}`, { token: token['sme'] });
    expect(ndaView.json.confidential.attachments).toEqual([expect.objectContaining({ id: pdfId, name: '技术说明书.pdf' })]);
  });

  it('is removed by the owner (audited), after which it is gone', async () => {
    expect((await call(t.app, 'DELETE', `/api/achievements/${id}/attachments/${pdfId}`, { token: token['sme'] })).status).toBe(403);
    expect((await call(t.app, 'DELETE', `/api/achievements/${id}/attachments/${pdfId}`, { token: token['tto'] })).status).toBe(204);
    expect((await download('tto', pdfId)).statusCode).toBe(404);
    const rows: { action: string }[] = await t.app.get(DataSource).query(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'achievement.attachment-%' ORDER BY seq`,
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual(['achievement.attachment-added', 'achievement.attachment-removed']);
  });
});
