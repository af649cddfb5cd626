import { CatalogModule, CatalogSeeder, SearchCache } from '@ttx/api/catalog';
import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { BrokerageModule } from './brokerage.module';
import { DemandsService } from './demands/demands.service';

const SEEDS = resolve(__dirname, '../../../../../seeds/demo');
let t: TestApp;
let ds: DataSource;
const tokens: Record<string, string> = {};
const keys: Record<string, string> = {};

const login = async (email: string, password = 'ttx-demo-2026') => {
  const res = await call(t.app, 'POST', '/api/auth/login', { body: { email, password } });
  expect(res.status).toBe(200);
  return res.json.accessToken as string;
};
const nextYear = `${new Date().getUTCFullYear() + 1}-06-30`;

/** The seeded demo achievement with this title (the catalog seed is the haystack: 201 published achievements). */
const achievementId = async (titleEn: string) => (await ds.query('SELECT id FROM achievements WHERE title_en = $1', [titleEn]))[0].id as string;

const postDemand = async (over: Record<string, unknown>, who = 'sme') => {
  const res = await call(t.app, 'POST', '/api/demands', {
    token: tokens[who],
    body: { title: { zh: '测试需求' }, summary: { zh: '测试摘要' }, dealTypes: ['licence'], deadline: nextYear, ...over },
  });
  expect(res.status).toBe(201);
  return res.json;
};

type Note = { email: string; kind: string; title: { zh: string; en: string }; body: { zh: string; en: string } };
/** The outbox notifications of `kind` whose link is `link`, with their recipients' e-mails. */
const notes = (kind: string, link: string): Promise<Note[]> =>
  ds.query(
    `SELECT u.email, o.payload->>'kind' AS kind, o.payload->'title' AS title, o.payload->'body' AS body FROM outbox o
       JOIN users u ON u.id = (o.payload->>'userId')::uuid WHERE o.payload->>'kind' = $1 AND o.payload->>'link' = $2 ORDER BY o.created_at`,
    [kind, link],
  );

type Match = { achievementId: string; score: number; reasons: string[]; reasonDetails: { code: string; zh: string; en: string }[]; achievement: Record<string, never> };

