import { containsPattern, CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, WORKSPACE_ROOT, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { refreshSearchVector } from '../achievements/achievements.service';
import { CatalogModule } from '../catalog.module';
import { PUBLIC_TEXT_SQL } from './search.service';

/**
 * Search correctness over real text: the 348 public Chinese patents of ../shared/data (read in place, never
 * copied) plus a few English and mixed listings, loaded as published achievements. For every query the
 * endpoint's set of ids equals a plain ILIKE oracle's over the same public text (each white-space term a
 * substring, all terms required).
 */
// shared/ sits beside the checkout (as in CI); TTX_SHARED_DIR points elsewhere for other layouts.
const PATENTS = resolve(process.env['TTX_SHARED_DIR'] ?? resolve(WORKSPACE_ROOT, '../shared'), 'data/cn_patents_public.json');
if (!existsSync(PATENTS)) {
  throw new Error(`Search oracle data not found at ${PATENTS}: keep shared/ beside the checkout or set TTX_SHARED_DIR`);
}

const ENGLISH: { zh: string | null; en: string; abstractZh: string | null; abstractEn: string }[] = [
  { zh: null, en: 'Solid-state lithium battery with a sulfide electrolyte', abstractZh: null, abstractEn: 'A solid-state lithium battery whose sulfide electrolyte suppresses dendrites in battery packs.' },
  { zh: '柔性压力传感器', en: 'Flexible pressure sensor for wearable health monitoring', abstractZh: '一种可穿戴柔性压力传感器。', abstractEn: 'An array of printed sensors; each sensor reads pulse pressure.' },
  { zh: null, en: 'Single-atom catalyst for hydrogen evolution', abstractZh: null, abstractEn: 'A platinum single-atom catalyst on carbon for water electrolysis.' },
  { zh: '变电站巡检机器人', en: 'Inspection robot for power substations', abstractZh: '一种用于变电站的巡检机器人。', abstractEn: 'A wheeled robot that reads meters and detects hot spots.' },
  { zh: null, en: 'mRNA vaccine delivered by lipid nanoparticles', abstractZh: null, abstractEn: 'A thermostable vaccine formulation for cold-chain-free distribution.' },
  { zh: '5G基站用AI芯片散热模组', en: 'Cooling module for AI chips in 5G base stations', abstractZh: '一种用于5G基站的AI芯片散热模组，可降低PM2.5粉尘对散热的影响。', abstractEn: 'Keeps AI chips cool in dusty (PM2.5) environments.' },
  { zh: '废旧锂电池回收方法', en: 'Recycling of spent lithium battery cells', abstractZh: '一种废旧锂电池的回收方法，回收率高。', abstractEn: 'Hydrometallurgical recycling of cathode metals from spent cells.' },
  { zh: '电池组均衡电路', en: 'Equalisation circuit for a battery pack', abstractZh: '一种电池组均衡电路，池组寿命提高。', abstractEn: 'Balances the cells of a pack.' },
];

const QUERIES = [
  // 1 character
  '电', '矿',
  // 2 characters
  '一种', '方法', '电池', '专利', '材料', '检测', '传感', '算法', '装置', '控制', '催化', '池组', '池电', '基站',
  // 3 characters
  '机器人', '传感器', '掘进机', '锂电池', '混凝土',
  // 4 characters
  '复合材料', '图像处理', '机械开采', '数据处理', '智能控制', '新能源汽',
  // English words and phrases
  'battery', 'sensor', 'catalyst', 'robot', 'vaccine', 'lithium battery', 'Pressure Sensor',
  // mixed
  '5G基站', 'AI芯片', 'PM2.5', '锂电池 battery', '电池 回收', '机器人 inspection',
];

let t: TestApp;
let ds: DataSource;

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule]);
  await t.app.get(DemoSeeder).seed(resolve(WORKSPACE_ROOT, 'seeds/demo/identity.json'));
  ds = t.app.get(DataSource);
  const [org] = await ds.query(`SELECT id FROM organizations WHERE kind = 'institution' ORDER BY name LIMIT 1`);
  const records = (JSON.parse(readFileSync(PATENTS, 'utf8')) as { input: string }[]).map((r) => {
    const title = /标题：(.*)/.exec(r.input)?.[1]?.trim() ?? null;
    const abstract = /摘要：([\s\S]*?)(?:\n权利声明：|$)/.exec(r.input)?.[1]?.trim() ?? null;
    return { zh: title, en: null as string | null, abstractZh: abstract, abstractEn: null as string | null };
  });
  expect(records.length).toBe(348);
  await ds.transaction(async (m) => {
    for (const [i, r] of [...records, ...ENGLISH].entries()) {
      const [row] = await m.query(
        `INSERT INTO achievements (institution_id, kind, status, title_zh, title_en, abstract_zh, abstract_en, deal_types, published_at)
         VALUES ($1, 'invention_patent', 'published', $2, $3, $4, $5, '{licence}', now() - make_interval(mins => $6)) RETURNING id`,
        [org.id, r.zh, r.en, r.abstractZh, r.abstractEn, i],
      );
      await refreshSearchVector(m, row.id);
    }
  });
}, 120_000);
afterAll(() => t?.close(), 30_000);

