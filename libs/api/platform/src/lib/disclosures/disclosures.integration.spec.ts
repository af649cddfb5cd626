import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { IdentityModule } from '@ttx/api/identity';
import { DataSource } from 'typeorm';
import { PlatformModule } from '../platform.module';
import { DisclosuresService } from './disclosures.service';

let t: TestApp;
let ds: DataSource;
let svc: DisclosuresService;
let token: string;
let answerer: string;
const heard: string[] = [];

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, PlatformModule]);
  ds = t.app.get(DataSource);
  svc = t.app.get(DisclosuresService);
  svc.registerHandler('test-subject', { onObjection: async (_m, e) => void heard.push(e.objection.text) });
  await call(t.app, 'POST', '/api/auth/register', { body: { email: 'objector@example.cn', password: 'correct horse 1', displayName: '异议人' } });
  token = (await call(t.app, 'POST', '/api/auth/login', { body: { email: 'objector@example.cn', password: 'correct horse 1' } })).json.accessToken;
  [{ id: answerer }] = await ds.query(`SELECT id FROM users WHERE email = 'objector@example.cn'`);
}, 60_000);
afterAll(() => t?.close());

const subject = () => crypto.randomUUID();
const publish = (startsAt: Date, endsAt: Date, subjectId = subject(), kind: 'empowerment' | 'deal' = 'empowerment') =>
  ds.transaction((m) =>
    svc.publish({ kind, subjectType: 'test-subject', subjectId, titleZh: '赋权公示', titleEn: 'Empowerment notice', summary: { pct: 70 }, startsAt, endsAt }, m),
  );
const HOUR = 3_600_000;

