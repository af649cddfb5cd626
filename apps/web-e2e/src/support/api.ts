import { DEMO_PASSWORD } from './flows';

/** JSON call to the booted api, for set-up the web has no form for (listing an auction, declaring an open licence). */
export async function api(baseUrl: string, method: string, url: string, body?: unknown, token?: string) {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${url} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** An access token of a demo user. */
export const token = async (baseUrl: string, email: string) => (await api(baseUrl, 'POST', '/api/auth/login', { email, password: DEMO_PASSWORD })).accessToken as string;
