import { CatalogModule } from '@ttx/api/catalog';
import { APP_CONFIG, CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { IdentityModule, MemberDirectory } from '@ttx/api/identity';
import { Mailer, OutboxRelayService, PlatformModule } from '@ttx/api/platform';
import { BrokerageModule } from '../brokerage.module';
import { excerpt } from '../notify';
import { RoomFixture } from '../testing/room-fixture';
import { RoomsService } from './rooms.service';

/** Deal-room messages notify the room's other members, through the outbox, one unread notification per member and room. */
let t: TestApp;
let f: RoomFixture;
let relay: OutboxRelayService;
let achievementId: string;
const EVERYONE = ['admin', 'tto', 'researcher', 'sme', 'enterprise', 'broker'];
const NAMES: Record<string, string> = { broker: '刘洋 Liu Yang (Broker)', sme: '张强 Zhang Qiang (SME)', tto: '王敏 Wang Min (TTO)' };

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule, BrokerageModule, PlatformModule]);
  f = await new RoomFixture(t).seed();
  // The relay runs in the worker; here it is driven directly against the same database.
  relay = new OutboxRelayService(f.ds, new Mailer(t.app.get(APP_CONFIG)), t.app.get(MemberDirectory));
  achievementId = await f.achievement();
}, 120_000);
afterAll(() => t?.close());

type Text = { zh: string; en: string };
const link = (roomId: string) => `/brokerage/rooms/${roomId}`;
const post = async (who: string, roomId: string, body: string) => {
  const res = await call(t.app, 'POST', `/api/deal-rooms/${roomId}/messages`, { token: f.tokens[who], body: { body } });
  expect(res.status).toBe(201);
};
/** The outbox's room-message notifications of the room, by recipient (demo user name, e.g. 'sme'). */
async function queued(roomId: string): Promise<Record<string, { title: Text; body: Text }[]>> {
  const rows: { email: string; title: Text; body: Text; collapse: string }[] = await f.ds.query(
    `SELECT u.email, o.payload->'title' AS title, o.payload->'body' AS body, o.payload->>'collapseKey' AS collapse FROM outbox o
       JOIN users u ON u.id = (o.payload->>'userId')::uuid
      WHERE o.payload->>'kind' = 'room-message' AND o.payload->>'link' = $1 ORDER BY o.created_at`,
    [link(roomId)],
  );
  expect(rows.every((r) => r.collapse === `room-message:${roomId}`)).toBe(true);
  const out: Record<string, { title: Text; body: Text }[]> = {};
  for (const r of rows) (out[r.email.replace('@demo.ttx', '')] ??= []).push({ title: r.title, body: r.body });
  return out;
}
/** What the web's notification list shows `who` (GET /api/notifications): its room-message notifications of the room. */
async function listed(who: string, roomId: string): Promise<{ id: string; body: Text; readAt: string | null }[]> {
  const res = await call(t.app, 'GET', '/api/notifications?pageSize=100', { token: f.tokens[who] });
  expect(res.status).toBe(200);
  return res.json.items.filter((n: { kind: string; link: string }) => n.kind === 'room-message' && n.link === link(roomId));
}
const clearOutbox = () => relay.relayAll();