/** Every reason must be TRUE for the pair: checked against the achievement's own public record. */
interface DemandView { fieldCode: string; dealTypes: string[]; budget: { minFen: number; maxFen: number }; desiredStage: string }
async function expectReasonsTrue(demand: DemandView, m: Match) {
  const a = (await call(t.app, 'GET', `/api/achievements/${m.achievementId}`)).json;
  const text = [a.title, a.abstract, a.problem, a.advantages, a.applications].flatMap((x: { zh: string | null; en: string | null }) => [x.zh ?? '', x.en ?? '']).join(' ').toLowerCase();
  expect(m.reasons).toEqual(m.reasonDetails.map((r) => `${r.zh} / ${r.en}`));
  expect(m.reasons.length).toBeGreaterThan(0);
  for (const r of m.reasonDetails) {
    if (r.code === 'same-field') expect(a.fieldCode.startsWith(demand.fieldCode)).toBe(true);
    if (r.code === 'same-parent-field') expect(a.fieldCode.slice(0, 2)).toBe(demand.fieldCode.slice(0, 2));
    if (r.code === 'deal-type') expect(a.dealTypes.some((d: string) => demand.dealTypes.includes(d))).toBe(true);
    if (r.code === 'budget-covers') expect(demand.budget.maxFen).toBeGreaterThanOrEqual(a.askingPrice.maxFen);
    if (r.code === 'budget-overlaps') expect(demand.budget.maxFen).toBeGreaterThanOrEqual(a.askingPrice.minFen);
    if (r.code === 'maturity') expect(['lab', 'proof_of_concept', 'pilot', 'industrialisation'].indexOf(a.stage)).toBeGreaterThanOrEqual(['lab', 'proof_of_concept', 'pilot', 'industrialisation'].indexOf(demand.desiredStage) - 1);
    if (r.code === 'text') {
      const terms = r.en.replace('shared terms: ', '').split(', ');
      // Han phrases are rebuilt from shared bigrams: each bigram is in the text; English words match by stem.
      for (const term of terms) {
        const chars = Array.from(term);
        if (/\p{Script=Han}/u.test(term)) for (let i = 0; i + 1 < chars.length; i++) expect(text).toContain(chars[i] + chars[i + 1]);
        else expect(text).toContain(term.slice(0, Math.max(3, term.length - 3)));
      }
    }
  }
}

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule, BrokerageModule]);
  ds = t.app.get(DataSource);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
  await t.app.get(CatalogSeeder).seed(SEEDS);
  for (const who of ['admin', 'tto', 'researcher', 'sme', 'enterprise', 'broker']) tokens[who] = await login(`${who}@demo.ttx`);
  // A TTO manager of the institute that owns the silicon–carbon anode achievement.
  await call(t.app, 'POST', '/api/auth/register', { body: { email: 'tto.cas@example.cn', password: 'correct horse 1', displayName: '中科院技术转移' } });
  const [u] = await ds.query(`SELECT id FROM users WHERE email = 'tto.cas@example.cn'`);
  const [org] = await ds.query(`SELECT id FROM organizations WHERE name LIKE '中国科学院合肥%'`);
  await ds.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, 'tto_manager')`, [u.id, org.id]);
  tokens['ttoCas'] = await login('tto.cas@example.cn', 'correct horse 1');
  keys['anode'] = await achievementId('Silicon–carbon anode material, preparation method thereof and lithium-ion battery');
  keys['docking'] = await achievementId('Underwater docking device for autonomous underwater vehicles');
}, 180_000);
afterAll(() => t?.close());

describe('demands and matching (DOMAIN.md §6)', () => {
  it('ranks the obvious achievement first for a Chinese demand, with true bilingual reasons', async () => {
    const demand = await postDemand({
      title: { zh: '寻求锂离子电池硅碳负极材料技术' },
      summary: { zh: '我公司生产动力电池，需要高容量硅碳负极材料的制备技术，希望以许可方式合作。' },
      fieldCode: '05.01',
      desiredStage: 'proof_of_concept',
      dealTypes: ['licence'],
      budget: { minFen: 100_000_000, maxFen: 300_000_000 },
    });
    const res = await call(t.app, 'GET', `/api/demands/${demand.id}/matches`, { token: tokens['sme'] });
    expect(res.status).toBe(200);
    const top: Match = res.json.items[0];
    expect(top.achievementId).toBe(keys['anode']);
    expect(top.reasonDetails.map((r) => r.code)).toEqual(['text', 'same-field', 'maturity', 'deal-type', 'budget-covers']);
    expect(top.reasons).toContain('同一领域：储能与电池 / same field: Energy storage and batteries'.replace('储能与电池', top.reasonDetails[1].zh.replace('同一领域：', '')).replace('Energy storage and batteries', top.reasonDetails[1].en.replace('same field: ', '')));
    expect(top.score).toBeGreaterThan(res.json.items[1].score);
    for (const m of res.json.items.slice(0, 10)) await expectReasonsTrue(demand, m);
    for (const m of res.json.items) expect(m.achievement.status).toBe('published');
  });

  it('ranks the obvious achievement first for an English demand', async () => {
    const demand = await postDemand({
      title: { en: 'Docking station for autonomous underwater vehicles' },
      summary: { en: 'We operate offshore monitoring and need an underwater docking device so that our AUVs can recharge and transfer data without surfacing.' },
      fieldCode: '08',
      desiredStage: 'pilot',
      dealTypes: ['transfer'],
      budget: { minFen: 50_000_000, maxFen: 250_000_000 },
    }, 'enterprise');
    const res = await call(t.app, 'GET', `/api/demands/${demand.id}/matches?limit=5`, { token: tokens['enterprise'] });
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(5);
    const top: Match = res.json.items[0];
    expect(top.achievementId).toBe(keys['docking']);
    expect(top.reasonDetails.find((r) => r.code === 'text')?.en).toMatch(/underwater/);
    expect(top.reasonDetails.map((r) => r.code)).toEqual(expect.arrayContaining(['same-field', 'maturity', 'deal-type', 'budget-covers']));
    for (const m of res.json.items) await expectReasonsTrue(demand, m);
  });

  it('serves a demand\'s matches from the catalog cache until a catalog write bumps the generation; access is checked every time', async () => {
    const demand = await postDemand({ title: { en: 'Underwater docking for AUVs' }, summary: { en: 'Our AUVs need an underwater docking device.' }, dealTypes: ['transfer'] }, 'enterprise');
    const ids = async () => {
      const res = await call(t.app, 'GET', `/api/demands/${demand.id}/matches?limit=5`, { token: tokens['enterprise'] });
      expect(res.status).toBe(200);
      return (res.json.items as Match[]).map((m) => m.achievementId);
    };
    expect((await ids())[0]).toBe(keys['docking']);
    try {
      // Withdrawn behind the services' back: the cached list stays, which proves it comes from the cache …
      await ds.query(`UPDATE achievements SET status = 'withdrawn' WHERE id = $1`, [keys['docking']]);
      expect((await ids())[0]).toBe(keys['docking']);
      expect((await call(t.app, 'GET', `/api/demands/${demand.id}/matches?limit=5`, { token: tokens['researcher'] })).status).toBe(403);
      // … and the generation bump every catalog write makes after its commit recomputes it.
      await t.app.get(SearchCache).invalidate();
      expect(await ids()).not.toContain(keys['docking']);
    } finally {
      await ds.query(`UPDATE achievements SET status = 'published' WHERE id = $1`, [keys['docking']]);
      await t.app.get(SearchCache).invalidate();
    }
    expect((await ids())[0]).toBe(keys['docking']);
  });

  it('matches in reverse: the demand appears for the achievement', async () => {
    const res = await call(t.app, 'GET', `/api/achievements/${keys['anode']}/demands`, { token: tokens['ttoCas'] });
    expect(res.status).toBe(200);
    expect(res.json.items[0].demand.title.zh).toBe('寻求锂离子电池硅碳负极材料技术');
    expect(res.json.items[0].reasons.length).toBeGreaterThan(0);
  });

  it('validates demands: 401/403 by role, 400 by field, 422 by rule', async () => {
    const body = { title: { zh: '需求' }, summary: { zh: '摘要' }, dealTypes: ['licence'], deadline: nextYear };
    expect((await call(t.app, 'POST', '/api/demands', { body })).status).toBe(401);
    expect((await call(t.app, 'POST', '/api/demands', { token: tokens['researcher'], body })).status).toBe(403);
    expect((await call(t.app, 'POST', '/api/demands', { token: tokens['sme'], body: { ...body, dealTypes: ['gift'] } })).status).toBe(400);
    const past = await call(t.app, 'POST', '/api/demands', { token: tokens['sme'], body: { ...body, deadline: '2020-01-01' } });
    expect(past.status).toBe(422);
    expect(past.json.errors[0].field).toBe('deadline');
    expect((await call(t.app, 'POST', '/api/demands', { token: tokens['sme'], body: { ...body, budget: { minFen: 10, maxFen: 5 } } })).status).toBe(422);
    expect((await call(t.app, 'POST', '/api/demands', { token: tokens['sme'], body: { ...body, fieldCode: '99.99' } })).status).toBe(422);
  });

  it('shows a confidential demand publicly as a summary only; the owner sees everything; matches are not for the public', async () => {
    const d = await postDemand({ confidential: true, detail: { zh: '机密：年产能两万吨' }, budget: { minFen: 1, maxFen: 100 } });
    const pub = await call(t.app, 'GET', `/api/demands/${d.id}`);
    expect(pub.json).toMatchObject({ access: 'public', detail: null, budget: null, organizationId: null });
    expect(pub.body).not.toContain('两万吨');
    const own = (await call(t.app, 'GET', `/api/demands/${d.id}`, { token: tokens['sme'] })).json;
    expect(own).toMatchObject({ detail: { zh: '机密：年产能两万吨' }, organizationName: '合肥智能装备有限公司（演示）' });
    expect(pub.json.organizationName).toBeNull();
    expect((await call(t.app, 'GET', `/api/demands/${d.id}/matches`, { token: tokens['researcher'] })).status).toBe(403);
    expect((await call(t.app, 'GET', `/api/demands/${d.id}/matches`, { token: tokens['broker'] })).status).toBe(200);
    const list = await call(t.app, 'GET', '/api/demands?pageSize=100');
    expect(list.json.items.find((x: { id: string }) => x.id === d.id).detail).toBeNull();
    const mine = await call(t.app, 'GET', '/api/demands?mine=true&pageSize=100', { token: tokens['sme'] });
    expect(mine.json.items.every((x: { access: string }) => x.access === 'owner')).toBe(true);
    expect(new Set(mine.json.items.map((x: { organizationName: string }) => x.organizationName))).toEqual(new Set(['合肥智能装备有限公司（演示）']));
    expect((await call(t.app, 'GET', '/api/demands?mine=true')).status).toBe(401);
  });

  it('satisfies once (409 the second time); the sweep expires past deadlines and announces new matches once', async () => {
    const d = await postDemand({});
    expect((await call(t.app, 'POST', `/api/demands/${d.id}/satisfy`, { token: tokens['enterprise'] })).status).toBe(403);
    expect((await call(t.app, 'POST', `/api/demands/${d.id}/satisfy`, { token: tokens['sme'] })).json.status).toBe('satisfied');
    expect((await call(t.app, 'POST', `/api/demands/${d.id}/satisfy`, { token: tokens['sme'] })).status).toBe(409);

    const old = await postDemand({ title: { zh: '过期需求：硅碳负极' } });
    await ds.query(`UPDATE demands SET deadline = current_date - 1 WHERE id = $1`, [old.id]);
    const fresh = await postDemand({ title: { zh: '寻求水下对接装置' }, summary: { zh: '自主水下机器人需要水下对接装置' }, fieldCode: '08.03', dealTypes: ['transfer'], desiredStage: 'pilot', budget: { minFen: 0, maxFen: 300_000_000 } });
    // Pretend the enterprise has not been told about its matches yet: the sweep tells it once.
    await ds.query('DELETE FROM demand_match_notices WHERE demand_id = $1', [fresh.id]);
    const svc = t.app.get(DemandsService);
    const first = await svc.sweep();
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect((await call(t.app, 'GET', `/api/demands/${old.id}`, { token: tokens['sme'] })).json.status).toBe('expired');
    const notes = await ds.query(`SELECT payload FROM outbox WHERE topic = 'notification' AND payload->>'kind' = 'demand-new-matches' AND payload->>'link' LIKE $1`, [`%${fresh.id}`]);
    expect(notes).toHaveLength(1);
    await svc.sweep();
    expect(await ds.query(`SELECT 1 FROM outbox WHERE payload->>'kind' = 'demand-new-matches' AND payload->>'link' LIKE $1`, [`%${fresh.id}`])).toHaveLength(1);
    expect((await call(t.app, 'GET', '/api/demands?pageSize=100')).json.items.some((x: { id: string }) => x.id === old.id)).toBe(false);
  });
});

describe('brokers and credit (DOMAIN.md §5½)', () => {
  let brokerId: string;

  it('lets a broker save a profile; the directory shows the rating', async () => {
    const res = await call(t.app, 'PUT', '/api/brokers/me', { token: tokens['broker'], body: { certificationNumber: 'JSJJR-2024-0001', fieldCodes: ['05', '08'], bio: { zh: '新能源领域技术经理人' } } });
    expect(res.status).toBe(200);
    brokerId = res.json.id;
    expect(res.json.rating).toMatchObject({ score: 60, grade: 'C', breaches: [] });
    expect((await call(t.app, 'PUT', '/api/brokers/me', { token: tokens['sme'], body: { certificationNumber: 'JSJJR-2024-0002', fieldCodes: [] } })).status).toBe(403);
    // null is not a bio: refused naming the field, as every optional field where null means nothing.
    const nullBio = await call(t.app, 'PUT', '/api/brokers/me', { token: tokens['broker'], body: { certificationNumber: 'JSJJR-2024-0001', fieldCodes: ['05'], bio: null } });
    expect(nullBio.status).toBe(400);
    expect(nullBio.json.errors).toEqual([{ field: 'bio', message: 'must not be null' }]);
    const unknown = await call(t.app, 'PUT', '/api/brokers/me', { token: tokens['broker'], body: { certificationNumber: 'JSJJR-2024-0001', fieldCodes: ['05', '99.98', '99.99'] } });
    expect(unknown.status).toBe(422);
    expect(unknown.json.detail).toBe('Unknown technology field(s): 99.98, 99.99');
    const dir = await call(t.app, 'GET', '/api/brokers');
    expect(dir.json.items.map((b: { id: string }) => b.id)).toContain(brokerId);
    expect((await call(t.app, 'GET', `/api/brokers/${brokerId}`)).json.rating.formula.en).toMatch(/score = 60/);
  });

  it('lets only admins record and reverse events, with reasons, audited; the rating follows', async () => {
    const body = { kind: 'breach_of_trust', occurredAt: new Date(Date.now() - 86_400_000).toISOString(), reason: '泄露委托方商业秘密（经查实）' };
    expect((await call(t.app, 'POST', `/api/brokers/${brokerId}/credit-events`, { token: tokens['broker'], body })).status).toBe(403);
    const ev = await call(t.app, 'POST', `/api/brokers/${brokerId}/credit-events`, { token: tokens['admin'], body });
    expect(ev.status).toBe(201);
    expect(ev.json).toMatchObject({ effect: 'live', penalty: 30 });
    const b = (await call(t.app, 'GET', `/api/brokers/${brokerId}`)).json;
    expect(b.rating).toMatchObject({ score: 30, grade: 'D' });
    expect(b.rating.breaches[0].reason).toBe(body.reason);
    expect((await call(t.app, 'GET', '/api/brokers/breaches')).json.map((x: { id: string }) => x.id)).toContain(brokerId);
    expect((await call(t.app, 'POST', `/api/brokers/${brokerId}/credit-events`, { token: tokens['admin'], body: { ...body, occurredAt: '2999-01-01T00:00:00Z' } })).status).toBe(422);

    const rev = await call(t.app, 'POST', `/api/credit-events/${ev.json.id}/reverse`, { token: tokens['admin'], body: { reason: '复核后认定证据不足' } });
    expect(rev.status).toBe(201);
    expect(rev.json).toMatchObject({ effect: 'reversed', penalty: 0 });
    expect((await call(t.app, 'POST', `/api/credit-events/${ev.json.id}/reverse`, { token: tokens['admin'], body: { reason: '再次撤销' } })).status).toBe(409);
    expect((await call(t.app, 'GET', `/api/brokers/${brokerId}`)).json.rating).toMatchObject({ score: 60, breaches: [] });
    const audit = await ds.query(`SELECT action, data FROM audit_log WHERE entity_id = $1 AND action LIKE 'credit-event.%' ORDER BY seq`, [brokerId]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['credit-event.recorded', 'credit-event.reversed']);
    expect(audit[1].data.reason).toBe('复核后认定证据不足');
    expect((await call(t.app, 'GET', `/api/brokers/${brokerId}/credit-events`, { token: tokens['broker'] })).json.items).toHaveLength(1);
    expect((await call(t.app, 'GET', `/api/brokers/${brokerId}/credit-events`, { token: tokens['sme'] })).status).toBe(403);
    // The broker (only) hears of both changes of its score, in zh and en.
    const told = (await notes('credit-event', '/brokerage/workspace')).concat(await notes('credit-event-reversed', '/brokerage/workspace'));
    expect(told.map((n) => [n.email, n.kind])).toEqual([['broker@demo.ttx', 'credit-event'], ['broker@demo.ttx', 'credit-event-reversed']]);
    expect(told[0].title).toEqual({ zh: '您的信用记录有新事件：失信', en: 'A credit event was recorded for you: Breach of trust' });
    expect(told[0].body.zh).toContain(body.reason);
    expect(told[1].title).toEqual({ zh: '您的信用事件已撤销：失信', en: 'A credit event of yours was reversed: Breach of trust' });
    expect(told[1].body).toEqual({ zh: '撤销理由：复核后认定证据不足（信用分已恢复相应扣分。）', en: 'Reason: 复核后认定证据不足 (its penalty no longer counts).' });
  });

  it('repairs an old dispute once the broker has been clean for a year', async () => {
    const body = { kind: 'dispute', occurredAt: new Date(Date.now() - 400 * 86_400_000).toISOString(), reason: '与委托方的佣金纠纷' };
    const ev = await call(t.app, 'POST', `/api/brokers/${brokerId}/credit-events`, { token: tokens['admin'], body });
    expect(ev.json).toMatchObject({ effect: 'repaired', penalty: 0 });
    expect((await call(t.app, 'GET', `/api/brokers/${brokerId}`)).json.rating).toMatchObject({ score: 60, repairedEvents: 1 });
  });

  it("finds brokers by part of their name or their agency's name (q, literal, any case), paging over the matches only", async () => {
    tokens['broker2'] = await login('broker2@demo.ttx');
    const second = (await call(t.app, 'PUT', '/api/brokers/me', { token: tokens['broker2'], body: { certificationNumber: 'JSJJR-2024-0009', fieldCodes: ['08'] } })).json;
    expect(second).toMatchObject({ displayName: '周婷 Zhou Ting (Broker)', organizationName: '中关村技术经纪服务中心（演示）' });
    const find = async (query: string) => (await call(t.app, 'GET', `/api/brokers?${query}`)).json as { items: { id: string; displayName: string; organizationName: string }[]; total: number };
    const agency = await find(`q=${encodeURIComponent('技术经纪')}`);
    expect(agency.total).toBe(2);
    expect(agency.items.map((b) => b.id).sort()).toEqual([brokerId, second.id].sort());
    expect(agency.items.find((b) => b.id === brokerId)).toMatchObject({ displayName: '刘洋 Liu Yang (Broker)', organizationName: '中关村技术经纪服务中心（演示）' });
    const paged = await find(`q=${encodeURIComponent('技术经纪')}&pageSize=1&page=2`);
    expect(paged).toMatchObject({ total: 2, page: 2 });
    expect(paged.items.map((b) => b.id)).toEqual([agency.items[1].id]);
    expect(await find('q=liu%20yang')).toMatchObject({ total: 1, items: [{ id: brokerId }] });
    expect(await find('q=ZHOU')).toMatchObject({ total: 1, items: [{ id: second.id }] });
    expect(await find(`q=${encodeURIComponent('技术经纪')}&field=05`)).toMatchObject({ total: 1, items: [{ id: brokerId }] });
    expect(await find(`q=${encodeURIComponent('%')}`)).toMatchObject({ total: 0, items: [] });
    expect((await find('')).total).toBe(2);
  });
});

describe('deal rooms', () => {
  let roomId: string;
  let demandId: string;

  it('lets a broker open a room for a demand–achievement pair (once), moving the demand to in_talks', async () => {
    demandId = (await postDemand({ title: { zh: '硅碳负极材料洽谈' }, fieldCode: '05.01' })).id;
    expect((await call(t.app, 'POST', '/api/deal-rooms', { token: tokens['sme'], body: { demandId, achievementId: keys['anode'] } })).status).toBe(403);
    expect((await call(t.app, 'POST', '/api/deal-rooms', { token: tokens['tto'], body: { demandId, achievementId: keys['anode'] } })).status).toBe(403);
    const [a, b] = await Promise.all([
      call(t.app, 'POST', '/api/deal-rooms', { token: tokens['broker'], body: { demandId, achievementId: keys['anode'] } }),
      call(t.app, 'POST', '/api/deal-rooms', { token: tokens['broker'], body: { demandId, achievementId: keys['anode'] } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    roomId = (a.status === 201 ? a : b).json.id;
    expect((await call(t.app, 'GET', `/api/demands/${demandId}`)).json.status).toBe('in_talks');
  });

  it('invites the parties; NDA first; non-members get 404 for messages and documents', async () => {
    expect((await call(t.app, 'POST', `/api/deal-rooms/${roomId}/members`, { token: tokens['broker'], body: { email: 'researcher@demo.ttx' } })).status).toBe(422);
    expect((await call(t.app, 'POST', `/api/deal-rooms/${roomId}/members`, { token: tokens['broker'], body: { email: 'sme@demo.ttx' } })).status).toBe(201);
    const room = await call(t.app, 'POST', `/api/deal-rooms/${roomId}/members`, { token: tokens['broker'], body: { email: 'tto.cas@example.cn' } });
    expect(room.json.members.map((m: { role: string }) => m.role)).toEqual(['broker', 'enterprise', 'institution']);
    expect(room.json.members.map((m: { displayName: string; organizationName: string | null }) => [m.displayName, m.organizationName])).toEqual([
      ['刘洋 Liu Yang (Broker)', '中关村技术经纪服务中心（演示）'],
      ['张强 Zhang Qiang (SME)', '合肥智能装备有限公司（演示）'],
      ['中科院技术转移', '中国科学院合肥物质技术研究院（演示）'],
    ]);

    for (const who of ['researcher', 'enterprise', 'admin']) {
      expect((await call(t.app, 'GET', `/api/deal-rooms/${roomId}/messages`, { token: tokens[who] })).status).toBe(404);
      expect((await call(t.app, 'GET', `/api/deal-rooms/${roomId}/documents`, { token: tokens[who] })).status).toBe(404);
      expect((await call(t.app, 'POST', `/api/deal-rooms/${roomId}/messages`, { token: tokens[who], body: { body: 'hi' } })).status).toBe(404);
      expect((await call(t.app, 'GET', `/api/deal-rooms/${roomId}`, { token: tokens[who] })).status).toBe(404);
    }
    expect((await call(t.app, 'GET', `/api/deal-rooms/${roomId}/messages`)).status).toBe(401);
    expect((await call(t.app, 'GET', `/api/deal-rooms/${roomId}/messages`, { token: tokens['sme'] })).status).toBe(403);

    // The last two signatures race: the room must still move to negotiating exactly once.
    await call(t.app, 'POST', `/api/deal-rooms/${roomId}/nda`, { token: tokens['broker'] });
    await Promise.all(['sme', 'ttoCas'].map((who) => call(t.app, 'POST', `/api/deal-rooms/${roomId}/nda`, { token: tokens[who] })));
    expect((await call(t.app, 'GET', `/api/deal-rooms/${roomId}`, { token: tokens['sme'] })).json.stage).toBe('negotiating');
  });

  it('exchanges messages with a since cursor, and keeps documents to members', async () => {
    const m1 = await call(t.app, 'POST', `/api/deal-rooms/${roomId}/messages`, { token: tokens['broker'], body: { body: '各位好，双方需求已对齐。' } });
    expect(m1.status).toBe(201);
    expect(m1.json.authorName).toBe('刘洋 Liu Yang (Broker)');
    await call(t.app, 'POST', `/api/deal-rooms/${roomId}/messages`, { token: tokens['sme'], body: { body: 'We would like a licence.' } });
    const all = await call(t.app, 'GET', `/api/deal-rooms/${roomId}/messages`, { token: tokens['ttoCas'] });
    expect(all.json.items.map((m: { body: string; authorName: string }) => [m.body, m.authorName])).toEqual([
      ['各位好，双方需求已对齐。', '刘洋 Liu Yang (Broker)'],
      ['We would like a licence.', '张强 Zhang Qiang (SME)'],
    ]);
    const after = await call(t.app, 'GET', `/api/deal-rooms/${roomId}/messages?since=${m1.json.seq}`, { token: tokens['broker'] });
    expect(after.json.items).toHaveLength(1);
    expect(after.json.cursor).toBe(all.json.cursor);

    const doc = await call(t.app, 'POST', `/api/deal-rooms/${roomId}/documents`, { token: tokens['ttoCas'], body: { name: '技术说明.txt', contentType: 'text/plain', contentBase64: Buffer.from('硅碳负极参数').toString('base64') } });
    expect(doc.status).toBe(201);
    expect(doc.json.uploadedByName).toBe('中科院技术转移');
    const got = await call(t.app, 'GET', `/api/deal-rooms/${roomId}/documents/${doc.json.id}`, { token: tokens['sme'] });
    expect(Buffer.from(got.json.contentBase64, 'base64').toString()).toBe('硅碳负极参数');
    expect(got.json.uploadedByName).toBe('中科院技术转移');
    expect((await call(t.app, 'GET', `/api/deal-rooms/${roomId}/documents`, { token: tokens['broker'] })).json.items).toMatchObject([{ id: doc.json.id, uploadedByName: '中科院技术转移' }]);
    expect((await call(t.app, 'GET', `/api/deal-rooms/${roomId}/documents/${doc.json.id}`, { token: tokens['enterprise'] })).status).toBe(404);
    expect((await call(t.app, 'POST', `/api/deal-rooms/${roomId}/documents`, { token: tokens['sme'], body: { name: 'a/b', contentType: 'text/plain', contentBase64: 'AA==' } })).status).toBe(400);
  });

  it('records an offer from the room as a domain event for the market', async () => {
    expect((await call(t.app, 'POST', `/api/deal-rooms/${roomId}/offers`, { token: tokens['broker'], body: { dealType: 'licence', amountFen: 150_000_000 } })).status).toBe(403);
    const o = await call(t.app, 'POST', `/api/deal-rooms/${roomId}/offers`, { token: tokens['sme'], body: { dealType: 'licence', amountFen: 150_000_000, terms: '独占许可五年' } });
    expect(o.status).toBe(201);
    expect(o.json).toMatchObject({ madeByName: '张强 Zhang Qiang (SME)', amountFen: 150_000_000 });
    expect((await call(t.app, 'GET', `/api/deal-rooms/${roomId}`, { token: tokens['broker'] })).json.offers).toMatchObject([{ id: o.json.id, madeByName: '张强 Zhang Qiang (SME)' }]);
    const [e] = await ds.query(`SELECT payload FROM brokerage_events WHERE type = 'deal-room.offer-made' AND subject_id = $1`, [roomId]);
    expect(e.payload).toMatchObject({ offerId: o.json.id, achievementId: keys['anode'], amountFen: 150_000_000, dealType: 'licence' });
    // The room's broker hears of it; the enterprise that made it and the institution do not (they see it in the room).
    const told = await notes('deal-room-offer', `/brokerage/rooms/${roomId}`);
    expect(told.map((n) => n.email)).toEqual(['broker@demo.ttx']);
    expect(told[0].title).toEqual({ zh: '洽谈室有新报价：硅碳负极材料洽谈', en: 'New offer in a deal room: 硅碳负极材料洽谈' });
    expect(told[0].body).toEqual({ zh: '许可，报价 1,500,000.00 元。', en: 'Licence for CNY 1,500,000.00.' });
  });

  it('records the commission agreed in the room (one agreement of two racing ones) and credits the broker on a deal', async () => {
    expect((await call(t.app, 'PUT', `/api/deal-rooms/${roomId}/commission`, { token: tokens['broker'], body: { rateBp: 300, amountFen: 5 } })).status).toBe(422);
    expect((await call(t.app, 'PUT', `/api/deal-rooms/${roomId}/commission`, { token: tokens['sme'], body: { rateBp: 300 } })).status).toBe(403);
    expect((await call(t.app, 'PUT', `/api/deal-rooms/${roomId}/commission`, { token: tokens['broker'], body: { amountFen: 4_500_000 } })).status).toBe(200);
    expect((await call(t.app, 'POST', `/api/deal-rooms/${roomId}/commission/agree`, { token: tokens['broker'] })).status).toBe(403);
    const [x, y] = await Promise.all(['sme', 'ttoCas'].map((who) => call(t.app, 'POST', `/api/deal-rooms/${roomId}/commission/agree`, { token: tokens[who] })));
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const [e] = await ds.query(`SELECT payload FROM brokerage_events WHERE type = 'deal-room.commission-agreed' AND subject_id = $1`, [roomId]);
    expect(e.payload).toMatchObject({ amountFen: 4_500_000, rateBp: null });

    const closed = await call(t.app, 'POST', `/api/deal-rooms/${roomId}/close`, { token: tokens['broker'], body: { outcome: 'won' } });
    expect(closed.json).toMatchObject({ stage: 'closed_won', commission: { amountFen: 4_500_000 } });
    expect((await call(t.app, 'POST', `/api/deal-rooms/${roomId}/close`, { token: tokens['broker'], body: { outcome: 'won' } })).status).toBe(409);
    expect((await call(t.app, 'POST', `/api/deal-rooms/${roomId}/messages`, { token: tokens['sme'], body: { body: 'late' } })).status).toBe(409);
    const broker = (await call(t.app, 'GET', '/api/brokers/me', { token: tokens['broker'] })).json;
    expect(broker.trackRecord).toMatchObject({ closedDeals: 1, commissionFen: 4_500_000 });
    expect(broker.rating.completedDeals).toBe(1);
    const rooms = await call(t.app, 'GET', '/api/deal-rooms?stage=closed_won', { token: tokens['broker'] });
    expect(rooms.json.items.map((r: { id: string }) => r.id)).toEqual([roomId]);
  });
});

describe('brokers hear of demands in the fields they serve', () => {
  it('tells the brokers whose profile covers the field (a parent code covers its children), in zh and en; not other brokers or users', async () => {
    // broker@ serves 05 and 08, broker2@ serves 08 (profiles saved above).
    const auv = await postDemand({ title: { zh: '水下机器人导航需求', en: 'AUV navigation' }, fieldCode: '08.03' });
    const told = await notes('demand-in-your-field', `/brokerage/demands/${auv.id}`);
    expect(told.map((n) => n.email).sort()).toEqual(['broker2@demo.ttx', 'broker@demo.ttx']);
    expect(told[0].title).toEqual({ zh: '您服务的领域有新需求：水下机器人导航需求', en: 'New demand in a field you serve: AUV navigation' });
    expect(told[0].body.zh).toContain('技术领域 08.03');
    expect(told[0].body.en).toContain('Technology field 08.03');
    const battery = await postDemand({ fieldCode: '05.01' });
    expect((await notes('demand-in-your-field', `/brokerage/demands/${battery.id}`)).map((n) => n.email)).toEqual(['broker@demo.ttx']);
    const other = await postDemand({ fieldCode: '01.01' });
    expect(await notes('demand-in-your-field', `/brokerage/demands/${other.id}`)).toEqual([]);
    const unfielded = await postDemand({});
    expect(await notes('demand-in-your-field', `/brokerage/demands/${unfielded.id}`)).toEqual([]);
  });
});
