import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** Names of settings that must never be printed, not even in a validation message. */
export const SECRET_KEYS = ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'SMTP_URL', 'TTX_DEMO_PASSWORD', 'DATABASE_URL', 'REDIS_URL'] as const;

const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL with scheme ${protocols.join(' or ')}`);

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  REDIS_URL: url(['redis:', 'rediss:']),
  /** Prefix for every BullMQ/Redis key, so several deployments or test runs can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i, 'letters, digits, - and _ only').default('ttx'),
  JWT_ACCESS_SECRET: z.string().min(32, 'must be at least 32 characters'),
  JWT_REFRESH_SECRET: z.string().min(32, 'must be at least 32 characters'),
  JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  JWT_REFRESH_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().default('TTX <no-reply@ttx.local>'),
  TTX_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('ttx-demo-2026'),
  /** Where the built Angular app lives; the api serves it at / when the folder exists. */
  WEB_DIST: z.string().default('dist/apps/web/browser'),
  /** Uploaded bulk-import files wait here for the worker; api and worker must share it. */
  IMPORT_DIR: z.string().default(join(tmpdir(), 'ttx-imports')),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Lifetime of cached public search results; 0 turns the cache off. Writes invalidate entries at once anyway. */
  SEARCH_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Where uploaded files are stored, content-addressed (created when missing). */
  FILES_DIR: z.string().min(1).default('.data/files'),
  /** Largest achievement attachment accepted, in MB. */
  ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(512).default(20),
  /** Matches counted, faceted and ranked per search; beyond it totals are lower bounds ("10,000+"). */
  SEARCH_COUNT_CAP: z.coerce.number().int().min(100).max(1_000_000).default(10_000),
  /**
   * Length of one public-notice (公示) day in ms. Real days in production; tests and e2e journeys shorten
   * the notice period with it instead of waiting 15 days.
   */
  RIGHTS_NOTICE_DAY_MS: z.coerce.number().int().min(1).max(86_400_000).default(86_400_000),
  /**
   * Days the licensing calendar runs ahead of the real one (royalty periods, deferrals, due dates), so e2e
   * journeys can report a period's sales and see a deferral end without waiting months. 0 in production
   * (the licensing module refuses anything else there).
   */
  LICENSING_CLOCK_OFFSET_DAYS: z.coerce.number().int().min(-3650).max(3650).default(0),
});

export type AppConfig = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Parses the environment; the message names the first bad variable and never echoes its value. */
export function parseEnv(env: NodeJS.ProcessEnv): AppConfig {
  return parseWith(envSchema, env);
}

/** Only the named settings — for tools such as the migration CLI that need just the database. */
export function parseEnvSubset<K extends keyof AppConfig>(env: NodeJS.ProcessEnv, keys: K[]): Pick<AppConfig, K> {
  const mask = Object.fromEntries(keys.map((k) => [k, true]));
  return parseWith(envSchema.pick(mask as never), env) as unknown as Pick<AppConfig, K>;
}

function parseWith<T extends z.ZodTypeAny>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = String(issue.path[0] ?? 'environment');
    const reason = issue.code === 'invalid_type' && cleaned[key] === undefined ? 'is required' : issue.message;
    throw new ConfigError(`Invalid configuration: ${key} ${reason}`);
  }
  return result.data;
}

/** For start-up: print one line and exit instead of a stack trace. */
export function loadEnvOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return orExit(() => parseEnv(env));
}

export function orExit<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}
