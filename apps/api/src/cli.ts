import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { writeFileSync } from 'node:fs';
import { CoreModule, dataSourceOptions, orExit, parseEnvSubset } from '@ttx/api/core';
import { BrokerageDealsModule, BrokerageModule, BrokerageSeeder } from '@ttx/api/brokerage';
import { CatalogModule, CatalogSeeder } from '@ttx/api/catalog';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { RightsModule, RightsSeeder } from '@ttx/api/rights';
import { DealContractBridge, RegistryDealsModule, RegistryModule, RegistrySeeder } from '@ttx/api/registry';
import { MarketModule, MarketSeeder } from '@ttx/api/market';
import { LicensingModule, LicensingSeeder } from '@ttx/api/licensing';
import { appOpenApiDocument, serializeOpenApi } from './app/openapi-document';

/** `node dist/apps/api/cli.js migrate|revert|seed-demo` — what the start script and deployments run. */
async function main(command: string | undefined): Promise<void> {
  const log = new Logger('cli');
  if (command === 'migrate' || command === 'revert') {
    const { DATABASE_URL } = orExit(() => parseEnvSubset(process.env, ['DATABASE_URL']));
    const ds = await new DataSource(dataSourceOptions(DATABASE_URL)).initialize();
    try {
      if (command === 'migrate') {
        const ran = await ds.runMigrations({ transaction: 'each' });
        log.log(ran.length ? `Applied ${ran.map((m) => m.name).join(', ')}` : 'Database is up to date');
      } else {
        await ds.undoLastMigration({ transaction: 'each' });
        log.log('Reverted the last migration');
      }
    } finally {
      await ds.destroy();
    }
    return;
  }
  if (command === 'seed-demo') {
    const app = await NestFactory.createApplicationContext(
      { module: class SeedModule {}, imports: [CoreModule, IdentityModule, CatalogModule, RightsModule, MarketModule, RegistryModule, RegistryDealsModule, BrokerageModule, BrokerageDealsModule, LicensingModule] } as never,
      { logger: ['error', 'warn', 'log'] },
    );
    try {
      const dir = resolve(process.env['TTX_SEEDS_DIR'] ?? 'seeds', 'demo');
      const outcome = await app.get(DemoSeeder).seed(resolve(dir, 'identity.json'));
      log.log(outcome === 'seeded' ? 'Demo data loaded' : 'Demo data skipped (database not empty or production)');
      // After identity (institutions and users exist); loads only into an empty catalog, never in production.
      const catalog = await app.get(CatalogSeeder).seed(dir);
      log.log(catalog === 'seeded' ? 'Catalog demo data loaded' : 'Catalog demo data skipped (catalog not empty or production)');
      // After the catalog (achievements exist); loads only into an empty rights context, never in production.
      const rights = await app.get(RightsSeeder).seed(dir);
      log.log(rights === 'seeded' ? 'Rights demo data loaded' : 'Rights demo data skipped (rights not empty or production)');
      // After the catalog (listings name published achievements); only into an empty market, never in production.
      const market = await app.get(MarketSeeder).seed(dir);
      log.log(market === 'seeded' ? 'Market demo data loaded' : 'Market demo data skipped (market not empty or production)');
      // After the catalog: technology contracts in every state; only into an empty registry, never in production.
      const registry = await app.get(RegistrySeeder).seed(dir);
      log.log(registry === 'seeded' ? 'Registry demo data loaded' : 'Registry demo data skipped (registry not empty or production)');
      // Seeded deals get their drafts from the bridge as they are made; this drafts those of databases seeded before it.
      await app.get(DealContractBridge).catchUp();
      // After the catalog (rooms name published achievements); only into an empty brokerage context.
      const brokerage = await app.get(BrokerageSeeder).seed(dir);
      log.log(brokerage === 'seeded' ? 'Brokerage demo data loaded' : 'Brokerage demo data skipped (brokerage not empty or production)');
      // After catalog, rights and brokerage (licensors from the ownership ledger); only into an empty licensing context.
      const licensing = await app.get(LicensingSeeder).seed(dir);
      log.log(licensing === 'seeded' ? 'Licensing demo data loaded' : 'Licensing demo data skipped (licensing not empty or production)');
    } finally {
      await app.close();
    }
    return;
  }
  if (command === 'openapi') {
    const json = serializeOpenApi(await appOpenApiDocument());
    if (process.argv[3]) writeFileSync(process.argv[3], json);
    else process.stdout.write(json);
    return;
  }
  process.stderr.write('usage: cli.js migrate | revert | seed-demo | openapi [file]\n');
  process.exit(2);
}

main(process.argv[2]).catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
