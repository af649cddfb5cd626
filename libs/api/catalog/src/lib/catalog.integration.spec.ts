import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { withPatentCheckCharacter } from '@ttx/shared/policy';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AchievementFactsService } from './achievements/achievement-facts.service';
import { CatalogModule } from './catalog.module';
import { FieldsService } from './fields/fields.service';
import { MatchCandidatesService } from './search/candidates';
import { CatalogSeeder } from './seed/catalog-seeder';

const SEEDS = resolve(__dirname, '../../../../../seeds/demo');
const SECRET_ZH = '机密工艺参数：烧结温度七百八十五度保温九十分钟';
const SECRET_EN = 'CONFIDENTIAL-sintering-785C-90min';
const INVENTOR_EMAIL = 'inventor.secret@example.cn';

let t: TestApp;
const tokens: Record<string, string> = {};
let seq = 0;

const tokenOf = async (email: string, password = 'ttx-demo-2026') => {
  const res = await call(t.app, 'POST', '/api/auth/login', { body: { email, password } });
  expect(res.status).toBe(200);
  return res.json.accessToken as string;
};

/** A registered user who is `role` of the seeded (verified) organisation `credit`. */
const memberOf = async (orgKey: string, role: string) => {
  const email = `member${++seq}@example.cn`;
  const reg = await call(t.app, 'POST', '/api/auth/register', { body: { email, password: 'correct horse 1', displayName: '外部用户' } });
  expect(reg.status).toBe(201);
  const ds = t.app.get(DataSource);
  const [org] = await ds.query(
    `SELECT id FROM organizations WHERE credit_code = $1`,
    [(await import(resolve(SEEDS, 'identity.json'))).organizations.find((o: { key: string }) => o.key === orgKey).creditCode],
  );
  await ds.query('INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, $3)', [reg.json.id, org.id, role]);
  return tokenOf(email, 'correct horse 1');
};

const body = (over: Record<string, unknown> = {}) => ({
  kind: 'invention_patent',
  title: { zh: '一种高倍率磷酸铁锂电池正极材料的制备方法', en: 'Preparation of a high-rate LiFePO4 cathode material' },
  abstract: { zh: '本发明公开了一种高倍率磷酸铁锂正极材料，提高了电池的低温性能。', en: 'A cathode material that improves low-temperature battery performance.' },
  technicalDetail: { zh: SECRET_ZH, en: SECRET_EN },
  fieldCode: '01.01',
  stage: 'pilot',
  trl: 6,
  dealTypes: ['transfer', 'licence'],
  askingPrice: { minFen: 50_000_000, maxFen: 200_000_000 },
  ipRecords: [{ number: withPatentCheckCharacter('202310123456'), office: 'CNIPA', filingDate: '2023-02-10', status: 'filed' }],
  inventors: [
    { name: '李伟', sharePct: 33.33, email: INVENTOR_EMAIL },
    { name: '王芳', sharePct: 33.33 },
    { name: '张敏', sharePct: 33.34 },
  ],
  ...over,
});

const create = async (who = 'researcher', over: Record<string, unknown> = {}) => {
  const res = await call(t.app, 'POST', '/api/achievements', { token: tokens[who], body: body(over) });
  expect(res.status).toBe(201);
  return res.json.id as string;
};
const step = (id: string, action: string, who: string) => call(t.app, 'POST', `/api/achievements/${id}/${action}`, { token: tokens[who] });
const published = async () => {
  const id = await create();
  expect((await step(id, 'submit', 'researcher')).status).toBe(200);
  expect((await step(id, 'publish', 'tto')).status).toBe(200);
  return id;
};
const containsSecret = (raw: string) => raw.includes(SECRET_ZH) || raw.includes(SECRET_EN) || raw.includes('烧结温度') || raw.includes(INVENTOR_EMAIL) || raw.includes('33.34');

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule]);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
  await t.app.get(DataSource).transaction((m) => t.app.get(CatalogSeeder).seedFields(m, resolve(SEEDS, 'fields.json')));
  for (const who of ['admin', 'tto', 'researcher', 'sme', 'enterprise', 'broker']) tokens[who] = await tokenOf(`${who}@demo.ttx`);
  tokens['otherTto'] = await memberOf('institute-cas-hf', 'tto_manager');
  tokens['otherResearcher'] = await memberOf('institute-cas-hf', 'researcher');
}, 90_000);
afterAll(() => t?.close());

