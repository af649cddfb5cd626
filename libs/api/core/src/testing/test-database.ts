import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../lib/database/database.module';

/** Admin connection to a real PostgreSQL server; `npm test` provisions one and exports it. */
export const TEST_ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: TEST_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A plain PostgreSQL identifier: template names are interpolated into CREATE DATABASE. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A fresh database per test file, UTF-8 with a UTF-8 ctype (Chinese text must be indexable),
 * migrated to the latest schema; dropped by `drop()`.
 * With `template`, the database is a file copy of that (pre-filled, e.g. benchmark) database, which is
 * only read; its pending migrations, if any, run on the copy.
 */
export async function createTestDatabase(opts: { migrate?: boolean; template?: string } = {}): Promise<TestDatabase> {
  const name = `ttx_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (opts.template !== undefined) {
    const template = opts.template;
    if (!IDENTIFIER.test(template)) throw new Error(`template database name ${JSON.stringify(template)} is not a plain identifier`);
    // FILE_COPY copies the files (two checkpoints) instead of WAL-logging every page of a multi-GB database.
    // It fails while anything is connected to the template: retry for a while, another run may be copying it.
    await withAdmin(async (c) => {
      for (let attempt = 1; ; attempt++) {
        try {
          await c.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`);
          return;
        } catch (e) {
          if (!/being accessed by other users/.test((e as Error).message) || attempt >= 60) throw e;
          await new Promise((r) => setTimeout(r, 5_000));
        }
      }
    });
  } else {
    await withAdmin((c) =>
      c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`),
    );
  }
  const u = new URL(TEST_ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  if (opts.migrate !== false) {
    const ds = await new DataSource(dataSourceOptions(url)).initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
  }
  return {
    name,
    url,
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Environment for a Nest app under test: its own database and its own Redis key prefix. */
export function testEnv(db: TestDatabase, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `ttx-t-${randomBytes(4).toString('hex')}`,
    JWT_ACCESS_SECRET: randomBytes(24).toString('hex'),
    JWT_REFRESH_SECRET: randomBytes(24).toString('hex'),
    ...extra,
  };
}

/** Removes every key a test run wrote under its prefix (BullMQ queues, rate-limit counters). */
export async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const { default: IORedis } = await import('ioredis');
  const redis = new IORedis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    /* Redis down (e.g. the health test): nothing was written */
  } finally {
    redis.disconnect();
  }
}