async function searchIds(q: string): Promise<{ ids: Set<string>; ms: number }> {
  const ids = new Set<string>();
  let ms = 0;
  for (let page = 1; ; page++) {
    const t0 = performance.now();
    const res = await call(t.app, 'GET', `/api/achievements?q=${encodeURIComponent(q)}&pageSize=100&page=${page}`);
    ms += performance.now() - t0;
    expect(res.status).toBe(200);
    for (const i of res.json.items) ids.add(i.id);
    if (page * 100 >= res.json.total) return { ids, ms };
  }
}

async function oracleIds(q: string): Promise<Set<string>> {
  const terms = q.trim().split(/\s+/);
  const rows: { id: string }[] = await ds.query(
    `SELECT a.id FROM achievements a WHERE a.status = 'published' AND ${terms.map((_, i) => `${PUBLIC_TEXT_SQL} ILIKE $${i + 1}`).join(' AND ')}`,
    terms.map(containsPattern),
  );
  return new Set(rows.map((r) => r.id));
}

describe('search oracle (348 real Chinese patents + English and mixed listings)', () => {
  const timings: string[] = [];
  afterAll(() => process.stdout.write(`search timings (in-process, incl. facets):\n${timings.join('\n')}\n`));

  it.each(QUERIES)('"%s" returns exactly the ILIKE oracle’s ids', async (q) => {
    const oracle = await oracleIds(q);
    const { ids, ms } = await searchIds(q);
    timings.push(`  ${q.padEnd(16)} ${String(oracle.size).padStart(4)} hits  ${ms.toFixed(1)} ms`);
    expect([...ids].sort()).toEqual([...oracle].sort());
  });

  it('the query list is not trivial: most queries hit something, some hit many', async () => {
    const sizes = await Promise.all(QUERIES.map(async (q) => (await oracleIds(q)).size));
    expect(sizes.filter((n) => n > 0).length).toBeGreaterThan(QUERIES.length * 0.8);
    expect(Math.max(...sizes)).toBeGreaterThan(100);
  });

  it('bigram false positives are removed by the recheck (池电 never matches 电池 text)', async () => {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM achievements a WHERE a.search @@ '''池电'''::tsquery`);
    expect((await searchIds('池电')).ids.size).toBeLessThanOrEqual(n);
    expect((await oracleIds('池电')).size).toBe((await searchIds('池电')).ids.size);
  });

  it('English matching is by stem: "batteries" also finds "battery" (a superset of the substring oracle)', async () => {
    const { ids } = await searchIds('batteries');
    const battery = await oracleIds('battery');
    expect([...battery].every((id) => ids.has(id))).toBe(true);
    expect((await oracleIds('batteries')).size).toBe(0);
  });
});
