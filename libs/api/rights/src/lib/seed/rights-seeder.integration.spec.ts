import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { CatalogModule, CatalogSeeder } from '@ttx/api/catalog';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { PlatformModule } from '@ttx/api/platform';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { RightsModule } from '../rights.module';
import { RightsSeeder } from './rights-seeder';

const SEEDS = resolve(__dirname, '../../../../../../seeds/demo');
let t: TestApp;

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, PlatformModule, CatalogModule, RightsModule]);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
  await t.app.get(CatalogSeeder).seed(SEEDS);
}, 120_000);
afterAll(() => t?.close());

const login = async (email: string) => (await call(t.app, 'POST', '/api/auth/login', { body: { email, password: 'ttx-demo-2026' } })).json.accessToken as string;

describe('rights demo seed', () => {
  it('loads once, showing every state to the demo users', async () => {
    expect(await t.app.get(RightsSeeder).seed(SEEDS)).toBe('seeded');
    expect(await t.app.get(RightsSeeder).seed(SEEDS)).toBe('skipped');
    const researcher = await login('researcher@demo.ttx');
    // The seeded decisions told the applicant, as live ones do (the outbox; the worker delivers them).
    const told: { kind: string }[] = await t.app.get(DataSource).query(
      `SELECT o.payload->>'kind' AS kind FROM outbox o JOIN users u ON u.id::text = o.payload->>'userId' WHERE u.email = 'researcher@demo.ttx' ORDER BY o.created_at`,
    );
    expect(told.map((n) => n.kind).sort()).toEqual(['empowerment-final', 'empowerment-review-approve', 'empowerment-review-approve', 'empowerment-review-reject']);
    const tto = await login('tto@demo.ttx');
    const mine = await call(t.app, 'GET', '/api/empowerments?pageSize=50', { token: researcher });
    expect(mine.json.items.map((e: { status: string }) => e.status).sort()).toEqual(['consenting', 'final', 'in_notice', 'rejected', 'under_review']);
    const queue = await call(t.app, 'GET', '/api/empowerments?scope=review&status=under_review', { token: tto });
    expect(queue.json.total).toBe(1);
    const open = await call(t.app, 'GET', '/api/disclosures?status=open');
    expect(open.json.items).toHaveLength(1);
    expect(open.json.items[0].objections).toMatchObject({ total: 1, open: 1 });
    const final = mine.json.items.find((e: { status: string }) => e.status === 'final');
    const ledger = await call(t.app, 'GET', `/api/achievements/${final.achievementId}/ownership`, { token: await login('sme@demo.ttx') });
    expect(ledger.json.totalPct).toBe(100);
    expect(ledger.json.shares[0]).toMatchObject({ holderType: 'institution', sharePct: 30 });
    expect(ledger.json.history).toHaveLength(1);
    const [uni] = await t.app.get(DataSource).query(`SELECT id FROM organizations WHERE name = '合肥科技大学（演示）'`);
    expect((await call(t.app, 'GET', `/api/institutions/${uni.id}/policy`, { token: researcher })).json.version).toBe(2);
    expect((await call(t.app, 'GET', `/api/institutions/${uni.id}/negative-list`, { token: tto })).json).toHaveLength(2);
  });
});
