import type { ModuleMetadata } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { configureHttpApp, createFastifyAdapter } from '../lib/http/bootstrap';
import { createTestDatabase, dropRedisKeys, testEnv, type TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Boots the given Nest modules over Fastify exactly as main.ts configures them, against a fresh
 * migrated database and real Redis. Requests go through `app.inject` (no sockets, same pipeline).
 */
export async function bootTestApp(imports: ModuleMetadata['imports'], extraEnv: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const env = testEnv(db, extraEnv);
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const moduleRef = await Test.createTestingModule({ imports }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: ['error'] });
    await configureHttpApp(app, { docs: true });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return {
      app,
      db,
      env,
      close: async () => {
        await app.close();
        await dropRedisKeys(env['REDIS_URL'], env['REDIS_PREFIX']);
        await db.drop();
        process.env = saved;
      },
    };
  } catch (e) {
    await db.drop();
    process.env = saved;
    throw e;
  }
}

/** Small helper over fastify inject for JSON calls. */
export async function call(
  app: NestFastifyApplication,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  opts: { body?: unknown; token?: string; headers?: Record<string, string>; ip?: string } = {},
) {
  const res = await app.inject({
    method,
    url,
    remoteAddress: opts.ip,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    payload: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  const type = String(res.headers['content-type'] ?? '');
  const json = type.includes('json') && res.body ? JSON.parse(res.body) : undefined;
  return { status: res.statusCode, headers: res.headers, json, body: res.body };
}

/** An access token for `email` (the demo users' password by default); throws on anything but 200. */
export async function login(app: NestFastifyApplication, email: string, password = 'ttx-demo-2026'): Promise<string> {
  const res = await call(app, 'POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.body}`);
  return res.json.accessToken as string;
}

/** A multipart/form-data body with one file field, as a browser sends it (for `app.inject`). */
export function multipart(fileName: string, content: Buffer, field = 'file') {
  const boundary = `----ttx${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}
