import { CatalogModule, CatalogSeeder } from '@ttx/api/catalog';
import { APP_CONFIG, CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule, MemberDirectory } from '@ttx/api/identity';
import { MarketModule, MarketSeeder } from '@ttx/api/market';
import { Mailer, OutboxRelayService, PlatformModule } from '@ttx/api/platform';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { BrokerageModule } from '../brokerage.module';
import { BrokerageDealsModule } from '../deals/brokerage-deals.module';
import { excerpt } from '../notify';
import { BrokerageSeeder } from './brokerage-seeder';

const SEEDS = resolve(__dirname, '../../../../../../seeds/demo');
let t: TestApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  // As `cli seed-demo` does: market first, room offers bound to it.
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, PlatformModule, CatalogModule, MarketModule, BrokerageModule, BrokerageDealsModule]);
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

  it("tells the rooms' other members of the seeded messages as posting does: one unread notification per member and room, the latest", async () => {
    const ds = t.app.get(DataSource);
    const queued: { email: string }[] = await ds.query(
      `SELECT u.email FROM outbox o JOIN users u ON u.id = (o.payload->>'userId')::uuid WHERE o.payload->>'kind' = 'room-message' ORDER BY o.created_at`,
    );
    // AUV room: 3 messages, each to the 2 other members; membrane room: 2 messages, each to the other member.
    expect(queued).toHaveLength(8);
    // As the worker would: the relay collapses them per recipient and room.
    await new OutboxRelayService(ds, new Mailer(t.app.get(APP_CONFIG)), t.app.get(MemberDirectory)).relayAll();
    const rows: { email: string; link: string; en: string }[] = await ds.query(
      `SELECT u.email, n.link, n.body->>'en' AS en FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'room-message' AND n.read_at IS NULL`,
    );
    const auv = (await call(t.app, 'GET', '/api/deal-rooms', { token: tokens['sme'] })).json.items[0].id;
    const thanks = excerpt('Thanks — we would prefer a non-exclusive licence for five years. Our offer is in the room.');
    expect(thanks.endsWith('…')).toBe(true);
    const seen = rows.map((r) => [r.email, r.link === `/brokerage/rooms/${auv}` ? 'auv' : 'membrane', r.en]).sort((a, b) => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`));
    expect(seen).toEqual([
      ['broker@demo.ttx', 'auv', `张强 Zhang Qiang (SME): ${thanks}`],
      ['broker@demo.ttx', 'membrane', '陈静 Chen Jing: We accept the licence terms; contract to follow.'],
      ['enterprise@demo.ttx', 'membrane', '刘洋 Liu Yang (Broker): 碳化硅陶瓷膜项目双方已就许可条款达成一致。'],
      ['sme@demo.ttx', 'auv', '王敏 Wang Min (TTO): 我们的装置对接成功率实测 97%，可适配 324 毫米艇体，技术说明已上传。'],
      ['tto@demo.ttx', 'auv', `张强 Zhang Qiang (SME): ${thanks}`],
    ]);
  });

  it('hides the confidential demand detail from the public but not from its enterprise', async () => {
    const pub = (await call(t.app, 'GET', '/api/demands?pageSize=50')).json.items.find((d: { confidential: boolean }) => d.confidential);
    expect(pub).toMatchObject({ detail: null, budget: null, organizationName: null });
    expect((await call(t.app, 'GET', `/api/demands/${pub.id}`, { token: tokens['enterprise'] })).json.detail.zh).toContain('十二万片');
  });
});
