import { JwtService } from '@nestjs/jwt';
import { AuditService, CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { withCheckCharacter } from '@ttx/shared/policy';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { IdentityModule } from './identity.module';
import { DemoSeeder } from './seed/demo-seeder';

const PASSWORD = 'ttx-demo-2026';
let t: TestApp;
let seq = 0;

const register = async (email = `user${++seq}@example.cn`, password = 'correct horse 1') => {
  const res = await call(t.app, 'POST', '/api/auth/register', { body: { email, password, displayName: '测试用户' } });
  expect(res.status).toBe(201);
  return { email, password, id: res.json.id as string };
};
const login = async (email: string, password = PASSWORD, ip = '10.0.0.1') =>
  call(t.app, 'POST', '/api/auth/login', { body: { email, password }, ip });
const tokenOf = async (email: string, password = PASSWORD) => {
  const res = await login(email, password);
  expect(res.status).toBe(200);
  return res.json as { accessToken: string; refreshToken: string };
};
const expectProblem = (res: { status: number; headers: Record<string, unknown>; json: { type?: string; status?: number } }, status: number) => {
  expect(res.status).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json.status).toBe(status);
  expect(res.json.type).toMatch(/^urn:ttx:problem:/);
};

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule], { LOGIN_MAX_FAILURES: '5' });
  await t.app.get(DemoSeeder).seed(resolve(__dirname, '../../../../../seeds/demo/identity.json'));
}, 60_000);
afterAll(() => t?.close());

describe('register and login', () => {
  it('registers, logs in and returns memberships from /api/me', async () => {
    const u = await register();
    const { accessToken } = await tokenOf(u.email, u.password);
    const me = await call(t.app, 'GET', '/api/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ id: u.id, email: u.email, roles: [], memberships: [] });
  });

  it('stores an argon2id hash, never the password', async () => {
    const u = await register();
    const [row] = await t.app.get(DataSource).query('SELECT password_hash FROM users WHERE id = $1', [u.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a duplicate e-mail case-insensitively with 409', async () => {
    const u = await register();
    const res = await call(t.app, 'POST', '/api/auth/register', { body: { email: u.email.toUpperCase(), password: 'another pass 2', displayName: 'x' } });
    expectProblem(res, 409);
  });

  it('names every bad field and rejects unknown fields', async () => {
    const res = await call(t.app, 'POST', '/api/auth/register', { body: { email: 'nope', password: 1, role: 'platform_admin' } });
    expectProblem(res, 400);
    const fields = res.json.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'displayName', 'role']));
  });

  it('gives every demo role its role in /api/me', async () => {
    const cases = { 'admin@demo.ttx': 'platform_admin', 'tto@demo.ttx': 'tto_manager', 'researcher@demo.ttx': 'researcher',
      'sme@demo.ttx': 'enterprise_member', 'broker@demo.ttx': 'broker', 'registrar@demo.ttx': 'registrar', 'evaluator@demo.ttx': 'evaluator' };
    for (const [email, role] of Object.entries(cases)) {
      const { accessToken } = await tokenOf(email);
      const me = await call(t.app, 'GET', '/api/me', { token: accessToken });
      expect(me.json.roles).toContain(role);
    }
  });
});

