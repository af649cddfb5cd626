import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { CatalogModule, CatalogSeeder } from '@ttx/api/catalog';
import { configureHttpApp, CoreModule, createFastifyAdapter, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { LIVE_NAMESPACE, type AuctionBidEvent, type AuctionClosedEvent } from '@ttx/shared/contracts';
import { withPatentCheckCharacter } from '@ttx/shared/policy';
import { resolve } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { MarketModule, MarketWorkerModule } from '../market.module';

/**
 * Two api processes (two Nest apps on their own ports, one database, one Redis) and a worker: live events
 * reach clients of both, and the BullMQ close job fires at the end, re-scheduling itself after an extension.
 */
const SEEDS = resolve(__dirname, '../../../../../../seeds/demo');
let t: TestApp;
let second: NestFastifyApplication;
let worker: INestApplicationContext;
let urls: string[] = [];
const sockets: Socket[] = [];
const tokens: Record<string, string> = {};

const connect = async (url: string, auctionId: string) => {
  const s = io(`${url}${LIVE_NAMESPACE}`, { transports: ['websocket'], forceNew: true });
  sockets.push(s);
  await new Promise<void>((ok, fail) => {
    s.once('connect', () => ok());
    s.once('connect_error', fail);
  });
  expect(await s.emitWithAck('join', auctionId)).toBe(true);
  return s;
};
const next = <T>(s: Socket, event: string) => new Promise<T>((ok) => s.once(event, ok));

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule, MarketModule]);
  const ds = t.app.get(DataSource);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
  await ds.transaction((m) => t.app.get(CatalogSeeder).seedFields(m, resolve(SEEDS, 'fields.json')));
  await t.app.listen(0, '127.0.0.1');
  const ref = await Test.createTestingModule({ imports: [CoreModule, HttpAuthModule, IdentityModule, CatalogModule, MarketModule] }).compile();
  second = ref.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: ['error'] });
  await configureHttpApp(second, { docs: false });
  await second.listen(0, '127.0.0.1');
  worker = await NestFactory.createApplicationContext({ module: class LiveTestWorker {}, imports: [CoreModule, MarketWorkerModule] } as never, { logger: ['error'] });
  await worker.init();
  urls = [await t.app.getUrl(), await second.getUrl()].map((u) => u.replace('[::1]', '127.0.0.1'));
  for (const who of ['tto', 'sme', 'enterprise']) {
    tokens[who] = (await call(t.app, 'POST', '/api/auth/login', { body: { email: `${who}@demo.ttx`, password: 'ttx-demo-2026' } })).json.accessToken;
  }
}, 120_000);

afterAll(async () => {
  sockets.forEach((s) => s.close());
  await worker?.close();
  await second?.close();
  await t?.close();
}, 30_000);

it('broadcasts bids to clients of both api processes; the close job fires after the extended end', async () => {
  const c = await call(t.app, 'POST', '/api/achievements', {
    token: tokens['tto'],
    body: {
      kind: 'invention_patent',
      title: { zh: '直播拍卖测试专利', en: 'Live auction test patent' },
      abstract: { zh: '摘要', en: 'Abstract' },
      fieldCode: '01.01',
      dealTypes: ['transfer'],
      ipRecords: [{ number: withPatentCheckCharacter('202377000001'), office: 'CNIPA', status: 'granted' }],
      inventors: [{ name: '李伟', sharePct: 100 }],
    },
  });
  await call(t.app, 'POST', `/api/achievements/${c.json.id}/submit`, { token: tokens['tto'] });
  await call(t.app, 'POST', `/api/achievements/${c.json.id}/publish`, { token: tokens['tto'] });
  const listing = await call(t.app, 'POST', '/api/listings', {
    token: tokens['tto'],
    body: { achievementId: c.json.id, method: 'auction', dealType: 'transfer', auction: { startPrice: 10_000, increment: 500, endsAt: new Date(Date.now() + 3_000).toISOString(), softCloseSeconds: 3 } },
  });
  const auctionId = listing.json.auctionId as string;
  const sme = await call(t.app, 'GET', '/api/me', { token: tokens['sme'] });
  const smeOrg = sme.json.memberships[0].organizationId as string;
  await call(t.app, 'POST', `/api/auctions/${auctionId}/register`, { token: tokens['sme'], body: {} });
  await call(t.app, 'POST', `/api/auctions/${auctionId}/bidders/${smeOrg}`, { token: tokens['tto'], body: { status: 'approved' } });

  const [a, b] = [await connect(urls[0], auctionId), await connect(urls[1], auctionId)];
  const seen = Promise.all([next<AuctionBidEvent>(a, 'bid'), next<AuctionBidEvent>(b, 'bid')]);
  await new Promise((r) => setTimeout(r, 1_500)); // inside the 3-second window
  // The bid goes to the second process; clients of the first see it through the Redis adapter.
  const res = await call(second, 'POST', `/api/auctions/${auctionId}/bids`, { token: tokens['sme'], body: { amount: 10_000 }, headers: { 'idempotency-key': 'live-1' } });
  expect(res.status).toBe(201);
  const [ea, eb] = await seen;
  expect(ea).toMatchObject({ auctionId, amount: 10_000, bidCount: 1, extended: true, endsAt: res.json.endsAt });
  expect(eb).toEqual(ea);
  expect(JSON.stringify(ea)).not.toContain(smeOrg); // anonymous

  const closed = Promise.all([next<AuctionClosedEvent>(a, 'closed'), next<AuctionClosedEvent>(b, 'closed')]);
  const [ca, cb] = await closed;
  const firedAt = Date.now();
  expect(ca).toMatchObject({ auctionId, outcome: 'sold', amount: 10_000, dealId: expect.any(String) });
  expect(cb).toEqual(ca);
  // The first job (original end) found the end extended and re-scheduled; the second closed within 5 s of the end.
  expect(firedAt - new Date(res.json.endsAt).getTime()).toBeLessThan(5_000);
  expect(firedAt).toBeGreaterThanOrEqual(new Date(res.json.endsAt).getTime());
  const view = await call(t.app, 'GET', `/api/auctions/${auctionId}`);
  expect(view.json).toMatchObject({ status: 'closed', outcome: 'sold' });
}, 60_000);
