import { CatalogModule, CatalogSeeder } from '@ttx/api/catalog';
import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { MarketModule, MarketSeeder } from '@ttx/api/market';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { BrokerageModule } from '../brokerage.module';
import { BrokerageDealsModule } from '../deals/brokerage-deals.module';
import { BrokerageSeeder } from './brokerage-seeder';

const SEEDS = resolve(__dirname, '../../../../../../seeds/demo');
let t: TestApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  // As `cli seed-demo` does: market first, room offers bound to it.
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule, MarketModule, BrokerageModule, BrokerageDealsModule]);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
  await t.app.get(CatalogSeeder).seed(SEEDS);
  expect(await t.app.get(MarketSeeder).seed(SEEDS)).toBe('seeded');
  expect(await t.app.get(BrokerageSeeder).seed(SEEDS)).toBe('seeded');
  for (const who of ['sme', 'enterprise', 'broker', 'tto', 'admin']) {
    tokens[who] = (await call(t.app, 'POST', '/api/auth/login', { body: { email: `${who}@demo.ttx`, password: 'ttx-demo-2026' } })).json.accessToken;
  }
}, 180_000);
afterAll(() => t?.close());

describe('brokerage demo seed (API.md "Demo data": every state a user would look for)', () => {
  it('loads only once', async () => {
    expect(await t.app.get(BrokerageSeeder).seed(SEEDS)).toBe('skipped');
  });

  it('gives the SME demands in every state, with matches and reasons for an open one', async () => {
    const mine = (await call(t.app, 'GET', '/api/demands?mine=true', { token: tokens['sme'] })).json.items;
    expect(mine.map((d: { status: string }) => d.status).sort()).toEqual(['expired', 'in_talks', 'open', 'satisfied']);
    const vision = mine.find((d: { title: { en: string } }) => d.title.en.startsWith('Industrial vision'));
    const matches = (await call(t.app, 'GET', `/api/demands/${vision.id}/matches`, { token: tokens['sme'] })).json.items;
    expect(matches[0].achievement.title.en).toBe('Industrial vision defect inspection software V2.0');
    expect(matches[0].reasons.length).toBeGreaterThanOrEqual(3);
  });

  it('shows rooms to their members: the SME negotiating (messages, offer, commission), the broker a closed deal', async () => {
    const rooms = (await call(t.app, 'GET', '/api/deal-rooms', { token: tokens['sme'] })).json.items;
    expect(rooms.map((r: { stage: string }) => r.stage)).toEqual(['negotiating']);
    const room = (await call(t.app, 'GET', `/api/deal-rooms/${rooms[0].id}`, { token: tokens['tto'] })).json;
    expect(room).toMatchObject({ ndaAccepted: true, commission: { amountFen: 5_400_000, agreedAt: null } });
    expect(room.offers).toHaveLength(1);
    // The room's offer is also an open offer of the achievement's market listing (negotiation), seen by its TTO.
    expect(room.offers[0]).toMatchObject({ dealType: 'licence', amountFen: 180_000_000, listingId: expect.any(String), marketOfferId: expect.any(String) });
    const threads = (await call(t.app, 'GET', `/api/listings/${room.offers[0].listingId}/offers`, { token: tokens['tto'] })).json;
    expect(threads).toEqual([expect.objectContaining({ id: room.offers[0].marketOfferId, side: 'buyer', price: 180_000_000, status: 'open' })]);
    expect((await call(t.app, 'GET', `/api/deal-rooms/${rooms[0].id}/messages`, { token: tokens['sme'] })).json.items).toHaveLength(3);
    expect((await call(t.app, 'GET', `/api/deal-rooms/${rooms[0].id}/messages`, { token: tokens['enterprise'] })).status).toBe(404);
    const broker = (await call(t.app, 'GET', '/api/brokers/me', { token: tokens['broker'] })).json;
    expect(broker.trackRecord).toMatchObject({ closedDeals: 1, activeRooms: 1, commissionFen: 18_000_000 });
    // 60 + 3 × 3 completed deals; the 520-day-old dispute is repaired, the late payment was reversed.
    expect(broker.rating).toMatchObject({ score: 69, grade: 'C', completedDeals: 3, repairedEvents: 1, breaches: [] });
  });

  it('puts the second broker on the public breach list', async () => {
    const list = (await call(t.app, 'GET', '/api/brokers/breaches')).json;
    expect(list.map((b: { displayName: string }) => b.displayName)).toEqual(['周婷 Zhou Ting (Broker)']);
    expect((await call(t.app, 'GET', '/api/brokers')).json.items[0].displayName).toBe('刘洋 Liu Yang (Broker)');
  });

  it('sends the brokers what the live events send: credit events, open demands of their fields, offers in their rooms; nobody else', async () => {
    const rows: { email: string; kind: string; title: { zh: string; en: string }; body: { zh: string; en: string } }[] = await t.app.get(DataSource).query(
      `SELECT u.email, o.payload->>'kind' AS kind, o.payload->'title' AS title, o.payload->'body' AS body FROM outbox o JOIN users u ON u.id = (o.payload->>'userId')::uuid
        WHERE o.payload->>'kind' IN ('credit-event', 'credit-event-reversed', 'demand-in-your-field', 'deal-room-offer') ORDER BY u.email, 2, o.created_at`,
    );
    const kinds = (email: string) => rows.filter((r) => r.email === email).map((r) => r.kind);
    // The dispute and the late payment (later reversed); the AUV demand (08.03 ⊂ 08) and the vision one (01.01); both rooms' offers.
    expect(kinds('broker@demo.ttx')).toEqual(['credit-event', 'credit-event', 'credit-event-reversed', 'deal-room-offer', 'deal-room-offer', 'demand-in-your-field', 'demand-in-your-field']);
    // The breach of trust; the confidential membrane demand (03.03 ⊂ 03), by its public title only.
    expect(kinds('broker2@demo.ttx')).toEqual(['credit-event', 'demand-in-your-field']);
    expect(new Set(rows.map((r) => r.email))).toEqual(new Set(['broker@demo.ttx', 'broker2@demo.ttx']));
    const breach = rows.find((r) => r.email === 'broker2@demo.ttx' && r.kind === 'credit-event');
    expect(breach?.title).toEqual({ zh: '您的信用记录有新事件：失信', en: 'A credit event was recorded for you: Breach of trust' });
    const offer = rows.find((r) => r.kind === 'deal-room-offer' && r.body.zh.includes('1,800,000.00'));
    expect(offer?.body).toEqual({ zh: '许可，报价 1,800,000.00 元。', en: 'Licence for CNY 1,800,000.00.' });
    const secret = rows.find((r) => r.email === 'broker2@demo.ttx' && r.kind === 'demand-in-your-field');
    expect(secret?.body.zh).toContain('03.03');
    expect(secret?.body.en).toContain('Technology field 03.03');
  });

  it('hides the confidential demand detail from the public but not from its enterprise', async () => {
    const pub = (await call(t.app, 'GET', '/api/demands?pageSize=50')).json.items.find((d: { confidential: boolean }) => d.confidential);
    expect(pub).toMatchObject({ detail: null, budget: null, organizationName: null });
    expect((await call(t.app, 'GET', `/api/demands/${pub.id}`, { token: tokens['enterprise'] })).json.detail.zh).toContain('十二万片');
  });
});
