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

  it('send what the live transitions send: the registrar hears of its queue, the filers of the decisions, nobody else', async () => {
    const rows: { email: string; kind: string; title: { zh: string; en: string }; body: { zh: string; en: string } }[] = await t.app.get(DataSource).query(
      `SELECT u.email, o.payload->>'kind' AS kind, o.payload->'title' AS title, o.payload->'body' AS body FROM outbox o
         JOIN users u ON u.id = (o.payload->>'userId')::uuid WHERE o.payload->>'kind' LIKE 'contract.%' ORDER BY u.email, kind`,
    );
    const kinds = (email: string) => rows.filter((r) => r.email === email).map((r) => r.kind);
    // c02–c07: the agency's contracts in Beijing Haidian still waiting for the Beijing registrar.
    expect(kinds('registrar@demo.ttx')).toEqual(Array(6).fill('contract.submitted'));
    // The agency files with its brokers: two registered (c08, c09), one rejected (c10).
    for (const broker of ['broker@demo.ttx', 'broker2@demo.ttx']) expect(kinds(broker).sort()).toEqual(['contract.registered', 'contract.registered', 'contract.rejected']);
    const registered = rows.find((r) => r.email === 'broker@demo.ttx' && r.kind === 'contract.registered');
    expect(registered?.title.zh).toMatch(/^技术合同已登记：\d{16}$/);
    expect(registered?.body.en).toContain('is registered as');
    const rejected = rows.find((r) => r.email === 'broker@demo.ttx' && r.kind === 'contract.rejected');
    expect(rejected?.body.zh).toContain('不属于技术合同');
    expect(rejected?.body.en).toContain('Not a technology contract');
    // Other organisations' users (and Hefei filers: no registrar covers Anhui in the demo) hear nothing of the agency's contracts.
    expect(new Set(rows.map((r) => r.email))).toEqual(new Set(['registrar@demo.ttx', 'broker@demo.ttx', 'broker2@demo.ttx']));
  });
});
