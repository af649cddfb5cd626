import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import * as jwt from 'jsonwebtoken';
// The CommonJS module object itself (the namespace import above is a copy under esModuleInterop).
const jsonwebtoken = require('jsonwebtoken') as typeof jwt;
import type { AppConfig } from '../config/env';
import type { AuthUser } from './decorators';
import { JwtAuthGuard } from './guards';
import { JWT_ISSUER, JwtStrategy } from './jwt.strategy';
import { bearerToken, VerifiedTokens } from './verified-tokens';

const SECRET = 't'.repeat(40);
const claims = { sub: 'u-1', email: 'r@demo.ttx', roles: ['researcher'], typ: 'access' };
const sign = (payload: object, options: jwt.SignOptions = { expiresIn: 60 }) =>
  jwt.sign(payload, SECRET, { algorithm: 'HS256', issuer: JWT_ISSUER, ...options });
const user: AuthUser = { id: 'u-1', email: 'r@demo.ttx', roles: ['researcher'] };

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer   abc', 'abc'],
    ['Basic abc', undefined],
    ['Bearer a b', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, token) => expect(bearerToken(header)).toBe(token));
});

describe('VerifiedTokens', () => {
  it('remembers a token until its exp, exactly as jsonwebtoken expires it (now ≥ exp)', () => {
    let now = Date.now();
    const tokens = new VerifiedTokens(() => now);
    const token = sign(claims);
    const exp = (jwt.decode(token) as { exp: number }).exp;
    tokens.remember(token, user);
    expect(tokens.get(token)).toBe(user);
    expect(tokens.get(`${token}x`)).toBeUndefined();
    now = exp * 1000 - 1;
    expect(tokens.get(token)).toBe(user);
    now = exp * 1000;
    expect(tokens.get(token)).toBeUndefined();
  });

  it('never remembers a token without exp, or one already expired', () => {
    const tokens = new VerifiedTokens();
    const noExp = sign(claims, {});
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 1 }, SECRET, { issuer: JWT_ISSUER });
    tokens.remember(noExp, user);
    tokens.remember(expired, user);
    tokens.remember('not-a-jwt', user);
    expect(tokens.get(noExp)).toBeUndefined();
    expect(tokens.get(expired)).toBeUndefined();
    expect(tokens.get('not-a-jwt')).toBeUndefined();
  });
});

describe('JwtAuthGuard with remembered tokens', () => {
  new JwtStrategy({ JWT_ACCESS_SECRET: SECRET } as AppConfig); // registers the 'jwt' strategy with passport
  const reflector = new Reflector();
  const context = (authorization?: string) => {
    const req: { headers: Record<string, string>; user?: AuthUser } = { headers: authorization ? { authorization } : {} };
    const handler = () => undefined;
    return { req, ctx: new ExecutionContextHost([req, {}, () => undefined], class {}, handler) };
  };

  it('verifies a token once, then reuses its user without verifying again', async () => {
    const guard = new JwtAuthGuard(reflector);
    const token = sign(claims);
    // passport-jwt calls jsonwebtoken's verify through the module object, so the spy sees its calls.
    const verify = jest.spyOn(jsonwebtoken, 'verify');
    try {
      const first = context(`Bearer ${token}`);
      expect(await guard.canActivate(first.ctx)).toBe(true);
      expect(first.req.user).toEqual(user);
      expect(verify).toHaveBeenCalledTimes(1);
      const second = context(`Bearer ${token}`);
      expect(await guard.canActivate(second.ctx)).toBe(true);
      expect(second.req.user).toEqual(user);
      expect(verify).toHaveBeenCalledTimes(1);
    } finally {
      verify.mockRestore();
    }
  });

  it('still refuses a missing, forged or refresh token', async () => {
    const guard = new JwtAuthGuard(reflector);
    const good = sign(claims);
    await guard.canActivate(context(`Bearer ${good}`).ctx);
    const forged = `${good.slice(0, good.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    for (const header of [undefined, `Bearer ${forged}`, `Bearer ${sign({ ...claims, typ: 'refresh' })}`]) {
      await expect(guard.canActivate(context(header).ctx)).rejects.toMatchObject({ slug: 'unauthorized' });
    }
  });
});