describe('login rate limit', () => {
  it('answers the 6th rapid wrong password with 429 and Retry-After, even with the right password', async () => {
    const u = await register();
    for (let i = 0; i < 5; i++) expectProblem(await login(u.email, 'wrong password', `10.1.0.${i}`), 401);
    const sixth = await login(u.email, u.password, '10.1.0.9');
    expectProblem(sixth, 429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits one IP across many e-mails', async () => {
    for (let i = 0; i < 20; i++) await login(`nobody${i}@example.cn`, 'wrong password', '10.2.0.1');
    expectProblem(await login('researcher@demo.ttx', PASSWORD, '10.2.0.1'), 429);
    expect((await login('researcher@demo.ttx', PASSWORD, '10.2.0.2')).status).toBe(200);
  });
});

describe('tokens', () => {
  it('rotates refresh tokens; reusing a spent one revokes the whole family', async () => {
    const u = await register();
    const first = await tokenOf(u.email, u.password);
    const second = await call(t.app, 'POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expectProblem(await call(t.app, 'POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } }), 401);
    // The thief replayed the old token, so the legitimate newer token is dead too.
    expectProblem(await call(t.app, 'POST', '/api/auth/refresh', { body: { refreshToken: second.json.refreshToken } }), 401);
  });

  it('lets only one of two concurrent refreshes with the same token succeed', async () => {
    const u = await register();
    const { refreshToken } = await tokenOf(u.email, u.password);
    const results = await Promise.all([1, 2].map(() => call(t.app, 'POST', '/api/auth/refresh', { body: { refreshToken } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('refuses expired, forged, refresh-typed and malformed access tokens with 401', async () => {
    const u = await register();
    const secret = t.env['JWT_ACCESS_SECRET'];
    const jwt = new JwtService();
    const claims = { sub: u.id, email: u.email, roles: ['platform_admin'], typ: 'access' };
    const expired = await jwt.signAsync(claims, { secret, issuer: 'ttx', expiresIn: -10 });
    const forged = await jwt.signAsync(claims, { secret: 'x'.repeat(40), issuer: 'ttx' });
    const wrongType = await jwt.signAsync({ ...claims, typ: 'refresh' }, { secret, issuer: 'ttx' });
    for (const token of [expired, forged, wrongType, 'abc', 'a.b.c']) {
      expectProblem(await call(t.app, 'GET', '/api/me', { token }), 401);
    }
    const res = await call(t.app, 'GET', '/api/me', { token: expired });
    expect(res.json.detail).toMatch(/expired/);
  });

  it('logs out: the refresh token and its family stop working; garbage is a silent 204', async () => {
    const u = await register();
    const first = await tokenOf(u.email, u.password);
    const second = await call(t.app, 'POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect((await call(t.app, 'POST', '/api/auth/logout', { body: { refreshToken: second.json.refreshToken } })).status).toBe(204);
    expectProblem(await call(t.app, 'POST', '/api/auth/refresh', { body: { refreshToken: second.json.refreshToken } }), 401);
    expect((await call(t.app, 'POST', '/api/auth/logout', { body: { refreshToken: 'not-a-real-token' } })).status).toBe(204);
  });

  it('refuses garbage refresh tokens with 401', async () => {
    for (const refreshToken of ['not-a-token-at-all', '00000000-0000-4000-8000-000000000000.secret', 'x'.repeat(150)]) {
      expectProblem(await call(t.app, 'POST', '/api/auth/refresh', { body: { refreshToken } }), 401);
    }
  });
});

describe('organisations', () => {
  const validCode = (n: number) => withCheckCharacter(`913401007${String(n).padStart(8, '0')}`);
  /** A fresh user registers this organisation. */
  const registerOrganization = async (body: Record<string, unknown>) => {
    const u = await register();
    const { accessToken } = await tokenOf(u.email, u.password);
    return { res: await call(t.app, 'POST', '/api/organizations', { token: accessToken, body }), accessToken };
  };

  it('creates an organisation with a valid credit code; the creator becomes its admin', async () => {
    const { res, accessToken } = await registerOrganization({ name: '安徽测试科技有限公司', kind: 'enterprise', creditCode: validCode(1), regionCode: '340104', isSme: true });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ kind: 'enterprise', isSme: true, verified: false });
    const me = await call(t.app, 'GET', '/api/me', { token: accessToken });
    expect(me.json.memberships).toEqual([expect.objectContaining({ organizationId: res.json.id, role: 'enterprise_member', isAdmin: true, verified: false })]);
    // Unverified organisations grant no role yet.
    expect(me.json.roles).toEqual([]);
  });

  it('tells the platform admins of every organisation waiting for verification, the seeded one too', async () => {
    const asks = async (): Promise<string[]> =>
      (
        await t.app.get(DataSource).query(
          `SELECT o.payload->'title'->>'en' AS title FROM outbox o JOIN users u ON u.id::text = o.payload->>'userId'
           WHERE u.email = 'admin@demo.ttx' AND o.payload->>'kind' = 'organization-verification-requested' ORDER BY o.created_at`,
        )
      ).map((r: { title: string }) => r.title);
    expect(await asks()).toContain('芜湖云智机器人科技有限公司（演示） asks to be verified');
    const { res } = await registerOrganization({ name: '安徽待认证科技有限公司', kind: 'enterprise', creditCode: validCode(90), regionCode: '340104' });
    expect(res.status).toBe(201);
    expect((await asks()).slice(-1)).toEqual(['安徽待认证科技有限公司 asks to be verified']);
  });

  it('tells the registrant (the seeded applicant too) that the request arrived, in zh and en; nobody else', async () => {
    const received = async (): Promise<{ email: string; title: { zh: string; en: string }; body: { zh: string; en: string } }[]> =>
      t.app.get(DataSource).query(
        `SELECT u.email, o.payload->'title' AS title, o.payload->'body' AS body FROM outbox o JOIN users u ON u.id::text = o.payload->>'userId'
          WHERE o.payload->>'kind' = 'organization-registration-received' ORDER BY o.created_at`,
      );
    const seeded = (await received()).filter((r) => r.email.endsWith('@demo.ttx'));
    expect(seeded.map((r) => r.email)).toEqual(['applicant@demo.ttx']);
    expect(seeded[0].title).toEqual({ zh: '「芜湖云智机器人科技有限公司（演示）」的机构认证申请已提交', en: 'The verification request of 芜湖云智机器人科技有限公司（演示） was received' });
    expect(seeded[0].body.zh).toContain('认证后');
    expect(seeded[0].body.en).toContain('once it is verified');
    const before = (await received()).length;
    const { res } = await registerOrganization({ name: '安徽回执测试有限公司', kind: 'enterprise', creditCode: validCode(91), regionCode: '340104' });
    expect(res.status).toBe(201);
    const after = await received();
    expect(after.length).toBe(before + 1);
    expect(after[after.length - 1].title.zh).toBe('「安徽回执测试有限公司」的机构认证申请已提交');
    expect(after[after.length - 1].email).not.toMatch(/@demo\.ttx$/);
  });

  it('rejects a bad check character and an unknown region with 422 naming the rule', async () => {
    const good = validCode(2);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const { res } = await registerOrganization({ name: '错误代码公司', kind: 'enterprise', creditCode: bad, regionCode: '999999' });
    expectProblem(res, 422);
    expect(res.json.detail).toContain('GB 32100');
    expect(res.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['creditCode', 'regionCode']);
  });

  it('refuses null for an optional field that null means nothing for (isSme) with 400 naming it', async () => {
    const { res } = await registerOrganization({ name: '空值测试公司', kind: 'enterprise', creditCode: validCode(4), regionCode: '340104', isSme: null });
    expectProblem(res, 400);
    expect(res.json.errors).toEqual([{ field: 'isSme', message: 'must not be null' }]);
  });

  it('refuses a duplicate credit code with 409, also when two requests race', async () => {
    const u = await register();
    const { accessToken } = await tokenOf(u.email, u.password);
    const body = { name: '并发公司', kind: 'enterprise', creditCode: validCode(3), regionCode: '110108' };
    const results = await Promise.all([1, 2, 3].map(() => call(t.app, 'POST', '/api/organizations', { token: accessToken, body })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('verifies (platform admin only, once) and then the member roles take effect after refresh', async () => {
    const u = await register();
    const mine = await tokenOf(u.email, u.password);
    const org = await call(t.app, 'POST', '/api/organizations', {
      token: mine.accessToken,
      body: { name: '待认证大学', kind: 'institution', creditCode: validCode(4), regionCode: '320500' },
    });
    expectProblem(await call(t.app, 'POST', `/api/organizations/${org.json.id}/verify`, { token: mine.accessToken }), 403);
    const admin = await tokenOf('admin@demo.ttx');
    const both = await Promise.all([1, 2].map(() => call(t.app, 'POST', `/api/organizations/${org.json.id}/verify`, { token: admin.accessToken })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const refreshed = await call(t.app, 'POST', '/api/auth/refresh', { body: { refreshToken: mine.refreshToken } });
    expect(refreshed.json.user.roles).toEqual(['tto_manager']);
  });

  it('adds members only as an org admin and only with roles the kind allows', async () => {
    const owner = await register();
    const member = await register();
    const outsider = await register();
    const ownerT = await tokenOf(owner.email, owner.password);
    const outsiderT = await tokenOf(outsider.email, outsider.password);
    const org = await call(t.app, 'POST', '/api/organizations', {
      token: ownerT.accessToken,
      body: { name: '成员测试大学', kind: 'institution', creditCode: validCode(5), regionCode: '340100' },
    });
    const url = `/api/organizations/${org.json.id}/members`;
    expectProblem(await call(t.app, 'POST', url, { token: outsiderT.accessToken, body: { email: member.email, role: 'researcher' } }), 403);
    expectProblem(await call(t.app, 'POST', url, { token: ownerT.accessToken, body: { email: member.email, role: 'broker' } }), 422);
    expectProblem(await call(t.app, 'POST', url, { token: ownerT.accessToken, body: { email: 'ghost@example.cn', role: 'researcher' } }), 422);
    const ok = await call(t.app, 'POST', url, { token: ownerT.accessToken, body: { email: member.email, role: 'researcher' } });
    expect(ok.status).toBe(201);
    expectProblem(await call(t.app, 'POST', url, { token: ownerT.accessToken, body: { email: member.email, role: 'researcher' } }), 409);
    const members = await call(t.app, 'GET', url, { token: ownerT.accessToken });
    expect(members.json.map((m: { role: string }) => m.role).sort()).toEqual(['researcher', 'tto_manager']);
    expectProblem(await call(t.app, 'GET', url, { token: outsiderT.accessToken }), 404);
  });

  it('lists every organisation to the platform admin, filtered by verification; members see only their own', async () => {
    const admin = await tokenOf('admin@demo.ttx');
    const pending = await call(t.app, 'GET', '/api/organizations?verified=false&page=1&pageSize=100', { token: admin.accessToken });
    expect(pending.status).toBe(200);
    // The demo seed leaves one organisation in the review queue, so /admin/organizations shows something on npm start.
    expect(pending.json.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: '芜湖云智机器人科技有限公司（演示）', verified: false, verifiedAt: null })]),
    );
    expect(pending.json.items.every((o: { verified: boolean }) => !o.verified)).toBe(true);
    const verified = await call(t.app, 'GET', '/api/organizations?verified=true&page=1&pageSize=100', { token: admin.accessToken });
    expect(verified.json.items.map((o: { name: string }) => o.name)).toContain('TTX 平台运营中心');
    expect(verified.json.items.every((o: { verified: boolean }) => o.verified)).toBe(true);
    const all = await call(t.app, 'GET', '/api/organizations?page=1&pageSize=100', { token: admin.accessToken });
    expect(all.json.total).toBe(pending.json.total + verified.json.total);
    const applicant = await tokenOf('applicant@demo.ttx');
    const own = await call(t.app, 'GET', '/api/organizations?page=1&pageSize=100', { token: applicant.accessToken });
    expect(own.json.items.map((o: { name: string }) => o.name)).toEqual(['芜湖云智机器人科技有限公司（演示）']);
    const members = await call(t.app, 'GET', `/api/organizations/${own.json.items[0].id}/members`, { token: admin.accessToken });
    expect(members.json).toEqual([expect.objectContaining({ email: 'applicant@demo.ttx', role: 'enterprise_member', isAdmin: true })]);
  });

  it('looks an organisation up by its exact credit code for any signed-in user (public-register facts, no members)', async () => {
    const tto = await tokenOf('tto@demo.ttx');
    const url = (code: string) => `/api/organizations/by-credit-code/${encodeURIComponent(code)}`;
    const sme = await call(t.app, 'GET', url('91340100MA2TTX01BX'), { token: tto.accessToken });
    expect(sme.status).toBe(200);
    expect(sme.json).toMatchObject({ name: '合肥智能装备有限公司（演示）', kind: 'enterprise', creditCode: '91340100MA2TTX01BX', regionCode: '340104', isSme: true, verified: true });
    expect(Object.keys(sme.json).sort()).toEqual(['createdAt', 'creditCode', 'id', 'isSme', 'kind', 'name', 'regionCode', 'verified', 'verifiedAt']);
    // Typed in lower case or with spaces around, it is the same code.
    expect((await call(t.app, 'GET', url(' 91340100ma2ttx01bx '), { token: tto.accessToken })).json.id).toBe(sme.json.id);
    // An unverified organisation is found too; the caller sees that it is not verified.
    expect((await call(t.app, 'GET', url('91340200MA2TTX0606'), { token: tto.accessToken })).json).toMatchObject({ verified: false, verifiedAt: null });

    const wrongCheck = await call(t.app, 'GET', url('91340100MA2TTX01B0'), { token: tto.accessToken });
    expectProblem(wrongCheck, 422);
    expect(wrongCheck.json.errors).toEqual([{ field: 'creditCode', message: 'has a wrong check character (GB 32100)' }]);
    const short = await call(t.app, 'GET', url('9134010'), { token: tto.accessToken });
    expectProblem(short, 422);
    expect(short.json.errors).toEqual([{ field: 'creditCode', message: 'must be 18 characters (GB 32100)' }]);
    // Well-formed but registered by nobody.
    expectProblem(await call(t.app, 'GET', url(validCode(99)), { token: tto.accessToken }), 404);
    expect((await call(t.app, 'GET', url('91340100MA2TTX01BX'))).status).toBe(401);
  });

  it('answers 404 for malformed or unknown ids, never 500', async () => {
    const { accessToken } = await tokenOf('admin@demo.ttx');
    expectProblem(await call(t.app, 'GET', '/api/organizations/not-a-uuid', { token: accessToken }), 404);
    expectProblem(await call(t.app, 'GET', '/api/organizations/6f1c2a1e-1d2b-4c3d-8e4f-5a6b7c8d9e0f', { token: accessToken }), 404);
  });

  it('writes every change to the audit chain, which verifies', async () => {
    const ds = t.app.get(DataSource);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('organization.created','organization.verified','organization.member-added')`);
    expect(n).toBeGreaterThan(3);
    const outbox = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'notification'`);
    expect(outbox[0].n).toBeGreaterThan(0);
    expect(await t.app.get(AuditService).verify()).toMatchObject({ ok: true });
  });
});
