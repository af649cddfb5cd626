import { Body, Controller, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from '../../testing/test-app';
import { configureHttpApp, createFastifyAdapter } from './bootstrap';

class EchoDto {
  @IsString() text!: string;
}

@Controller('echo')
class EchoController {
  @Post() echo(@Body() dto: EchoDto) {
    return dto;
  }
}
@Module({ controllers: [EchoController] })
class EchoModule {}

/** The HTTP pipeline without a database: problem bodies for Fastify-level errors, SPA fallback. */
describe('configureHttpApp', () => {
  let app: NestFastifyApplication;
  let web: string;

  beforeAll(async () => {
    web = mkdtempSync(join(tmpdir(), 'ttx-web-'));
    writeFileSync(join(web, 'index.html'), '<html>TTX</html>');
    writeFileSync(join(web, 'main-abc.js'), 'console.log(1)');
    const ref = await Test.createTestingModule({ imports: [EchoModule] }).compile();
    app = ref.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
    await configureHttpApp(app, { webDist: web, docs: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(web, { recursive: true, force: true });
  });

  const problem = (res: Awaited<ReturnType<typeof call>>, status: number, slug: string) => {
    expect(res.status).toBe(status);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(res.json).toMatchObject({ status, type: `urn:ttx:problem:${slug}` });
    expect(res.body).not.toMatch(/at .+\.(ts|js):\d+/); // no stack traces
  };

  it('serves the web app and its client routes, but not missing assets', async () => {
    expect((await call(app, 'GET', '/')).body).toContain('TTX');
    expect((await call(app, 'GET', '/dashboard/researcher')).body).toContain('TTX');
    expect((await call(app, 'GET', '/main-abc.js')).body).toContain('console.log');
    problem(await call(app, 'GET', '/main-missing.js'), 404, 'not-found');
    problem(await call(app, 'GET', '/api/unknown'), 404, 'not-found');
  });

  it('answers a body over 1 MB with 413', async () => {
    problem(await call(app, 'POST', '/api/echo', { body: { text: 'x'.repeat(2 * 1024 * 1024) } }), 413, 'payload-too-large');
  });

  it('answers malformed JSON with 400 and an unsupported media type with 415', async () => {
    problem(await call(app, 'POST', '/api/echo', { body: '{"text": ' }), 400, 'bad-request');
    problem(await call(app, 'POST', '/api/echo', { body: '<x/>', headers: { 'content-type': 'application/xml' } }), 415, 'unsupported-media-type');
  });

  it('rejects unknown fields and wrong types naming the field', async () => {
    const res = await call(app, 'POST', '/api/echo', { body: { text: 1, admin: true } });
    problem(res, 400, 'validation');
    expect(res.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['admin', 'text']);
  });
});
