import { KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import type { AppConfig } from '../config/env';
import type { AuthUser } from './decorators';
import { JWT_ISSUER, JwtStrategy } from './jwt.strategy';

const SECRET = 's'.repeat(40);
const config = { JWT_ACCESS_SECRET: SECRET } as AppConfig;
const claims = { sub: 'u-1', email: 'r@demo.ttx', roles: ['researcher', 'not-a-role'], typ: 'access' };

type Outcome = { user: AuthUser } | { fail: string } | { error: unknown };

/** Runs passport's authenticate as the guard would and reports what the strategy decided. */
function authenticate(strategy: JwtStrategy, token: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const s = strategy as unknown as Record<string, unknown> & { authenticate(req: unknown): void };
    s['success'] = (user: AuthUser) => resolve({ user });
    s['fail'] = (info: unknown) => resolve({ fail: info instanceof Error ? info.name : String(info) });
    s['error'] = (error: unknown) => resolve({ error });
    s.authenticate({ headers: { authorization: `Bearer ${token}` } });
  });
}

const sign = (payload: object, secret = SECRET, options: jwt.SignOptions = {}) =>
  jwt.sign(payload, secret, { algorithm: 'HS256', issuer: JWT_ISSUER, expiresIn: 60, ...options });

describe('JwtStrategy', () => {
  const strategy = new JwtStrategy(config);

  it('hands passport one KeyObject made at start-up, not a string to re-derive per request', () => {
    type Provider = (req: unknown, raw: string, done: (err: unknown, key: unknown) => void) => void;
    const provider = (strategy as unknown as { _secretOrKeyProvider: Provider })._secretOrKeyProvider;
    const keys: unknown[] = [];
    for (let i = 0; i < 2; i++) provider({}, 'token', (_err, key) => keys.push(key));
    expect(keys[0]).toBeInstanceOf(KeyObject);
    expect(keys[1]).toBe(keys[0]);
    expect((keys[0] as KeyObject).type).toBe('secret');
    expect((keys[0] as KeyObject).symmetricKeySize).toBe(SECRET.length);
  });

  it('accepts a valid access token and keeps only known roles', async () => {
    expect(await authenticate(strategy, sign(claims))).toEqual({
      user: { id: 'u-1', email: 'r@demo.ttx', roles: ['researcher'] },
    });
    // The same key object serves every request.
    expect(await authenticate(strategy, sign({ ...claims, sub: 'u-2' }))).toMatchObject({ user: { id: 'u-2' } });
  });

  it.each([
    ['another secret', () => sign(claims, 'x'.repeat(40)), 'JsonWebTokenError'],
    ['another issuer', () => sign(claims, SECRET, { issuer: 'evil' }), 'JsonWebTokenError'],
    ['another algorithm', () => sign(claims, SECRET, { algorithm: 'HS512' }), 'JsonWebTokenError'],
    ['an expired token', () => jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, SECRET, { issuer: JWT_ISSUER }), 'TokenExpiredError'],
  ])('rejects %s', async (_label, token, reason) => {
    expect(await authenticate(strategy, token())).toEqual({ fail: reason });
  });

  it('rejects a refresh token signed with the same key', async () => {
    expect(await authenticate(strategy, sign({ ...claims, typ: 'refresh' }))).toHaveProperty('fail');
  });
});
