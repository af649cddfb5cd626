import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, login, WORKSPACE_ROOT, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { refreshSearchVector } from '../achievements/achievements.service';
import { CatalogModule } from '../catalog.module';
import { CatalogSeeder } from '../seed/catalog-seeder';
import { SearchCache } from './search-cache';

/**
 * The two things that keep search fast at scale, against real PostgreSQL and Redis:
 * the count cap (here 100 instead of 10,000) and the generation-checked result cache.
 */
const CAP = 100;
const MATCHING = 150;

let t: TestApp;
let ds: DataSource;
let institutionId: string;

const search = async (qs: string) => {
  const res = await call(t.app, 'GET', `/api/achievements?${qs}`);
  expect(res.status).toBe(200);
  return res.json as { items: { id: string; title: { zh: string | null } }[]; total: number; totalExact: boolean; facets: Record<string, { key: string; count: number }[]> };
};

/** Inserts published rows straight into the table (no service call, so no cache invalidation). */
async function insert(titles: string[], minutesAgo: (i: number) => number): Promise<string[]> {
  return ds.transaction(async (m) => {
    const ids: string[] = [];
    for (const [i, title] of titles.entries()) {
      const [row] = await m.query(
        `INSERT INTO achievements (institution_id, kind, status, title_zh, abstract_zh, deal_types, stage, published_at)
         VALUES ($1, $2, 'published', $3, '一种用于储能的方法。', '{licence}', 'pilot', now() - make_interval(mins => $4)) RETURNING id`,
        [institutionId, i % 3 === 0 ? 'utility_model' : 'invention_patent', title, minutesAgo(i)],
      );
      await refreshSearchVector(m, row.id);
      ids.push(row.id);
    }
    return ids;
  });
}

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule], { SEARCH_COUNT_CAP: String(CAP) });
  await t.app.get(DemoSeeder).seed(resolve(WORKSPACE_ROOT, 'seeds/demo/identity.json'));
  ds = t.app.get(DataSource);
  await t.app.get(CatalogSeeder).seedFields(ds.manager, resolve(WORKSPACE_ROOT, 'seeds/demo/fields.json'));
  [{ id: institutionId }] = await ds.query(`SELECT id FROM organizations WHERE kind = 'institution' ORDER BY name LIMIT 1`);
  // Oldest rows first, so the newest sits physically last: the cap must not hide it from newest-first paging.
  await insert(
    Array.from({ length: MATCHING }, (_, i) => `固态电池样品${i}`),
    (i) => MATCHING + 10 - i,
  );
  await insert(['无关的成果'], () => 5000);
}, 120_000);
afterAll(() => t?.close());

describe('count cap', () => {
  it('more matches than the cap: total is the cap, marked inexact; facet counts are lower bounds within it', async () => {
    const r = await search(`q=${encodeURIComponent('电池')}&pageSize=5`);
    expect(r.totalExact).toBe(false);
    expect(r.total).toBe(CAP);
    const kinds = r.facets['kind'];
    expect(kinds.reduce((s, b) => s + b.count, 0)).toBe(CAP);
    const [{ truth }] = await ds.query(`SELECT count(*)::int AS truth FROM achievements WHERE title_zh LIKE '%电池%' AND kind = 'invention_patent'`);
    for (const b of kinds) expect(b.count).toBeLessThanOrEqual(b.key === 'invention_patent' ? truth : MATCHING);
  });

  it('fewer matches than the cap: exact', async () => {
    const r = await search(`q=${encodeURIComponent('无关')}`);
    expect(r).toMatchObject({ total: 1, totalExact: true });
  });

  it('newest-first paging is exact over all matches, beyond the cap', async () => {
    const r = await search(`q=${encodeURIComponent('电池')}&sort=newest&pageSize=3`);
    expect(r.items.map((i) => i.title.zh)).toEqual(['固态电池样品149', '固态电池样品148', '固态电池样品147']);
    const last = await search(`q=${encodeURIComponent('电池')}&sort=newest&pageSize=10&page=15`);
    expect(last.items.map((i) => i.title.zh).at(-1)).toBe('固态电池样品0');
  });

  it('relevance pages come from the capped match set and never repeat an item', async () => {
    const seen = new Set<string>();
    for (let page = 1; page <= CAP / 20; page++) {
      for (const i of (await search(`q=${encodeURIComponent('电池')}&pageSize=20&page=${page}`)).items) seen.add(i.id);
    }
    expect(seen.size).toBe(CAP);
  });
});

describe('relevance', () => {
  it('puts title hits before body-only hits, newest first within each (Chinese and English)', async () => {
    const ids = await ds.transaction(async (m) => {
      const out: string[] = [];
      for (const [title, en, abstract, minutes] of [
        ['陶瓷隔膜', 'Ceramic separator', '一种涂层。', 300],
        ['涂布设备', 'Coating machine', '用于隔膜的涂布设备，separator coating.', 1],
        ['复合隔膜', 'Composite separator', '一种复合材料。', 200],
      ] as const) {
        const [row] = await m.query(
          `INSERT INTO achievements (institution_id, kind, status, title_zh, title_en, abstract_zh, deal_types, published_at)
           VALUES ($1, 'invention_patent', 'published', $2, $3, $4, '{licence}', now() - make_interval(mins => $5)) RETURNING id`,
          [institutionId, title, en, abstract, minutes],
        );
        await refreshSearchVector(m, row.id);
        out.push(row.id);
      }
      return out;
    });
    await t.app.get(SearchCache).invalidate();
    const [ceramic, coating, composite] = ids;
    expect((await search(`q=${encodeURIComponent('隔膜')}`)).items.map((i) => i.id)).toEqual([composite, ceramic, coating]);
    expect((await search('q=separator')).items.map((i) => i.id)).toEqual([composite, ceramic, coating]);
    // Newest first on request.
    expect((await search(`q=${encodeURIComponent('隔膜')}&sort=newest`)).items.map((i) => i.id)).toEqual([coating, composite, ceramic]);
  });
});

describe('result cache', () => {
  it('serves a repeated search from Redis until a write bumps the catalog generation', async () => {
    const q = `q=${encodeURIComponent('钠离子')}`;
    expect((await search(q)).total).toBe(0);
    // Written behind the service's back: the cached answer stays, which proves it is served from the cache …
    await insert(['钠离子电池正极材料'], () => 1);
    expect((await search(q)).total).toBe(0);
    // … and the generation bump every catalog write makes after its commit brings the change in at once.
    await t.app.get(SearchCache).invalidate();
    expect((await search(q)).total).toBe(1);
  });

  it('a publish through the API is visible to the very next search', async () => {
    const auth = { authorization: `Bearer ${await login(t.app, 'tto@demo.ttx')}` };
    const q = `q=${encodeURIComponent('镁合金')}`;
    expect((await search(q)).total).toBe(0);
    const created = await call(t.app, 'POST', '/api/achievements', {
      headers: auth,
      body: {
        kind: 'invention_patent',
        title: { zh: '高强镁合金轮毂铸造工艺' },
        abstract: { zh: '一种镁合金轮毂的低压铸造工艺。' },
        fieldCode: '01.01',
        dealTypes: ['licence'],
        inventors: [{ name: '张三', sharePct: 100 }],
      },
    });
    expect(created.status).toBe(201);
    for (const step of ['submit', 'publish']) expect((await call(t.app, 'POST', `/api/achievements/${created.json.id}/${step}`, { headers: auth })).status).toBe(200);
    expect((await search(q)).total).toBe(1);
  });
});