describe('deal-room message notifications', () => {
  it('tells every other member — with an excerpt — and never the sender, other members of the parties, or outsiders', async () => {
    const roomId = await f.room(achievementId);
    await clearOutbox();
    const long = `  我们希望先做一次现场测试，\n\n  再讨论许可范围。 ${'热管理方案的验证数据'.repeat(10)}  `;
    await post('sme', roomId, long);

    const q = await queued(roomId);
    // The room's members are broker, sme (sender) and tto; the researcher (of the tto's university), the other
    // enterprise and the admin are not in the room.
    expect(Object.keys(q).sort()).toEqual(['broker', 'tto']);
    const text = excerpt(long);
    expect(Array.from(text)).toHaveLength(80);
    expect(text.startsWith('我们希望先做一次现场测试， 再讨论许可范围。 热管理')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    const demand = (await call(t.app, 'GET', `/api/deal-rooms/${roomId}`, { token: f.tokens['broker'] })).json.demandTitle as string;
    for (const who of ['broker', 'tto']) {
      expect(q[who]).toEqual([
        {
          title: { zh: `洽谈室有新消息：${demand}`, en: `New message in a deal room: ${demand}` },
          body: { zh: `${NAMES['sme']}：${text}`, en: `${NAMES['sme']}: ${text}` },
        },
      ]);
    }
  });

  it('tells a member who has not accepted the NDA only that a message arrived, without its text', async () => {
    const roomId = await f.room(achievementId);
    const invited = await call(t.app, 'POST', `/api/deal-rooms/${roomId}/members`, { token: f.tokens['broker'], body: { email: 'researcher@demo.ttx' } });
    expect(invited.status).toBe(201);
    await post('tto', roomId, '对接成功率 97%，confidential figure');

    const q = await queued(roomId);
    expect(Object.keys(q).sort()).toEqual(['broker', 'researcher', 'sme']);
    expect(q['sme'][0].body.en).toBe(`${NAMES['tto']}: 对接成功率 97%，confidential figure`);
    expect(q['researcher']).toEqual([
      {
        title: q['sme'][0].title,
        body: { zh: `${NAMES['tto']} 发了一条消息。签署保密协议后即可阅读。`, en: `${NAMES['tto']} posted a message. Accept the room's NDA to read it.` },
      },
    ]);
    expect(JSON.stringify(q['researcher'])).not.toContain('97%');
  });

  it('keeps one unread notification per member and room, showing the latest message; a read one is not reused', async () => {
    const [roomId, other] = [await f.room(achievementId), await f.room(achievementId)];
    await post('sme', roomId, 'first');
    await post('tto', roomId, 'second');
    await post('sme', roomId, 'third');
    expect((await queued(roomId))['broker']).toHaveLength(3); // the outbox keeps every event; delivery collapses them
    await relay.relayAll();

    const broker = await listed('broker', roomId);
    expect(broker).toHaveLength(1);
    expect(broker[0]).toMatchObject({ readAt: null, body: { en: `${NAMES['sme']}: third` } });
    expect((await listed('tto', roomId)).map((n) => n.body.en)).toEqual([`${NAMES['sme']}: third`]);
    expect((await listed('sme', roomId)).map((n) => n.body.en)).toEqual([`${NAMES['tto']}: second`]);
    for (const who of EVERYONE.filter((w) => !['broker', 'tto', 'sme'].includes(w))) expect(await listed(who, roomId)).toEqual([]);

    // Once read, the next message makes a new unread one; the read one stays as it was.
    expect((await call(t.app, 'POST', `/api/notifications/${broker[0].id}/read`, { token: f.tokens['broker'] })).status).toBe(204);
    await post('sme', roomId, 'fourth');
    // Another room is another notification.
    await post('sme', other, 'elsewhere');
    await relay.relayAll();
    const after = await listed('broker', roomId);
    expect(after.map((n) => [n.body.en, n.readAt === null])).toEqual([
      [`${NAMES['sme']}: fourth`, true],
      [`${NAMES['sme']}: third`, false],
    ]);
    expect((await listed('broker', other)).map((n) => n.body.en)).toEqual([`${NAMES['sme']}: elsewhere`]);
    const unread = (await call(t.app, 'GET', '/api/notifications?pageSize=100', { token: f.tokens['broker'] })).json.items.filter(
      (n: { link: string; readAt: string | null }) => [link(roomId), link(other)].includes(n.link) && !n.readAt,
    );
    expect(unread).toHaveLength(2);
  });

  it('commits and rolls back with the message, and a refused post tells nobody', async () => {
    const roomId = await f.room(achievementId);
    const rooms = t.app.get(RoomsService);
    const [{ demand_id }] = await f.ds.query('SELECT demand_id FROM deal_rooms WHERE id = $1', [roomId]);
    const [{ id: smeId }] = await f.ds.query(`SELECT id FROM users WHERE email = 'sme@demo.ttx'`);
    await expect(
      f.ds.transaction(async (m) => {
        await m.query('INSERT INTO deal_room_messages (room_id, author_id, body) VALUES ($1,$2,$3)', [roomId, smeId, 'rolled back']);
        await rooms.announceMessage(m, { id: roomId, demand_id }, smeId, NAMES['sme'], 'rolled back');
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await queued(roomId)).toEqual({});

    // An outsider's post is refused (404), and so is one after the room closed (409): no notification either way.
    expect((await call(t.app, 'POST', `/api/deal-rooms/${roomId}/messages`, { token: f.tokens['enterprise'], body: { body: 'hi' } })).status).toBe(404);
    expect((await call(t.app, 'POST', `/api/deal-rooms/${roomId}/close`, { token: f.tokens['broker'], body: { outcome: 'lost' } })).status).toBe(200);
    expect((await call(t.app, 'POST', `/api/deal-rooms/${roomId}/messages`, { token: f.tokens['sme'], body: { body: 'too late' } })).status).toBe(409);
    expect(await queued(roomId)).toEqual({});
  });
});
