import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, type TestApp } from '@ttx/api/core/testing';
import type { OrganizationKind, Role } from '@ttx/shared/contracts';
import { withCheckCharacter } from '@ttx/shared/policy';
import { DataSource } from 'typeorm';
import { IdentityModule } from '../identity.module';
import { MeService } from '../me/me.service';
import { MemberDirectory } from './member-directory.service';

let t: TestApp;
let dir: MemberDirectory;
let ds: DataSource;
let seq = 0;

const code = (n: number) => withCheckCharacter(`913401007${String(n).padStart(8, '0')}`);
const user = async (opts: { email?: string; disabled?: boolean } = {}) => {
  const email = opts.email ?? `dir${++seq}@example.cn`;
  const [row] = await ds.query(
    `INSERT INTO users (email, password_hash, display_name, disabled_at) VALUES ($1, 'x', $2, ${opts.disabled ? 'now()' : 'NULL'}) RETURNING id`,
    [email, `用户${seq}`],
  );
  return { id: row.id as string, email };
};
const org = async (opts: { kind?: OrganizationKind; verified?: boolean; region?: string } = {}) => {
  const n = ++seq;
  const [row] = await ds.query(
    `INSERT INTO organizations (name, kind, credit_code, region_code, verified_at) VALUES ($1, $2, $3, $4, ${opts.verified === false ? 'NULL' : 'now()'}) RETURNING id`,
    [`机构${n}`, opts.kind ?? 'institution', code(n), opts.region ?? '340100'],
  );
  return { id: row.id as string, code: code(n), name: `机构${n}` };
};
/** Memberships get increasing created_at so the ordering assertions do not depend on insert timing. */
const join = async (userId: string, organizationId: string, role: Role, minutesAgo: number) =>
  ds.query(`INSERT INTO memberships (user_id, organization_id, role, created_at) VALUES ($1, $2, $3, now() - make_interval(mins => $4))`, [
    userId,
    organizationId,
    role,
    minutesAgo,
  ]);

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule]);
  dir = t.app.get(MemberDirectory);
  ds = t.app.get(DataSource);
}, 60_000);
afterAll(() => t?.close());

