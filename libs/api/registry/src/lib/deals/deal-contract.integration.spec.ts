import { CatalogModule, CatalogSeeder } from '@ttx/api/catalog';
import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, login, WORKSPACE_ROOT, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { MarketModule } from '@ttx/api/market';
import { withPatentCheckCharacter } from '@ttx/shared/policy';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { RegistryModule } from '../registry.module';
import { RegistryDealsModule } from './registry-deals.module';

/** A real market deal (negotiation: offer → accept) becomes a draft contract of the seller, in the same transaction. */
const SEEDS = resolve(WORKSPACE_ROOT, 'seeds/demo');
let t: TestApp;
const token: Record<string, string> = {};

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule, MarketModule, RegistryModule, RegistryDealsModule]);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
  const ds = t.app.get(DataSource);
  await ds.transaction((m) => t.app.get(CatalogSeeder).seedFields(m, resolve(SEEDS, 'fields.json')));
  for (const who of ['tto', 'sme']) token[who] = await login(t.app, `${who}@demo.ttx`);
}, 120_000);
afterAll(() => t?.close());

it('turns an accepted offer into a draft transfer contract of the seller with the buyer, price and date of the deal', async () => {
  const created = await call(t.app, 'POST', '/api/achievements', {
    token: token['tto'],
    body: {
      kind: 'invention_patent',
      title: { zh: '钠离子电池正极材料制备方法', en: 'Sodium-ion cathode synthesis' },
      abstract: { zh: '一种钠离子电池正极材料。' },
      fieldCode: '01.01',
      dealTypes: ['transfer'],
      ipRecords: [{ number: withPatentCheckCharacter('202311223344'), office: 'CNIPA', status: 'granted', expiryDate: '2043-01-01' }],
      inventors: [{ name: '赵六', sharePct: 100 }],
    },
  });
  expect(created.status).toBe(201);
  for (const step of ['submit', 'publish']) expect((await call(t.app, 'POST', `/api/achievements/${created.json.id}/${step}`, { token: token['tto'] })).status).toBe(200);
  const listing = await call(t.app, 'POST', '/api/listings', { token: token['tto'], body: { achievementId: created.json.id, method: 'negotiation', dealType: 'transfer' } });
  expect(listing.status).toBe(201);
  const offer = await call(t.app, 'POST', `/api/listings/${listing.json.id}/offers`, { token: token['sme'], body: { price: 3_200_000_00 } });
  expect(offer.status).toBe(201);
  const accepted = await call(t.app, 'POST', `/api/offers/${offer.json.id}/accept`, { token: token['tto'] });
  expect(accepted.status).toBeLessThan(300);

  const mine = await call(t.app, 'GET', '/api/contracts?status=draft', { token: token['tto'] });
  expect(mine.status).toBe(200);
  const draft = mine.json.items.find((c: { projectName: string }) => c.projectName === '钠离子电池正极材料制备方法');
  expect(draft).toBeDefined();
  const detail = await call(t.app, 'GET', `/api/contracts/${draft.id}`, { token: token['tto'] });
  expect(detail.json).toMatchObject({ kind: 'transfer', status: 'draft', contractAmount: 3_200_000_00, techTransactionAmount: 3_200_000_00 });
  expect(JSON.stringify(detail.json)).toContain('"subKind":"patent_right"');
});
