import jwt from 'jsonwebtoken';
import { api, e2eState, eventually, expectProblem, login, uniqueEmail, type TokenPair } from './support/http';

interface Notification {
  id: string;
  kind: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  readAt: string | null;
  createdAt: string;
}

describe('auth over HTTP', () => {
  it('a new user registers → logs in → GET /api/me → the worker delivers the welcome notification', async () => {
    const email = uniqueEmail('newcomer');
    const password = 'correct horse battery';
    const reg = await api('POST', '/api/auth/register', { body: { email, password, displayName: '新用户 Newcomer' } });
    expect(reg.status).toBe(201);
    expect(reg.body).toEqual(expect.objectContaining({ id: expect.any(String), email, displayName: '新用户 Newcomer' }));
    expect(JSON.stringify(reg.body)).not.toContain(password);

    const again = await api('POST', '/api/auth/register', { body: { email, password, displayName: 'twice' } });
    expectProblem(again, 409);

    const pair = await login(email, password);
    expect(pair).toEqual(
      expect.objectContaining({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: expect.any(Number) }),
    );

    const me = await api('GET', '/api/me', { token: pair.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(expect.objectContaining({ id: reg.body.id, email, memberships: [], roles: [] }));

    const welcome = await eventually(async () => {
      const res = await api<{ items: Notification[]; total: number; unread: number }>('GET', '/api/notifications', {
        token: pair.accessToken,
      });
      expect(res.status).toBe(200);
      return res.body.items.find((n) => n.kind === 'welcome');
    }, 10_000);
    expect(welcome).toEqual(
      expect.objectContaining({
        title: { zh: expect.any(String), en: expect.any(String) },
        body: { zh: expect.any(String), en: expect.any(String) },
        readAt: null,
      }),
    );
    const list = await api('GET', '/api/notifications', { token: pair.accessToken });
    expect(list.body).toEqual(expect.objectContaining({ total: 1, unread: 1, page: 1, pageSize: expect.any(Number) }));
  });

  it.each([
    ['admin@demo.ttx', 'platform_admin'],
    ['tto@demo.ttx', 'tto_manager'],
    ['researcher@demo.ttx', 'researcher'],
    ['sme@demo.ttx', 'enterprise_member'],
    ['broker@demo.ttx', 'broker'],
    ['registrar@demo.ttx', 'registrar'],
    ['evaluator@demo.ttx', 'evaluator'],
  ])('demo user %s logs in and /api/me lists the role %s', async (email, role) => {
    const pair = await login(email);
    expect(pair.user.roles).toContain(role);
    const me = await api('GET', '/api/me', { token: pair.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(email);
    expect(me.body.roles).toContain(role);
    expect(me.body.memberships).toEqual(expect.arrayContaining([expect.objectContaining({ role, organizationId: expect.any(String) })]));
  });

  it('refresh rotates: a spent refresh token → 401, and then its successor is revoked too (family)', async () => {
    const first = await login('researcher@demo.ttx');
    const r1 = await api<TokenPair>('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(r1.status).toBe(200);
    const second = r1.body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await api('GET', '/api/me', { token: second.accessToken })).status).toBe(200);

    const replay = await api('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expectProblem(replay, 401);

    const successor = await api('POST', '/api/auth/refresh', { body: { refreshToken: second.refreshToken } });
    expectProblem(successor, 401);

    // Another login of the same user is a different family and still works.
    const other = await login('researcher@demo.ttx');
    expect((await api('POST', '/api/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(200);
  });

  it('two concurrent uses of one refresh token: exactly one wins, and the family ends revoked', async () => {
    const pair = await login('broker@demo.ttx');
    const [a, b] = await Promise.all(
      [1, 2].map(() => api<TokenPair>('POST', '/api/auth/refresh', { body: { refreshToken: pair.refreshToken } })),
    );
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 401]);
    const winner = a.status === 200 ? a.body : b.body;
    // The loser presented a spent token: that revokes the family, the winner's successor included.
    expectProblem(await api('POST', '/api/auth/refresh', { body: { refreshToken: winner.refreshToken } }), 401);
  });

  it('a garbage refresh token → 401 problem', async () => {
    expectProblem(await api('POST', '/api/auth/refresh', { body: { refreshToken: 'not-a-refresh-token' } }), 401);
  });

  describe('access tokens', () => {
    const claims = (sub: string) => ({ sub, email: 'researcher@demo.ttx', roles: ['researcher'], typ: 'access' });
    let userId: string;
    beforeAll(async () => {
      userId = (await login('researcher@demo.ttx')).user.id;
    });

    it('a token signed by the test itself with the env secret is accepted (control)', async () => {
      const token = jwt.sign(claims(userId), e2eState().env['JWT_ACCESS_SECRET'], { issuer: 'ttx', expiresIn: 60 });
      expect((await api('GET', '/api/me', { token })).status).toBe(200);
    });

    it('an expired token → 401 problem', async () => {
      const past = Math.floor(Date.now() / 1000) - 3600;
      const token = jwt.sign({ ...claims(userId), iat: past - 900, exp: past }, e2eState().env['JWT_ACCESS_SECRET'], {
        issuer: 'ttx',
      });
      expectProblem(await api('GET', '/api/me', { token }), 401);
    });

    it('a forged token (wrong secret) → 401 problem', async () => {
      const token = jwt.sign(claims(userId), 'not-the-secret-but-long-enough-0123456789', { issuer: 'ttx', expiresIn: 60 });
      expectProblem(await api('GET', '/api/me', { token }), 401);
    });

    it('a refresh-typed or wrong-issuer token → 401 problem', async () => {
      const secret = e2eState().env['JWT_ACCESS_SECRET'];
      const refreshTyped = jwt.sign({ ...claims(userId), typ: 'refresh' }, secret, { issuer: 'ttx', expiresIn: 60 });
      expectProblem(await api('GET', '/api/me', { token: refreshTyped }), 401);
      const otherIssuer = jwt.sign(claims(userId), secret, { issuer: 'someone-else', expiresIn: 60 });
      expectProblem(await api('GET', '/api/me', { token: otherIssuer }), 401);
    });

    it('no token → 401 problem', async () => {
      expectProblem(await api('GET', '/api/me'), 401);
    });
  });

  it('6 rapid wrong passwords for one e-mail → the 6th is 429 with Retry-After', async () => {
    const email = uniqueEmail('victim');
    const password = 'the right password';
    expect((await api('POST', '/api/auth/register', { body: { email, password, displayName: 'Victim' } })).status).toBe(201);
    // The same address in other letter cases counts as the same e-mail.
    const variants = [email, email.toUpperCase(), ` ${email} `, email, email.replace(/^./, (c) => c.toUpperCase())];
    for (const [i, variant] of variants.entries()) {
      expectProblem(await api('POST', '/api/auth/login', { body: { email: variant, password: `wrong-${i}` } }), 401);
    }
    const sixth = await api('POST', '/api/auth/login', { body: { email, password: 'wrong-6' } });
    expectProblem(sixth, 429);
    const retryAfterHeader = sixth.headers.get('retry-after') ?? '';
    expect(retryAfterHeader).toMatch(/^\d+$/); // RFC 9110 delay-seconds
    const retryAfter = Number(retryAfterHeader);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // While blocked, even the right password is refused (no oracle for guessing).
    expectProblem(await api('POST', '/api/auth/login', { body: { email, password } }), 429);
  });
});
