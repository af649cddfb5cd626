import { withCheckCharacter } from '@ttx/shared/policy';
import { api, expectProblem, login, uniqueEmail } from './support/http';

/** A valid unified social credit code (GB 32100) registered in Hefei (340100), unique per call. */
const creditCode = () => withCheckCharacter(`91340100${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`);

describe('organisations over HTTP', () => {
  let founder: { token: string; email: string };
  beforeAll(async () => {
    const email = uniqueEmail('founder');
    const password = 'founder password';
    const reg = await api('POST', '/api/auth/register', { body: { email, password, displayName: '创始人 Founder' } });
    expect(reg.status).toBe(201);
    founder = { email, token: (await login(email, password)).accessToken };
  });

  it('a new user creates an enterprise, becomes its admin member, and a platform admin verifies it', async () => {
    const code = creditCode();
    const created = await api('POST', '/api/organizations', {
      token: founder.token,
      body: { name: '合肥示例科技有限公司', kind: 'enterprise', creditCode: code, regionCode: '340100', isSme: true },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ id: expect.any(String), creditCode: code, regionCode: '340100' }));
    const orgId: string = created.body.id;

    const before = await api('GET', '/api/me', { token: founder.token });
    const membership = before.body.memberships.find((m: { organizationId: string }) => m.organizationId === orgId);
    expect(membership).toEqual(expect.objectContaining({ isAdmin: true, verified: false }));
    // Unverified organisations grant no role yet.
    expect(before.body.roles).not.toContain(membership.role);

    const dup = await api('POST', '/api/organizations', {
      token: founder.token,
      body: { name: '重复 Duplicate', kind: 'enterprise', creditCode: code, regionCode: '340100' },
    });
    expectProblem(dup, 409);

    expectProblem(await api('POST', `/api/organizations/${orgId}/verify`, { token: founder.token }), 403);
    const admin = await login('admin@demo.ttx');
    const verified = await api('POST', `/api/organizations/${orgId}/verify`, { token: admin.accessToken });
    expect(verified.status).toBe(200);
    expectProblem(await api('POST', `/api/organizations/${orgId}/verify`, { token: admin.accessToken }), 409);

    const after = await api('GET', '/api/me', { token: founder.token });
    expect(after.body.roles).toContain(membership.role);
  });

  it('identifiers are checked: a wrong check character or an unknown region → 422 naming the fields', async () => {
    const good = creditCode();
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await api('POST', '/api/organizations', {
      token: founder.token,
      body: { name: '坏代码 Bad Code', kind: 'enterprise', creditCode: badCheck, regionCode: '999999' },
    });
    expectProblem(res, 422);
    const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['creditCode', 'regionCode']));
  });

  it('a malformed body → 400 problem with errors[] per field', async () => {
    const res = await api('POST', '/api/organizations', {
      token: founder.token,
      body: { name: 'x', kind: 'pirate', creditCode: 'short', regionCode: 'abc', extra: true },
    });
    expectProblem(res, 400);
    const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'kind', 'creditCode', 'regionCode']));
  });

  it('broken JSON → 400 problem+json', async () => {
    const res = await api('POST', '/api/auth/login', { rawBody: '{"email": ', headers: { 'content-type': 'application/json' } });
    expectProblem(res, 400);
  });

  it('anonymous → 401 problem', async () => {
    expectProblem(
      await api('POST', '/api/organizations', { body: { name: 'Anon', kind: 'enterprise', creditCode: creditCode(), regionCode: '340100' } }),
      401,
    );
  });
});
