import { CatalogModule, CatalogSeeder } from '@ttx/api/catalog';
import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { MarketModule } from '../market.module';
import { MarketSeeder } from './market-seeder';

const SEEDS = resolve(__dirname, '../../../../../../seeds/demo');
let t: TestApp;
const login = async (who: string) => (await call(t.app, 'POST', '/api/auth/login', { body: { email: `${who}@demo.ttx`, password: 'ttx-demo-2026' } })).json.accessToken as string;

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule, MarketModule]);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
  await t.app.get(CatalogSeeder).seed(SEEDS);
  expect(await t.app.get(MarketSeeder).seed(SEEDS)).toBe('seeded');
}, 180_000);
// Closing drains the queues and pools, which takes seconds on a loaded machine.
afterAll(() => t?.close(), 60_000);

it('loads once, into an empty market only', async () => {
  expect(await t.app.get(MarketSeeder).seed(SEEDS)).toBe('skipped');
});

it('sme@demo.ttx is an approved bidder in an open auction (API.md demo data)', async () => {
  const sme = await login('sme');
  const auctions = (await call(t.app, 'GET', '/api/listings?method=auction')).json.items as { auctionId: string }[];
  const statuses = await Promise.all(
    auctions.map(async (l) => ({
      me: (await call(t.app, 'GET', `/api/auctions/${l.auctionId}/me`, { token: sme })).json.bidderStatus,
      a: (await call(t.app, 'GET', `/api/auctions/${l.auctionId}`)).json,
    })),
  );
  expect(statuses.some((s) => s.me === 'approved' && s.a.status === 'open' && s.a.kind === 'english')).toBe(true);
  expect(statuses.some((s) => s.a.status === 'scheduled')).toBe(true);
});

it('shows every state: open, sold, unsold, withdrawn; deals for sme and the TTO; a counter-offer waiting for sme', async () => {
  const tto = await login('tto');
  const mine = (await call(t.app, 'GET', '/api/listings/mine?pageSize=50', { token: tto })).json.items as { status: string; method: string }[];
  for (const s of ['open', 'sold', 'unsold', 'withdrawn']) expect(mine.some((l) => l.status === s)).toBe(true);
  for (const m of ['negotiation', 'fixed_price', 'auction', 'open_licence']) expect(mine.some((l) => l.method === m)).toBe(true);
  const sme = await login('sme');
  const deals = (await call(t.app, 'GET', '/api/deals/mine', { token: sme })).json as { method: string }[];
  expect(deals.map((d) => d.method).sort()).toEqual(expect.arrayContaining(['auction', 'fixed_price', 'open_licence']));
  const inbox = (await call(t.app, 'GET', '/api/offers', { token: sme })).json as { side: string; status: string }[];
  expect(inbox.some((o) => o.side === 'seller' && o.status === 'open')).toBe(true);
});

it('tells the evaluator (and the seller TTO) of the seeded report through the live evaluation, as its price basis', async () => {
  const rows: { email: string; title: { zh: string; en: string }; body: { zh: string; en: string } }[] = await t.app.get(DataSource).query(
    `SELECT u.email, o.payload->'title' AS title, o.payload->'body' AS body FROM outbox o JOIN users u ON u.id = (o.payload->>'userId')::uuid
      WHERE o.payload->>'kind' = 'listing-evaluated' ORDER BY u.email`,
  );
  expect(rows.map((r) => r.email)).toEqual(['evaluator@demo.ttx', 'tto@demo.ttx']);
  expect(rows[0].body.zh).toContain('评估价值 ¥1,800,000.00（评估基准日 2026-09-15，收益法 income approach）');
  expect(rows[0].body.en).toContain('values it at CNY 1,800,000.00');
});