describe('disclosures (公示)', () => {
  it('publishes inside the caller transaction: a rolled-back caller leaves no notice', async () => {
    const id = subject();
    await expect(
      ds.transaction(async (m) => {
        await svc.publish({ kind: 'deal', subjectType: 'test-subject', subjectId: id, titleZh: '交易', titleEn: 'Deal', summary: {}, startsAt: new Date(), endsAt: new Date(Date.now() + HOUR) }, m);
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    expect(await svc.findBySubject('test-subject', id)).toBeNull();
  });

  it('lists publicly with status and kind filters, and shows the detail without auth', async () => {
    const open = await publish(new Date(Date.now() - HOUR), new Date(Date.now() + HOUR));
    const ended = await publish(new Date(Date.now() - 2 * HOUR), new Date(Date.now() - HOUR), subject(), 'deal');
    const all = await call(t.app, 'GET', '/api/disclosures?pageSize=50');
    expect(all.status).toBe(200);
    expect(all.json.items.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([open.id, ended.id]));
    const openOnly = await call(t.app, 'GET', '/api/disclosures?status=open');
    expect(openOnly.json.items.every((d: { status: string }) => d.status === 'open')).toBe(true);
    expect((await call(t.app, 'GET', '/api/disclosures?kind=deal')).json.items.map((d: { id: string }) => d.id)).toContain(ended.id);
    expect((await call(t.app, 'GET', '/api/disclosures?status=nope')).status).toBe(400);
    const detail = await call(t.app, 'GET', `/api/disclosures/${open.id}`);
    expect(detail.json).toMatchObject({ titleZh: '赋权公示', status: 'open', summary: { pct: 70 }, objections: { total: 0 }, objectionList: [] });
    expect((await call(t.app, 'GET', `/api/disclosures/${subject()}`)).status).toBe(404);
  });

  it('names the institution of a notice (null without one) in publish, get, the list and by subject', async () => {
    const [{ id: inst }] = await ds.query(
      `INSERT INTO organizations (name, kind, credit_code, region_code) VALUES ('公示研究院', 'institution', '91340100MA2N000017', '340100') RETURNING id`,
    );
    const subjectId = subject();
    const named = await ds.transaction((m) =>
      svc.publish({ kind: 'empowerment', subjectType: 'test-subject', subjectId, institutionId: inst, titleZh: '赋权', titleEn: 'Empowerment', summary: {}, startsAt: new Date(), endsAt: new Date(Date.now() + HOUR) }, m),
    );
    expect(named).toMatchObject({ institutionId: inst, institutionName: '公示研究院' });
    expect((await svc.findBySubject('test-subject', subjectId))?.institutionName).toBe('公示研究院');
    expect((await call(t.app, 'GET', `/api/disclosures/${named.id}`)).json.institutionName).toBe('公示研究院');
    const list = await call(t.app, 'GET', '/api/disclosures?pageSize=100');
    const byId = new Map(list.json.items.map((d: { id: string; institutionName: string | null }) => [d.id, d.institutionName]));
    expect(byId.get(named.id)).toBe('公示研究院');
    const bare = await publish(new Date(), new Date(Date.now() + HOUR));
    expect(bare.institutionName).toBeNull();
  });

  it('refuses a second live notice for the same subject with 409', async () => {
    const id = subject();
    await publish(new Date(), new Date(Date.now() + HOUR), id);
    await expect(publish(new Date(), new Date(Date.now() + HOUR), id)).rejects.toMatchObject({ status: 409 });
  });

  it('takes objections only while open, counts them, and answers each once', async () => {
    const open = await publish(new Date(Date.now() - HOUR), new Date(Date.now() + HOUR));
    const ended = await publish(new Date(Date.now() - 2 * HOUR), new Date(Date.now() - HOUR));
    expect((await call(t.app, 'POST', `/api/disclosures/${open.id}/objections`, { body: { text: '贡献比例有误' } })).status).toBe(401);
    const o = await call(t.app, 'POST', `/api/disclosures/${open.id}/objections`, { token, body: { text: '贡献比例有误' } });
    expect(o.status).toBe(201);
    expect(heard).toContain('贡献比例有误');
    expect((await call(t.app, 'POST', `/api/disclosures/${ended.id}/objections`, { token, body: { text: '太晚了的异议' } })).status).toBe(409);
    expect((await call(t.app, 'POST', `/api/disclosures/${open.id}/objections`, { token, body: { text: '' } })).status).toBe(400);

    await ds.transaction((m) => svc.answerObjection(m, open.id, o.json.id, { status: 'dismissed', text: '经核查比例无误', userId: answerer }));
    await expect(
      ds.transaction((m) => svc.answerObjection(m, open.id, o.json.id, { status: 'upheld', text: 'again', userId: answerer })),
    ).rejects.toMatchObject({ status: 409 });
    const detail = await call(t.app, 'GET', `/api/disclosures/${open.id}`);
    expect(detail.json.objections).toEqual({ total: 1, open: 0, upheld: 0, dismissed: 1 });
    expect(detail.json.objectionList[0]).toMatchObject({ status: 'dismissed', answer: '经核查比例无误' });
    expect(detail.json.objectionList[0].userId).toBeUndefined();
  });

  it('records a past objection as it stood (dated, maybe answered) without telling the subject owner', async () => {
    const d = await publish(new Date(Date.now() - 10 * HOUR), new Date(Date.now() - HOUR));
    const before = heard.length;
    const now = Date.now();
    const at = (h: number) => new Date(now - h * HOUR);
    await ds.transaction(async (m) => {
      await svc.recordPastObjection(m, d.id, { userId: answerer, text: '旧异议', createdAt: at(9) });
      await svc.recordPastObjection(m, d.id, { userId: answerer, text: '已答复的异议', createdAt: at(8), answer: { status: 'upheld', text: '成立', userId: answerer, at: at(7) } });
    });
    expect(heard.length).toBe(before);
    expect((await svc.get(d.id)).objections).toEqual({ total: 2, open: 1, upheld: 1, dismissed: 0 });
    const list = await svc.objectionsOf(d.id);
    expect(list.map((o) => [o.text, o.status, o.answer, o.userId])).toEqual([
      ['旧异议', 'open', null, answerer],
      ['已答复的异议', 'upheld', '成立', answerer],
    ]);
    const [row] = await ds.query('SELECT created_at, answered_at, answered_by FROM disclosure_objections WHERE disclosure_id = $1 AND status = $2', [d.id, 'upheld']);
    expect(row).toEqual({ created_at: at(8), answered_at: at(7), answered_by: answerer });
  });
});