describe('create and rules', () => {
  it('creates a draft in the caller’s verified institution, audited', async () => {
    const res = await call(t.app, 'POST', '/api/achievements', { token: tokens['researcher'], body: body() });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'draft', access: 'owner', kind: 'invention_patent', trl: 6, askingPrice: { minFen: 50_000_000, maxFen: 200_000_000 } });
    expect(res.json.confidential.inventors.map((i: { sharePct: number }) => i.sharePct)).toEqual([33.33, 33.33, 33.34]);
    const [audit] = await t.app.get(DataSource).query(`SELECT action FROM audit_log WHERE entity_id = $1`, [res.json.id]);
    expect(audit.action).toBe('achievement.created');
  });

  it('refuses shares that do not sum to 100 with 422 naming the rule', async () => {
    const res = await call(t.app, 'POST', '/api/achievements', {
      token: tokens['researcher'],
      body: body({ inventors: [{ name: '甲', sharePct: 60 }, { name: '乙', sharePct: 30 }] }),
    });
    expect(res.status).toBe(422);
    expect(res.json.type).toBe('urn:ttx:problem:inventor-shares-sum-100');
    expect(res.json.detail).toContain('inventor-shares-sum-100');
    expect(res.json.detail).toContain('90');
  });

  it('the database itself refuses a team that does not sum to 100 (deferred trigger)', async () => {
    const id = await create();
    const ds = t.app.get(DataSource);
    await expect(ds.transaction((m) => m.query(`UPDATE achievement_inventors SET share = 50 WHERE achievement_id = $1`, [id]))).rejects.toThrow(/sum to/);
  });

  it('needs a title and an abstract in at least one language', async () => {
    const noTitle = await call(t.app, 'POST', '/api/achievements', { token: tokens['researcher'], body: body({ title: { zh: '  ', en: null } }) });
    expect(noTitle.status).toBe(422);
    expect(noTitle.json.type).toBe('urn:ttx:problem:title-required');
    const enOnly = await call(t.app, 'POST', '/api/achievements', { token: tokens['researcher'], body: body({ title: { en: 'Only English' }, abstract: { en: 'Only English.' } }) });
    expect(enOnly.status).toBe(201);
    const noAbstract = await call(t.app, 'PATCH', `/api/achievements/${enOnly.json.id}`, { token: tokens['researcher'], body: { abstract: { en: null } } });
    expect(noAbstract.status).toBe(422);
    expect(noAbstract.json.type).toBe('urn:ttx:problem:abstract-required');
  });

  it('names the field of a bad patent number', async () => {
    const res = await call(t.app, 'POST', '/api/achievements', {
      token: tokens['researcher'],
      body: body({ ipRecords: [{ number: 'CN202310123456.7', office: 'CNIPA', status: 'filed' }] }),
    });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([expect.objectContaining({ field: 'ipRecords[0].number', message: expect.stringContaining('check character') })]);
  });

  it('refuses callers outside a verified institution', async () => {
    expect((await call(t.app, 'POST', '/api/achievements', { token: tokens['sme'], body: body() })).status).toBe(403);
    expect((await call(t.app, 'POST', '/api/achievements', { body: body() })).status).toBe(401);
  });
});

