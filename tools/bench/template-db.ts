/**
 * Catalog benchmarks on a pre-generated database. Generating 1,000,000 achievements takes ~20 min on
 * this machine, so a bench given `--template <db>` boots on `CREATE DATABASE <run> TEMPLATE <db>` (a file
 * copy: the template is only read, never modified), runs the copy's pending migrations, checks it holds
 * at least N published achievements and skips the generation. Without a template it seeds the demo data
 * and generates N rows as before. Used by catalog.bench.ts and brokerage.bench.ts.
 */
import { Client } from 'pg';
import { bootBuiltPlatform, type BootOptions, type BuiltPlatform } from '@ttx/api/core/testing';
import { generateCatalog, type GenerateResult } from './catalog-generate';

export interface CatalogPlatform {
  platform: BuiltPlatform;
  /** The generation's figures; null when the rows came from the template. */
  gen: GenerateResult | null;
  /** Published achievements in the run's database (demo rows included). */
  published: number;
}

export async function countPublished(url: string): Promise<number> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM achievements WHERE status = 'published'`)).rows;
    return n;
  } finally {
    await db.end();
  }
}

/**
 * Boots the built platform (demo data included) with at least `n` published achievements: copied from
 * `template`, or seeded and generated. On failure everything started is stopped again.
 */
export async function bootCatalogPlatform(opts: {
  n: number;
  template?: string;
  boot: Omit<BootOptions, 'seedDemo' | 'template'>;
  log: (msg: string) => void;
}): Promise<CatalogPlatform> {
  const t0 = Date.now();
  const platform = await bootBuiltPlatform({ ...opts.boot, seedDemo: opts.template === undefined, template: opts.template });
  try {
    const url = platform.env['DATABASE_URL'];
    if (opts.template !== undefined) {
      const published = await countPublished(url);
      opts.log(`copied template ${opts.template} (${published.toLocaleString('en')} published achievements) and booted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      if (published < opts.n) {
        throw new Error(`template ${opts.template} holds ${published} published achievements, fewer than --n ${opts.n} (pass a smaller --n or generate a larger template)`);
      }
      return { platform, gen: null, published };
    }
    const gen = await generateCatalog({ url, n: opts.n, log: (m) => opts.log(`generate: ${m}`) });
    opts.log(
      `generated ${gen.rows.toLocaleString('en')} achievements (+${gen.inventors.toLocaleString('en')} inventors, ${gen.ipRecords.toLocaleString('en')} IP records) in ${gen.seconds.toFixed(1)} s: ` +
        `${gen.rowsPerSec.toFixed(0)} rows/s overall (load ${gen.loadSeconds.toFixed(1)} s, GIN index ${gen.indexSeconds.toFixed(1)} s)`,
    );
    return { platform, gen, published: await countPublished(url) };
  } catch (e) {
    await platform.stop({ keepLogs: true });
    throw e;
  }
}