describe('MemberDirectory batch reads', () => {
  it('answers empty inputs with empty results', async () => {
    expect((await dir.organizations([])).size).toBe(0);
    expect((await dir.organizationIdsByCreditCode([])).size).toBe(0);
    expect((await dir.userIdsByEmail([])).size).toBe(0);
    expect((await dir.emails([])).size).toBe(0);
    expect(await dir.usersWithRoles((await org()).id, [])).toEqual([]);
    expect(await dir.organizationsOfUser((await user()).id, [])).toEqual([]);
  });

  it('gives the facts of the organisations that exist', async () => {
    const a = await org({ kind: 'enterprise', region: '110100' });
    const b = await org({ verified: false });
    const facts = await dir.organizations([a.id, b.id, '00000000-0000-0000-0000-000000000000']);
    expect([...facts.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(facts.get(a.id)).toEqual({ id: a.id, name: a.name, kind: 'enterprise', regionCode: '110100', verified: true });
    expect(facts.get(b.id)).toMatchObject({ kind: 'institution', verified: false });
  });

  it('maps credit codes to organisation ids, skipping unknown codes', async () => {
    const a = await org();
    const b = await org();
    const ids = await dir.organizationIdsByCreditCode([a.code, b.code, code(999_999)]);
    expect(ids).toEqual(new Map([[a.code, a.id], [b.code, b.id]]));
  });

  it('maps e-mails to user ids case-insensitively, keyed lower-case', async () => {
    const a = await user({ email: `Mixed.Case${++seq}@Example.CN` });
    const b = await user();
    const ids = await dir.userIdsByEmail([a.email.toUpperCase(), b.email, 'nobody@example.cn']);
    expect(ids).toEqual(new Map([[a.email.toLowerCase(), a.id], [b.email, b.id]]));
  });

  it('maps user ids to their e-mails as stored', async () => {
    const a = await user({ email: `Stored${++seq}@Example.CN` });
    const b = await user();
    expect(await dir.emails([a.id, b.id, '00000000-0000-0000-0000-000000000000'])).toEqual(new Map([[a.id, a.email], [b.id, b.email]]));
  });

  it("lists a user's memberships oldest first, optionally only some roles", async () => {
    const u = await user();
    const inst = await org();
    const agency = await org({ kind: 'agency', verified: false });
    await join(u.id, agency.id, 'broker', 5);
    await join(u.id, inst.id, 'tto_manager', 10);
    await join(u.id, inst.id, 'researcher', 1);
    expect(await dir.organizationsOfUser(u.id)).toEqual([
      { organizationId: inst.id, role: 'tto_manager', verified: true },
      { organizationId: agency.id, role: 'broker', verified: false },
      { organizationId: inst.id, role: 'researcher', verified: true },
    ]);
    expect(await dir.organizationsOfUser(u.id, ['broker', 'researcher'])).toEqual([
      { organizationId: agency.id, role: 'broker', verified: false },
      { organizationId: inst.id, role: 'researcher', verified: true },
    ]);
    expect(await dir.organizationsOfUser((await user()).id)).toEqual([]);
  });

  it('lists the enabled users holding any of several roles in a verified organisation, each once', async () => {
    const inst = await org();
    const [a, b, c, off] = [await user(), await user(), await user(), await user({ disabled: true })];
    await join(b.id, inst.id, 'researcher', 9);
    await join(a.id, inst.id, 'researcher', 3);
    await join(a.id, inst.id, 'tto_manager', 8);
    await join(c.id, inst.id, 'researcher', 1);
    await join(off.id, inst.id, 'tto_manager', 20);
    expect(await dir.usersWithRoles(inst.id, ['tto_manager', 'researcher'])).toEqual([b.id, a.id, c.id]);
    expect(await dir.usersWithRoles(inst.id, ['tto_manager'])).toEqual([a.id]);
    expect(await dir.usersWithRole(inst.id, 'tto_manager')).toEqual([a.id]);

    const unverified = await org({ verified: false });
    await join(a.id, unverified.id, 'tto_manager', 1);
    expect(await dir.usersWithRoles(unverified.id, ['tto_manager', 'researcher'])).toEqual([]);
  });

  it('picks, among the given ids, the users and organisations whose names contain the text (literally, any case)', async () => {
    const [a, b] = [await user(), await user()];
    await ds.query(`UPDATE users SET display_name = CASE id WHEN $1 THEN 'Li 50%_Lei' ELSE 'Wang Fang' END WHERE id IN ($1, $2)`, [a.id, b.id]);
    const [x, y] = [await org(), await org()];
    await ds.query(`UPDATE organizations SET name = CASE id WHEN $1 THEN '合肥技术经纪公司' ELSE '上海研究院' END WHERE id IN ($1, $2)`, [x.id, y.id]);
    const among = { userIds: [a.id, b.id], organizationIds: [x.id, y.id] };
    expect(await dir.namesContaining('li 50%_', among)).toEqual({ userIds: [a.id], organizationIds: [] });
    expect(await dir.namesContaining('%', among)).toEqual({ userIds: [a.id], organizationIds: [] });
    expect(await dir.namesContaining('经纪', among)).toEqual({ userIds: [], organizationIds: [x.id] });
    expect(await dir.namesContaining('WANG', { userIds: [a.id], organizationIds: [] })).toEqual({ userIds: [], organizationIds: [] });
    expect(await dir.namesContaining('a', { userIds: [], organizationIds: [] })).toEqual({ userIds: [], organizationIds: [] });
  });

  it('finds organisations by a piece of their name, literally, shortest names first, at most the limit', async () => {
    const [short, long, other] = [await org(), await org(), await org()];
    await ds.query(
      `UPDATE organizations SET name = CASE id WHEN $1 THEN '星河 50%_材料 Galaxy Co.' WHEN $2 THEN '安徽星河 50%_材料研究院 Anhui Galaxy Institute' ELSE '星河50材料' END
        WHERE id IN ($1, $2, $3)`,
      [short.id, long.id, other.id],
    );
    expect(await dir.organizationIdsNameContains('50%_材料')).toEqual([short.id, long.id]);
    expect(await dir.organizationIdsNameContains('GALAXY')).toEqual([short.id, long.id]);
    expect(await dir.organizationIdsNameContains('星河', 2)).toEqual([other.id, short.id]);
    expect(await dir.organizationIdsNameContains('%')).toEqual([short.id, long.id]);
    expect(await dir.organizationIdsNameContains('')).toEqual([]);
  });

  it('lists the registrars whose verified administration covers a region', async () => {
    const province = await org({ kind: 'administration', region: '450000' });
    const city = await org({ kind: 'administration', region: '450100' });
    const county = await org({ kind: 'administration', region: '450102' });
    const unverified = await org({ kind: 'administration', region: '450000', verified: false });
    const notAnAdministration = await org({ kind: 'institution', region: '450000' });
    const otherCity = await org({ kind: 'administration', region: '450200' });
    const [a, b, c, d, e, f, off] = [await user(), await user(), await user(), await user(), await user(), await user(), await user({ disabled: true })];
    await join(b.id, city.id, 'registrar', 9);
    await join(a.id, province.id, 'registrar', 5);
    await join(c.id, county.id, 'registrar', 1);
    await join(b.id, province.id, 'registrar', 2);
    await join(d.id, unverified.id, 'registrar', 3);
    await join(e.id, notAnAdministration.id, 'registrar', 3);
    await join(f.id, otherCity.id, 'registrar', 3);
    await join(off.id, province.id, 'registrar', 30);
    await join(a.id, city.id, 'platform_admin', 40);
    expect(await dir.usersWithRoleInRegion('registrar', '450102')).toEqual([b.id, a.id, c.id]);
    expect(await dir.usersWithRoleInRegion('registrar', '450105')).toEqual([b.id, a.id]);
    expect(await dir.usersWithRoleInRegion('registrar', '450203')).toEqual([a.id, f.id, b.id]);
    expect(await dir.usersWithRoleInRegion('registrar', '460100')).toEqual([]);
  });

  it('reads inside the caller’s transaction when given its manager', async () => {
    await ds.transaction(async (m) => {
      const [row] = await m.query(`INSERT INTO users (email, password_hash, display_name) VALUES ('tx${++seq}@example.cn', 'x', 'tx') RETURNING id, email`);
      expect(await dir.emails([row.id], m)).toEqual(new Map([[row.id, row.email]]));
      expect((await dir.emails([row.id])).size).toBe(0);
    });
  });
});

describe('MeService.findMany', () => {
  it('reads many users in one call, in the order asked, as find reads each', async () => {
    const me = t.app.get(MeService);
    const [a, b, off] = [await user(), await user(), await user({ disabled: true })];
    const [x, y] = [await org({ kind: 'enterprise' }), await org({ verified: false })];
    await join(a.id, x.id, 'enterprise_member', 2);
    await join(a.id, y.id, 'tto_manager', 1);
    const unknown = '00000000-0000-0000-0000-000000000000';
    const many = await me.findMany([b.id, unknown, a.id, off.id]);
    expect(many).toEqual([await me.find(b.id), undefined, await me.find(a.id), undefined]);
    expect(many[2]?.memberships.map((m) => [m.organizationId, m.role, m.verified]).sort((p, q) => p[1].toString().localeCompare(q[1].toString()))).toEqual([
      [x.id, 'enterprise_member', true],
      [y.id, 'tto_manager', false],
    ]);
    expect(many[2]?.roles).toEqual(['enterprise_member']);
    expect(many[0]?.memberships).toEqual([]);
    expect(await me.findMany([])).toEqual([]);
  });
});
