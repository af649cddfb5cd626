import { Logger } from '@nestjs/common';
import { CatalogModule, CatalogSeeder } from '@ttx/api/catalog';
import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, login, WORKSPACE_ROOT, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { MarketModule, MarketSeeder } from '@ttx/api/market';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { RegistryModule } from '../registry.module';
import { RegistrySeeder } from '../seed/registry-seeder';
import { DealContractBridge } from './deal-contract.bridge';
import { RegistryDealsModule } from './registry-deals.module';

/** Demo seeding (as `cli.js seed-demo` runs it, with the bridge loaded): seeded market deals get draft contracts. */
const SEEDS = resolve(WORKSPACE_ROOT, 'seeds/demo');
let t: TestApp;
let ds: DataSource;
const warnings = jest.spyOn(Logger.prototype, 'warn');

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule, MarketModule, RegistryModule, RegistryDealsModule]);
  ds = t.app.get(DataSource);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
  await t.app.get(CatalogSeeder).seed(SEEDS);
  expect(await t.app.get(MarketSeeder).seed(SEEDS)).toBe('seeded');
}, 240_000);
afterAll(() => t?.close());

/**
 * Deals with a price. A royalty-only open licence (price 0, seeded too) has no contract amount yet, so it
 * gets no draft (amount > 0, DOMAIN.md §5): its seller files it by hand, as for any draft the bridge cannot make.
 */
const dealIds = async (): Promise<string[]> =>
  (await ds.query(`SELECT payload->>'dealId' AS id FROM market_deal_events WHERE (payload->>'priceFen')::bigint > 0 ORDER BY seq`)).map((r: { id: string }) => r.id);
const draftedDeals = async (): Promise<string[]> => (await ds.query(`SELECT deal_id::text AS id FROM contracts WHERE deal_id IS NOT NULL ORDER BY deal_id`)).map((r: { id: string }) => r.id);

it('drafts a contract for every seeded deal, and the registry demo still loads beside them', async () => {
  const deals = await dealIds();
  expect(deals.length).toBeGreaterThan(0);
  const [{ unpriced }] = await ds.query(`SELECT count(*)::int AS unpriced FROM market_deal_events WHERE (payload->>'priceFen')::bigint = 0`);
  expect(unpriced).toBe(1);
  expect(await draftedDeals()).toEqual([...deals].sort());
  expect(await t.app.get(RegistrySeeder).seed(SEEDS)).toBe('seeded');
  expect(await t.app.get(DealContractBridge).catchUp()).toBe(0);
  // The unpriced deal is skipped by rule, not after a failed attempt: a clean demo seed logs no warning.
  expect(warnings.mock.calls.map((c) => String(c[0])).filter((w) => w.includes('no draft contract'))).toEqual([]);
  // The seller (the demo university) finds them among its drafts.
  const drafts = await call(t.app, 'GET', '/api/contracts?status=draft&pageSize=100', { token: await login(t.app, 'tto@demo.ttx') });
  expect(drafts.json.items.length).toBeGreaterThanOrEqual(deals.length);
}, 120_000);

it('catches up deals recorded while no bridge listened, once (idempotent)', async () => {
  // A database seeded before the bridge was loaded: the deals are there, their drafts are not.
  const drafted: string[] = (await ds.query(`SELECT id FROM contracts WHERE deal_id IS NOT NULL`)).map((r: { id: string }) => r.id);
  await ds.query(`DELETE FROM contract_events WHERE contract_id = ANY($1::uuid[])`, [drafted]);
  await ds.query(`DELETE FROM contracts WHERE id = ANY($1::uuid[])`, [drafted]);
  expect(await draftedDeals()).toEqual([]);
  const bridge = t.app.get(DealContractBridge);
  const deals = await dealIds();
  expect(await bridge.catchUp()).toBe(deals.length);
  expect(await draftedDeals()).toEqual([...deals].sort());
  expect(await bridge.catchUp()).toBe(0);
  // Concurrent catch-ups make no second draft of a deal (unique contracts_deal_key).
  await ds.query(`DELETE FROM contract_events WHERE contract_id IN (SELECT id FROM contracts WHERE deal_id IS NOT NULL)`);
  await ds.query(`DELETE FROM contracts WHERE deal_id IS NOT NULL`);
  const made = await Promise.all([bridge.catchUp(), bridge.catchUp()]);
  expect(made[0] + made[1]).toBe(deals.length);
  expect(await draftedDeals()).toEqual([...deals].sort());
}, 120_000);
