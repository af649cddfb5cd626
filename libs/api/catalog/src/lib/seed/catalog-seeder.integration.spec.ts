import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { CatalogModule } from '../catalog.module';
import { CatalogSeeder } from './catalog-seeder';

const SEEDS = resolve(__dirname, '../../../../../../seeds/demo');
let t: TestApp;

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule]);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
}, 60_000);
// Generous timeouts: on a shared, loaded machine seeding 201 achievements took more than jest's 5 s default.
afterAll(() => t?.close(), 30_000);

describe('catalog demo seed (seeds/demo/fields.json, achievements.json)', () => {
  it('loads every record once, valid by the API’s own rules, searchable, and skips a second time', async () => {
    expect(await t.app.get(CatalogSeeder).seed(SEEDS)).toBe('seeded');
    const expected = (JSON.parse(readFileSync(resolve(SEEDS, 'achievements.json'), 'utf8')) as { achievements: unknown[] }).achievements.length;
    const ds = t.app.get(DataSource);
    const [{ n, searchable }] = await ds.query(`SELECT count(*)::int AS n, count(search)::int AS searchable FROM achievements`);
    expect(n).toBe(expected);
    expect(searchable).toBe(expected);
    expect(await t.app.get(CatalogSeeder).seed(SEEDS)).toBe('skipped');

    const res = await call(t.app, 'GET', `/api/achievements?q=${encodeURIComponent('电池')}`);
    expect(res.json.total).toBeGreaterThan(0);
    const login = await call(t.app, 'POST', '/api/auth/login', { body: { email: 'researcher@demo.ttx', password: 'ttx-demo-2026' } });
    const mine = await call(t.app, 'GET', '/api/achievements/mine?pageSize=100', { token: login.json.accessToken });
    expect(new Set(mine.json.items.map((a: { status: string }) => a.status))).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect(mine.json.total).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
