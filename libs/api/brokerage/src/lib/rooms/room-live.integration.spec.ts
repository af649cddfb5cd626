import { CatalogModule } from '@ttx/api/catalog';
import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { IdentityModule } from '@ttx/api/identity';
import { LIVE_NAMESPACE, type DealRoomLiveEvent } from '@ttx/shared/contracts';
import { io, type Socket } from 'socket.io-client';
import { BrokerageModule } from '../brokerage.module';
import { RoomFixture } from '../testing/room-fixture';

/** Room events reach the members' sockets through the platform live gateway; nobody else can listen. */
let t: TestApp;
let f: RoomFixture;
let url: string;
let roomId: string;
const sockets: Socket[] = [];

const open = (token?: string) => {
  const s = io(`${url}${LIVE_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: token ? { token } : {} });
  sockets.push(s);
  return s;
};
const connect = async (token?: string) => {
  const s = open(token);
  await new Promise<void>((ok, fail) => {
    s.once('connect', () => ok());
    s.once('connect_error', fail);
  });
  return s;
};
const join = (s: Socket, channel: string) => s.emitWithAck('join', channel) as Promise<boolean>;
/** The next `room` event of type `type` on the socket. */
const next = (s: Socket, type: DealRoomLiveEvent['type']) =>
  new Promise<DealRoomLiveEvent>((ok) => {
    const on = (e: DealRoomLiveEvent) => {
      if (e.type !== type) return;
      s.off('room', on);
      ok(e);
    };
    s.on('room', on);
  });

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule, BrokerageModule]);
  f = await new RoomFixture(t).seed();
  await t.app.listen(0, '127.0.0.1');
  url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  roomId = await f.room(await f.achievement());
}, 120_000);
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await t?.close();
}, 30_000);

describe('live deal rooms (socket.io /live, channel room:<id>)', () => {
  it('lets members who signed the NDA join; refuses non-members, anonymous callers, unsigned members and bad tokens', async () => {
    const [broker, sme, outsider, anonymous] = [await connect(f.tokens['broker']), await connect(f.tokens['sme']), await connect(f.tokens['enterprise']), await connect()];
    expect(await join(broker, `room:${roomId}`)).toBe(true);
    expect(await join(sme, `room:${roomId.toUpperCase()}`)).toBe(true);
    expect(await join(outsider, `room:${roomId}`)).toBe(false);
    expect(await join(anonymous, `room:${roomId}`)).toBe(false);
    expect(await join(outsider, `nosuch:${roomId}`)).toBe(false);
    expect(await join(outsider, 'room:not-a-uuid')).toBe(false);

    await f.ds.query(`UPDATE deal_room_members SET nda_accepted_at = NULL WHERE room_id = $1 AND user_id = (SELECT id FROM users WHERE email = 'tto@demo.ttx')`, [roomId]);
    expect(await join(await connect(f.tokens['tto']), `room:${roomId}`)).toBe(false);
    await call(t.app, 'POST', `/api/deal-rooms/${roomId}/nda`, { token: f.tokens['tto'] });

    await expect(connect('not.a.token')).rejects.toThrow('unauthorised');
  });

  it('pushes messages, documents, checklist changes and offers to members, and nothing to the refused', async () => {
    const [broker, sme, outsider] = [await connect(f.tokens['broker']), await connect(f.tokens['sme']), await connect(f.tokens['enterprise'])];
    await join(broker, `room:${roomId}`);
    await join(sme, `room:${roomId}`);
    await join(outsider, `room:${roomId}`);
    const leaked: unknown[] = [];
    outsider.on('room', (e) => leaked.push(e));

    const message = next(sme, 'message');
    const posted = await call(t.app, 'POST', `/api/deal-rooms/${roomId}/messages`, { token: f.tokens['broker'], body: { body: '实时消息 live message' } });
    expect(await message).toEqual({ type: 'message', roomId, ...posted.json });
    expect(posted.json).toMatchObject({ body: '实时消息 live message', authorName: '刘洋 Liu Yang (Broker)' });

    const document = next(broker, 'document');
    const doc = await call(t.app, 'POST', `/api/deal-rooms/${roomId}/documents`, { token: f.tokens['sme'], body: { name: '需求说明.txt', contentType: 'text/plain', contentBase64: Buffer.from('热管理').toString('base64') } });
    expect(await document).toEqual({ type: 'document', roomId, id: doc.json.id, name: '需求说明.txt' });

    const checklist = next(sme, 'checklist');
    const room = await call(t.app, 'GET', `/api/deal-rooms/${roomId}`, { token: f.tokens['broker'] });
    await call(t.app, 'PATCH', `/api/deal-rooms/${roomId}/checklist/${room.json.checklist[0].id}`, { token: f.tokens['broker'], body: { done: true } });
    expect(await checklist).toEqual({ type: 'checklist', roomId, itemId: room.json.checklist[0].id, done: true });

    const offer = next(broker, 'offer');
    const o = await call(t.app, 'POST', `/api/deal-rooms/${roomId}/offers`, { token: f.tokens['sme'], body: { dealType: 'transfer', amountFen: 1_200_000 } });
    expect(await offer).toMatchObject({ type: 'offer', roomId, id: o.json.id, amountFen: 1_200_000 });

    await new Promise((r) => setTimeout(r, 200));
    expect(leaked).toEqual([]);
  });
});
