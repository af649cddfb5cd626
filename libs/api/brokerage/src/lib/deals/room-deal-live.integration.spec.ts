import { CatalogModule } from '@ttx/api/catalog';
import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { IdentityModule } from '@ttx/api/identity';
import { DealsService, MarketModule } from '@ttx/api/market';
import { LIVE_NAMESPACE, type DealRoomLiveEvent } from '@ttx/shared/contracts';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { BrokerageModule } from '../brokerage.module';
import { RoomFixture } from '../testing/room-fixture';
import { BrokerageDealsModule } from './brokerage-deals.module';

/** A market deal that closes a deal room tells the room's members live, once the deal has committed. */
let t: TestApp;
let f: RoomFixture;
let url: string;
const sockets: Socket[] = [];

const member = async (token: string, roomId: string) => {
  const s = io(`${url}${LIVE_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
  sockets.push(s);
  await new Promise<void>((ok, fail) => {
    s.once('connect', () => ok());
    s.once('connect_error', fail);
  });
  expect(await s.emitWithAck('join', `room:${roomId}`)).toBe(true);
  const events: DealRoomLiveEvent[] = [];
  s.on('room', (e: DealRoomLiveEvent) => events.push(e));
  return events;
};
const waitFor = async <T>(get: () => T | undefined, ms = 5_000): Promise<T> => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    const v = get();
    if (v !== undefined) return v;
  }
  throw new Error('timed out');
};

/** A room with an open market offer from it on the achievement's negotiation listing: accepting it is the deal. */
async function roomWithOffer(): Promise<{ roomId: string; marketOfferId: string }> {
  const achievementId = await f.achievement();
  await f.listing(achievementId);
  const roomId = await f.room(achievementId);
  const offer = await call(t.app, 'POST', `/api/deal-rooms/${roomId}/offers`, { token: f.tokens['sme'], body: { dealType: 'transfer', amountFen: 2_000_000 } });
  expect(offer.json.marketOfferId).toEqual(expect.any(String));
  return { roomId, marketOfferId: offer.json.marketOfferId as string };
}

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule, MarketModule, BrokerageModule, BrokerageDealsModule]);
  f = await new RoomFixture(t).seed();
  await t.app.listen(0, '127.0.0.1');
  url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
}, 120_000);
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await t?.close();
}, 30_000);

describe('a market deal closes its deal room live', () => {
  it('pushes stage closed_won with the deal to the members, after the deal committed', async () => {
    const { roomId, marketOfferId } = await roomWithOffer();
    const [sme, tto] = [await member(f.tokens['sme'], roomId), await member(f.tokens['tto'], roomId)];
    // What a separate connection sees when the event arrives: emitted inside the transaction, it would be the old stage.
    const seen: string[] = [];
    const db = new Client({ connectionString: t.db.url });
    await db.connect();
    try {
      const accepted = await call(t.app, 'POST', `/api/offers/${marketOfferId}/accept`, { token: f.tokens['tto'] });
      expect(accepted.status).toBe(200);
      const dealId = accepted.json.dealId as string;
      const event = await waitFor(() => sme.find((e) => e.type === 'stage'));
      seen.push((await db.query('SELECT stage FROM deal_rooms WHERE id = $1', [roomId])).rows[0].stage);
      expect(event).toEqual({ type: 'stage', roomId, stage: 'closed_won', dealId });
      expect(await waitFor(() => tto.find((e) => e.type === 'stage'))).toEqual(event);
      expect(seen).toEqual(['closed_won']);
      const room = await call(t.app, 'GET', `/api/deal-rooms/${roomId}`, { token: f.tokens['sme'] });
      expect(room.json).toMatchObject({ stage: 'closed_won', deal: { id: dealId, priceFen: 2_000_000 }, closedAt: expect.any(String) });
    } finally {
      await db.end();
    }
  });

  it('pushes nothing when the deal’s transaction rolls back after the room was closed in it', async () => {
    const { roomId, marketOfferId } = await roomWithOffer();
    const sme = await member(f.tokens['sme'], roomId);
    // A later subscriber of the same deal fails: the whole deal, the room's close included, rolls back.
    const off = t.app.get(DealsService).subscribe(async () => {
      throw new Error('injected failure after the room bridge');
    });
    try {
      const accepted = await call(t.app, 'POST', `/api/offers/${marketOfferId}/accept`, { token: f.tokens['tto'] });
      expect(accepted.status).toBeGreaterThanOrEqual(400);
    } finally {
      off();
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(sme.filter((e) => e.type === 'stage')).toEqual([]);
    const room = await call(t.app, 'GET', `/api/deal-rooms/${roomId}`, { token: f.tokens['sme'] });
    expect(room.json).toMatchObject({ stage: 'negotiating', deal: null, closedAt: null });
  });
});
