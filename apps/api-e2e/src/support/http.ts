/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are whatever the api sends; the specs assert them */
import fs from 'node:fs';
import { STATE_ENV, type E2eState } from './paths';

let cached: E2eState | undefined;

/** Base URL, env (secrets included) and log files of the api + worker booted by globalSetup. */
export function e2eState(): E2eState {
  if (!cached) {
    const file = process.env[STATE_ENV];
    if (!file) throw new Error(`${STATE_ENV} is not set: run through \`nx e2e api-e2e\` (globalSetup boots the api)`);
    cached = JSON.parse(fs.readFileSync(file, 'utf8')) as E2eState;
  }
  return cached;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  contentType: string;
  body: T;
  text: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** A raw body sent as is (with its own content-type header). */
  rawBody?: string;
  /** A multipart body (fetch sets the content-type with its boundary). */
  form?: FormData;
  headers?: Record<string, string>;
}

/** One HTTP call against the booted api; JSON bodies in and out. */
export async function api<T = any>(method: string, path: string, opts: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
  let body: string | FormData | undefined;
  if (opts.form) body = opts.form;
  else if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(`${e2eState().baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  let parsed: unknown = text;
  if (/json/.test(contentType) && text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, headers: res.headers, contentType, body: parsed as T, text };
}

export const DEMO_PASSWORD = 'ttx-demo-2026';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; email: string; roles: string[] };
}

export async function login(email: string, password = DEMO_PASSWORD): Promise<TokenPair> {
  const res = await api<TokenPair>('POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email} → ${res.status} ${res.text}`);
  return res.body;
}

/** Retries `probe` until it returns a value (not undefined) or the time is up. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A unique e-mail per call, so reruns against a shared Redis never collide on rate limits. */
export const uniqueEmail = (tag: string) => `${tag}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.ttx`;

/** Asserts an RFC 9457 problem document with the given status. */
export function expectProblem(res: ApiResponse, status: number): void {
  expect({ status: res.status, contentType: res.contentType }).toEqual({
    status,
    contentType: expect.stringContaining('application/problem+json'),
  });
  expect(res.body).toEqual(expect.objectContaining({ status, title: expect.any(String), type: expect.any(String) }));
}