describe('lifecycle permissions', () => {
  it('researcher submits, only the TTO manager publishes; each step is audited', async () => {
    const id = await create();
    expect((await step(id, 'publish', 'tto')).status).toBe(409); // draft: not submitted yet
    expect((await step(id, 'submit', 'researcher')).status).toBe(200);
    expect((await step(id, 'submit', 'researcher')).status).toBe(409);
    expect((await step(id, 'publish', 'researcher')).status).toBe(403); // lacks achievement:publish
    expect((await step(id, 'publish', 'otherTto')).status).toBe(404); // another institution cannot see the submitted one
    const pub = await step(id, 'publish', 'tto');
    expect(pub.status).toBe(200);
    expect(pub.json.status).toBe('published');
    expect(pub.json.publishedAt).not.toBeNull();
    expect((await step(id, 'publish', 'otherTto')).status).toBe(403); // published: visible, still not theirs
    const actions = (await t.app.get(DataSource).query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [id])).map((r: { action: string }) => r.action);
    expect(actions).toEqual(['achievement.created', 'achievement.submitted', 'achievement.published']);
  });

  it('hides drafts and submitted ones from outsiders (404) but not from the owner and admins', async () => {
    const id = await create();
    for (const who of ['otherTto', 'sme', 'broker']) expect((await call(t.app, 'GET', `/api/achievements/${id}`, { token: tokens[who] })).status).toBe(404);
    expect((await call(t.app, 'GET', `/api/achievements/${id}`)).status).toBe(404);
    expect((await call(t.app, 'GET', `/api/achievements/${id}`, { token: tokens['tto'] })).json.access).toBe('owner');
    expect((await call(t.app, 'GET', `/api/achievements/${id}`, { token: tokens['admin'] })).json.access).toBe('admin');
    expect((await call(t.app, 'PATCH', `/api/achievements/${id}`, { token: tokens['otherResearcher'], body: { trl: 7 } })).status).toBe(404);
    await step(id, 'submit', 'researcher');
    expect((await call(t.app, 'GET', `/api/achievements/${id}`, { token: tokens['otherTto'] })).status).toBe(404);
  });

  it('only the owning institution edits; a published one only by its TTO manager; archived by nobody', async () => {
    const id = await published();
    expect((await call(t.app, 'PATCH', `/api/achievements/${id}`, { token: tokens['otherTto'], body: { trl: 7 } })).status).toBe(403);
    expect((await call(t.app, 'PATCH', `/api/achievements/${id}`, { token: tokens['researcher'], body: { trl: 7 } })).status).toBe(409);
    const ok = await call(t.app, 'PATCH', `/api/achievements/${id}`, { token: tokens['tto'], body: { trl: 7, title: { en: 'Renamed cathode' } } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ trl: 7, title: { zh: body().title.zh, en: 'Renamed cathode' } });
    expect((await step(id, 'withdraw', 'researcher')).status).toBe(403);
    expect((await step(id, 'withdraw', 'tto')).json.status).toBe('withdrawn');
    expect((await call(t.app, 'GET', `/api/achievements/${id}`)).status).toBe(404);
    expect((await step(id, 'archive', 'tto')).json.status).toBe('archived');
    expect((await call(t.app, 'PATCH', `/api/achievements/${id}`, { token: tokens['tto'], body: { trl: 8 } })).status).toBe(409);
    expect((await step(id, 'publish', 'tto')).status).toBe(409);
  });

  it('refuses to submit a team whose shares were never set', async () => {
    const id = await create('researcher', { inventors: [] });
    const res = await step(id, 'submit', 'researcher');
    expect(res.status).toBe(422);
    expect(res.json.type).toBe('urn:ttx:problem:inventor-shares-sum-100');
  });

  it('lists the caller’s institution’s achievements by status', async () => {
    const res = await call(t.app, 'GET', '/api/achievements/mine?status=draft&pageSize=100', { token: tokens['researcher'] });
    expect(res.status).toBe(200);
    expect(res.json.total).toBeGreaterThan(0);
    expect(res.json.items.every((a: { status: string }) => a.status === 'draft')).toBe(true);
    const other = await call(t.app, 'GET', '/api/achievements/mine', { token: tokens['otherTto'] });
    expect(other.json.items.some((a: { institutionName: string }) => a.institutionName === res.json.items[0].institutionName)).toBe(false);
  });

  it('finds the caller’s achievements by a piece of the Chinese or English title, % and _ taken literally', async () => {
    const tag = `Picker${++seq}`;
    const zhOnly = await create('researcher', { title: { zh: `硅碳负极${tag}材料`, en: null } });
    const en = await create('researcher', { title: { zh: '钠离子电池', en: `Sodium 100%_${tag.toLowerCase()} cell` } });
    const mine = (q: string, token = tokens['researcher']) =>
      call(t.app, 'GET', `/api/achievements/mine?q=${encodeURIComponent(q)}&pageSize=100`, { token });
    const ids = async (q: string) => {
      const res = await mine(q);
      expect(res.status).toBe(200);
      expect(res.json.total).toBe(res.json.items.length);
      return res.json.items.map((a: { id: string }) => a.id).sort();
    };

    expect(await ids(tag.toUpperCase())).toEqual([zhOnly, en].sort()); // both titles, any case
    expect(await ids(`负极${tag}`)).toEqual([zhOnly]);
    expect(await ids(`100%_${tag}`)).toEqual([en]);
    // Unescaped, % and _ would be wildcards: "Sodium%<tag>" and "Sodium_100" would match the English title.
    expect(await ids(`Sodium%${tag}`)).toEqual([]);
    expect(await ids(`Sodium_100%_${tag}`)).toEqual([]);
    expect(await ids('%')).not.toContain(zhOnly);
    expect((await mine(tag, tokens['otherTto'])).json.items).toEqual([]);
    expect((await mine('x'.repeat(101))).status).toBe(400);
  });
});

