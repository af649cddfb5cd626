/**
 * Creates a pre-generated catalog database for `--template` (template-db.ts): migrated, the demo seed,
 * N generated published achievements, VACUUM ANALYZE. Refuses to overwrite an existing database.
 *
 *   TS_NODE_PROJECT=tools/bench/tsconfig.json node -r ts-node/register/transpile-only -r tsconfig-paths/register \
 *     tools/bench/catalog-template.ts --name ttx_bench_200k --n 200000      (after nx build api: seed-demo is the built cli)
 */
import { spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { createTestDatabase, TEST_ADMIN_URL, testEnv, WORKSPACE_ROOT } from '@ttx/api/core/testing';
import { generateCatalog } from './catalog-generate';

async function main() {
  const args = process.argv.slice(2);
  const arg = (flag: string) => {
    const i = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
    return i < 0 ? undefined : args[i].includes('=') ? args[i].split('=', 2)[1] : args[i + 1];
  };
  const name = arg('--name');
  const n = Number(arg('--n') ?? 1_000_000);
  if (!name || !/^[a-z_][a-z0-9_]{0,62}$/.test(name) || !Number.isInteger(n) || n <= 0) {
    throw new Error('usage: catalog-template.ts --name <db> [--n 1000000]');
  }
  const admin = new Client({ connectionString: TEST_ADMIN_URL });
  await admin.connect();
  try {
    if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount) throw new Error(`database ${name} exists already`);
    const db = await createTestDatabase();
    try {
      const env = { ...process.env, ...testEnv(db), LOG_LEVEL: 'warn' };
      const seed = spawnSync(process.execPath, ['dist/apps/api/cli.js', 'seed-demo'], { cwd: WORKSPACE_ROOT, env, encoding: 'utf8' });
      if (seed.status !== 0) throw new Error(`seed-demo failed: ${seed.stdout}${seed.stderr}`);
      const gen = await generateCatalog({ url: db.url, n, log: (m) => process.stdout.write(`[catalog-template] ${m}\n`) });
      const c = new Client({ connectionString: db.url });
      await c.connect();
      await c.query('VACUUM ANALYZE').finally(() => c.end());
      await admin.query(`ALTER DATABASE ${db.name} RENAME TO ${name}`);
      process.stdout.write(`[catalog-template] ${name}: ${gen.rows} achievements in ${gen.seconds.toFixed(0)} s\n`);
    } catch (e) {
      await db.drop();
      throw e;
    }
  } finally {
    await admin.end();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
