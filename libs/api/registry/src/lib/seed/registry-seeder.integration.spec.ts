import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { RegistryModule } from '../registry.module';
import { login } from '../test-helpers';
import { RegistrySeeder } from './registry-seeder';

const SEEDS = resolve(__dirname, '../../../../../../seeds/demo');
let t: TestApp;

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, RegistryModule]);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
}, 90_000);
afterAll(() => t?.close());

describe('registry demo seeds', () => {
  it('load once, in every state the demo users look for', async () => {
    expect(await t.app.get(RegistrySeeder).seed(SEEDS)).toBe('seeded');
    expect(await t.app.get(RegistrySeeder).seed(SEEDS)).toBe('skipped');
    const registrar = await login(t.app, 'registrar@demo.ttx');
    const queue = (await call(t.app, 'GET', '/api/contracts?pageSize=100', { token: registrar })).json.items as { status: string; deadline: string | null; warningCount: number; sellerRegion: string }[];
    expect(new Set(queue.map((c) => c.status))).toEqual(new Set(['submitted', 'accepted', 'registered', 'rejected', 'terminated']));
    expect(new Set(queue.filter((c) => c.status === 'accepted').map((c) => c.deadline))).toEqual(new Set(['overdue', 'due_soon', 'ok']));
    expect(queue.some((c) => c.warningCount > 0)).toBe(true);
    const broker = await login(t.app, 'broker@demo.ttx');
    expect((await call(t.app, 'GET', '/api/contracts?status=draft', { token: broker })).json.total).toBe(1);
    const tto = await login(t.app, 'tto@demo.ttx');
    expect((await call(t.app, 'GET', '/api/contracts', { token: tto })).json.total).toBe(2);
    // sme@demo.ttx sees the contracts where it is the buyer, and its own filing.
    const sme = await login(t.app, 'sme@demo.ttx');
    expect((await call(t.app, 'GET', '/api/contracts', { token: sme })).json.total).toBeGreaterThanOrEqual(3);
    const stats = await call(t.app, 'GET', '/api/stats/contracts?groupBy=province');
    expect(stats.json.items.length).toBeGreaterThan(20);
    // Numbers are valid, unique and gapless per region and year.
    const gaps = await t.app.get(DataSource).query(
      `SELECT left(registration_number, 10) AS k, count(*)::int AS n, max(right(registration_number, 6)::int) AS mx FROM contracts
        WHERE registration_number IS NOT NULL GROUP BY 1 HAVING count(*) <> max(right(registration_number, 6)::int)`,
    );
    expect(gaps).toEqual([]);
  }, 60_000);
});