describe('NDA gating and confidential fields', () => {
  it('outsiders get the public part without any confidential text (raw body)', async () => {
    const id = await published();
    for (const who of [undefined, 'sme', 'broker', 'otherTto']) {
      const res = await call(t.app, 'GET', `/api/achievements/${id}`, { token: who && tokens[who] });
      expect(res.status).toBe(200);
      expect(res.json.access).toBe('public');
      expect(res.json.confidential).toBeNull();
      expect(res.json.title.zh).toBe(body().title.zh);
      expect(containsSecret(res.body)).toBe(false);
    }
    const search = await call(t.app, 'GET', `/api/achievements?q=${encodeURIComponent('烧结温度')}`);
    expect(search.json.total).toBe(0);
    expect(containsSecret((await call(t.app, 'GET', '/api/achievements?pageSize=100')).body)).toBe(false);
  });

  it('an enterprise member accepts the NDA (time, user, organisation) and the enterprise then sees the detail', async () => {
    const id = await published();
    expect((await call(t.app, 'POST', `/api/achievements/${id}/nda`, { token: tokens['broker'], body: {} })).status).toBe(403);
    const acc = await call(t.app, 'POST', `/api/achievements/${id}/nda`, { token: tokens['sme'], body: {} });
    expect(acc.status).toBe(201);
    expect(acc.json).toMatchObject({ achievementId: id, organizationId: expect.any(String), userId: expect.any(String), acceptedAt: expect.any(String) });
    const again = await call(t.app, 'POST', `/api/achievements/${id}/nda`, { token: tokens['sme'], body: {} });
    expect(again.json.acceptedAt).toBe(acc.json.acceptedAt);
    const res = await call(t.app, 'GET', `/api/achievements/${id}`, { token: tokens['sme'] });
    expect(res.json).toMatchObject({ access: 'nda', ndaAccepted: true, confidential: { technicalDetail: { zh: SECRET_ZH, en: SECRET_EN } } });
    expect(res.body).not.toContain(INVENTOR_EMAIL);
    // Another enterprise has not accepted: still public only.
    const other = await call(t.app, 'GET', `/api/achievements/${id}`, { token: tokens['enterprise'] });
    expect(other.json.access).toBe('public');
    expect(containsSecret(other.body)).toBe(false);
    const audits = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'achievement.nda-accepted'`, [id]);
    expect(audits[0].n).toBe(1);
  });

  it('no NDA on unpublished achievements (404)', async () => {
    const id = await create();
    expect((await call(t.app, 'POST', `/api/achievements/${id}/nda`, { token: tokens['sme'], body: {} })).status).toBe(404);
  });
});

describe('identity facts through MemberDirectory', () => {
  it('names the institution in the detail, search hits and facet, the caller’s list, summaries and facts', async () => {
    const id = await published();
    const [{ inst, name }] = await t.app.get(DataSource).query(
      'SELECT a.institution_id AS inst, o.name FROM achievements a JOIN organizations o ON o.id = a.institution_id WHERE a.id = $1',
      [id],
    );
    expect((await call(t.app, 'GET', `/api/achievements/${id}`)).json.institutionName).toBe(name);
    const search = await call(t.app, 'GET', `/api/achievements?institutionId=${inst}&pageSize=100`);
    expect(search.json.items.find((i: { id: string }) => i.id === id).institutionName).toBe(name);
    expect(search.json.facets.institution).toEqual([{ key: inst, count: search.json.total, label: name }]);
    const mine = await call(t.app, 'GET', '/api/achievements/mine?pageSize=100', { token: tokens['researcher'] });
    expect(mine.json.items.find((i: { id: string }) => i.id === id).institutionName).toBe(name);
    expect((await t.app.get(MatchCandidatesService).summaries([id]))[0].institutionName).toBe(name);
    expect(await t.app.get(AchievementFactsService).facts(id)).toMatchObject({ id, institutionId: inst, institutionName: name });
  });

  it('links an inventor to the user with that e-mail', async () => {
    const id = await create('researcher', {
      inventors: [
        { name: '李伟', sharePct: 50, email: 'researcher@demo.ttx' },
        { name: '王芳', sharePct: 50, email: 'nobody@example.cn' },
      ],
    });
    const rows = await t.app.get(DataSource).query(
      `SELECT i.user_id, u.email FROM achievement_inventors i LEFT JOIN users u ON u.id = i.user_id WHERE i.achievement_id = $1 ORDER BY i.position`,
      [id],
    );
    expect(rows).toEqual([{ user_id: expect.any(String), email: 'researcher@demo.ttx' }, { user_id: null, email: null }]);
  });
});

describe('fields and search basics', () => {
  it('serves the taxonomy as a tree', async () => {
    const res = await call(t.app, 'GET', '/api/fields');
    expect(res.status).toBe(200);
    expect(res.json.length).toBeGreaterThanOrEqual(8);
    expect(res.json[0].children[0]).toMatchObject({ code: '01.01', parentCode: '01' });
  });

  it('finds a published achievement by a 2-character Chinese word and an English word, with facets and highlights', async () => {
    const id = await published();
    const zh = await call(t.app, 'GET', `/api/achievements?q=${encodeURIComponent('电池')}&field=01`);
    expect(zh.status).toBe(200);
    const hit = zh.json.items.find((i: { id: string }) => i.id === id);
    expect(hit.highlight.title.zh).toContain('<mark>电池</mark>');
    expect(zh.json.facets.field).toEqual(expect.arrayContaining([expect.objectContaining({ key: '01.01' })]));
    expect(zh.json.facets.institution[0]).toMatchObject({ label: expect.any(String) });
    const en = await call(t.app, 'GET', `/api/achievements?q=cathodes&kind=invention_patent&dealType=licence&stage=pilot`);
    expect(en.json.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(en.json.items[0].highlight.title.en).toMatch(/<mark>cathode<\/mark>/i);
    const none = await call(t.app, 'GET', `/api/achievements?q=${encodeURIComponent('池电')}`);
    expect(none.json.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('escapes HTML in highlights', async () => {
    const id = await create('researcher', { title: { zh: '<script>电池</script>', en: null } });
    await step(id, 'submit', 'researcher');
    await step(id, 'publish', 'tto');
    const res = await call(t.app, 'GET', `/api/achievements?q=${encodeURIComponent('电池')}&pageSize=100`);
    const hit = res.json.items.find((i: { id: string }) => i.id === id);
    expect(hit.highlight.title.zh).toBe('&lt;script&gt;<mark>电池</mark>&lt;/script&gt;');
  });
});

describe("the catalog's read API for other contexts", () => {
  it('names the unknown field codes, in input order', async () => {
    const fields = t.app.get(FieldsService);
    expect(await fields.unknownCodes([])).toEqual([]);
    expect(await fields.unknownCodes(['01', '99.99', '01.01', '98'])).toEqual(['99.99', '98']);
  });

  it('titles achievements in one batch, and finds one by its exact titles whatever its status', async () => {
    const facts = t.app.get(AchievementFactsService);
    const zhOnly = await create('researcher', { title: { zh: `只有中文标题 ${++seq}` } });
    const both = await create();
    const none = '00000000-0000-0000-0000-000000000000';
    expect(await facts.titles([zhOnly, both, zhOnly, none])).toEqual(
      new Map<string, { zh: string | null; en: string | null }>([
        [zhOnly, { zh: `只有中文标题 ${seq}`, en: null }],
        [both, body().title],
      ]),
    );
    expect((await facts.titles([])).size).toBe(0);
    expect(await facts.idByTitle({ zh: `只有中文标题 ${seq}`, en: null })).toBe(zhOnly);
    expect(await facts.idByTitle({ zh: `只有中文标题 ${seq}`, en: 'x' })).toBeNull();
  });
});
