import { BrokerageModule } from '@ttx/api/brokerage';
import { CatalogModule, CatalogSeeder } from '@ttx/api/catalog';
import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, login, WORKSPACE_ROOT, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { MarketModule } from '@ttx/api/market';
import { PlatformModule } from '@ttx/api/platform';
import { RightsModule, RightsSeeder } from '@ttx/api/rights';
import { resolve } from 'node:path';
import { LicensingModule } from '../licensing.module';
import { LicensingSeeder } from './licensing-seeder';

const SEEDS = resolve(WORKSPACE_ROOT, 'seeds/demo');
let t: TestApp;

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, PlatformModule, CatalogModule, RightsModule, MarketModule, BrokerageModule, LicensingModule]);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
  await t.app.get(CatalogSeeder).seed(SEEDS);
  await t.app.get(RightsSeeder).seed(SEEDS);
}, 120_000);
afterAll(() => t?.close());

describe('licensing demo seeds', () => {
  it('load once, in every state the demo users look for', async () => {
    expect(await t.app.get(LicensingSeeder).seed(SEEDS)).toBe('seeded');
    expect(await t.app.get(LicensingSeeder).seed(SEEDS)).toBe('skipped');

    const sme = await login(t.app, 'sme@demo.ttx');
    const mine = (await call(t.app, 'GET', '/api/licences?pageSize=50', { token: sme })).json.items as { id: string; status: string; deferredUntil: string | null; outstanding: number; overdue: number; role: string }[];
    expect(new Set(mine.map((l) => l.status))).toEqual(new Set(['active', 'draft']));
    expect(mine.every((l) => l.role === 'licensee')).toBe(true);
    // Use first, pay later: a deferred licence with nothing invoiced yet.
    const deferred = mine.find((l) => l.deferredUntil);
    expect(deferred?.outstanding).toBe(0);
    // Paid, part-paid and overdue invoices.
    const statuses = new Set<string>();
    for (const l of mine) for (const i of (await call(t.app, 'GET', `/api/licences/${l.id}/invoices`, { token: sme })).json.items) statuses.add(i.overdue ? 'overdue' : i.status);
    expect(statuses).toEqual(new Set(['paid', 'partially_paid', 'overdue', 'open']));
    // A licence with milestones still pending.
    const details = await Promise.all(mine.map(async (l) => (await call(t.app, 'GET', `/api/licences/${l.id}`, { token: sme })).json));
    expect(details.some((d) => d.milestones.some((m: { status: string }) => m.status === 'pending'))).toBe(true);

    const tto = await login(t.app, 'tto@demo.ttx');
    const all = (await call(t.app, 'GET', '/api/licences?pageSize=50', { token: tto })).json.items as { status: string }[];
    expect(new Set(all.map((l) => l.status))).toEqual(new Set(['active', 'draft', 'terminated']));
    const receivables = (await call(t.app, 'GET', '/api/licensing/receivables', { token: tto })).json;
    expect(receivables.overdue).toBeGreaterThan(0);
    expect(receivables.received).toBeGreaterThan(0);

    const researcher = await login(t.app, 'researcher@demo.ttx');
    const income = (await call(t.app, 'GET', '/api/licensing/income', { token: researcher })).json;
    expect(income.items.length).toBeGreaterThan(0);
    expect(income.total).toBeGreaterThan(0);
  });
});
