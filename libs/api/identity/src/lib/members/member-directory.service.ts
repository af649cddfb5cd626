import { Injectable } from '@nestjs/common';
import { containsPattern } from '@ttx/api/core';
import { DataSource, type EntityManager } from 'typeorm';
import { ORGANIZATION_KINDS, ROLES_BY_ORG_KIND, type OrganizationKind, type Role } from '@ttx/shared/contracts';

export interface OrganizationFacts {
  id: string;
  name: string;
  kind: OrganizationKind;
  regionCode: string;
  verified: boolean;
}

export interface UserMembership {
  organizationId: string;
  role: Role;
  /** Whether the organisation is verified. */
  verified: boolean;
}

/** How many organisations a search by name reads at most (organizationIdsNameContains). */
export const ORG_NAME_MATCHES = 200;

const ORG_FACTS = `id, name, kind, region_code AS "regionCode", verified_at IS NOT NULL AS verified`;

/**
 * Identity's read API for other contexts (ARCHITECTURE.md: no context reads identity's tables): who holds a
 * role where (e.g. whom to notify), organisations' facts, and e-mail <-> user lookups. Batch methods take
 * arrays so callers make one round trip per request, and answer an empty input without a query.
 */
@Injectable()
export class MemberDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /** Users holding `role` in the verified organisation (none when it is unverified). */
  async usersWithRole(organizationId: string, role: Role, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { userId: string }[] = await manager.query(
      `SELECT m.user_id AS "userId" FROM memberships m JOIN organizations o ON o.id = m.organization_id
        JOIN users u ON u.id = m.user_id
        WHERE m.organization_id = $1 AND m.role = $2 AND o.verified_at IS NOT NULL AND u.disabled_at IS NULL ORDER BY m.created_at, m.user_id`,
      [organizationId, role],
    );
    return rows.map((r) => r.userId);
  }

  async organization(id: string, manager: EntityManager = this.dataSource.manager): Promise<OrganizationFacts | null> {
    const [row] = await manager.query(
      `SELECT ${ORG_FACTS} FROM organizations WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async displayNames(userIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (!userIds.length) return new Map();
    const rows: { id: string; name: string }[] = await manager.query('SELECT id, display_name AS name FROM users WHERE id = ANY($1)', [userIds]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async organizations(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, OrganizationFacts>> {
    if (!ids.length) return new Map();
    const rows: OrganizationFacts[] = await manager.query(`SELECT ${ORG_FACTS} FROM organizations WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Credit code -> organisation id, for the codes that exist. */
  async organizationIdsByCreditCode(codes: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows: { id: string; code: string }[] = await manager.query(
      'SELECT id, credit_code::text AS code FROM organizations WHERE credit_code = ANY($1::char(18)[])',
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** Lower-cased e-mail -> user id, matching case-insensitively (the column is citext). */
  async userIdsByEmail(emails: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (!emails.length) return new Map();
    const rows: { id: string; email: string }[] = await manager.query('SELECT id, lower(email) AS email FROM users WHERE email = ANY($1::citext[])', [emails]);
    return new Map(rows.map((r) => [r.email, r.id]));
  }

  /** User id -> e-mail as stored. */
  async emails(userIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (!userIds.length) return new Map();
    const rows: { id: string; email: string }[] = await manager.query('SELECT id, email::text AS email FROM users WHERE id = ANY($1::uuid[])', [userIds]);
    return new Map(rows.map((r) => [r.id, r.email]));
  }

  /** The user's memberships (only those with one of `roles` when given), oldest first. */
  async organizationsOfUser(userId: string, roles?: Role[], manager: EntityManager = this.dataSource.manager): Promise<UserMembership[]> {
    if (roles && !roles.length) return [];
    return manager.query(
      `SELECT m.organization_id AS "organizationId", m.role, o.verified_at IS NOT NULL AS verified
         FROM memberships m JOIN organizations o ON o.id = m.organization_id
        WHERE m.user_id = $1 AND ($2::text[] IS NULL OR m.role = ANY($2::text[])) ORDER BY m.created_at, m.organization_id, m.role`,
      [userId, roles ?? null],
    );
  }

  /** Like usersWithRole, for any of several roles: each user once, by their earliest such membership. */
  async usersWithRoles(organizationId: string, roles: Role[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (!roles.length) return [];
    const rows: { userId: string }[] = await manager.query(
      `SELECT m.user_id AS "userId" FROM memberships m JOIN organizations o ON o.id = m.organization_id
        JOIN users u ON u.id = m.user_id
        WHERE m.organization_id = $1 AND m.role = ANY($2::text[]) AND o.verified_at IS NOT NULL AND u.disabled_at IS NULL
        GROUP BY m.user_id ORDER BY min(m.created_at), m.user_id`,
      [organizationId, roles],
    );
    return rows.map((r) => r.userId);
  }

  /**
   * Of the given users and organisations, those whose display name / name contains `text` (case-insensitive,
   * taken literally). For another context's search by name over its own rows: it passes the ids it holds,
   * so the lookup stays bounded and the ids it gets back filter its own query.
   */
  async namesContaining(
    text: string,
    among: { userIds: string[]; organizationIds: string[] },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ userIds: string[]; organizationIds: string[] }> {
    const pattern = containsPattern(text);
    const [users, orgs]: { id: string }[][] = await Promise.all([
      among.userIds.length ? manager.query('SELECT id FROM users WHERE id = ANY($1::uuid[]) AND display_name ILIKE $2', [among.userIds, pattern]) : [],
      among.organizationIds.length ? manager.query('SELECT id FROM organizations WHERE id = ANY($1::uuid[]) AND name ILIKE $2', [among.organizationIds, pattern]) : [],
    ]);
    return { userIds: users.map((r) => r.id), organizationIds: orgs.map((r) => r.id) };
  }

  /**
   * Ids of the organisations whose name (Chinese or English: one column holds what the organisation registered)
   * contains `text`, case-insensitive and taken literally, for another context's search of its rows by a party's
   * name. At most `limit`, shortest names first (the closest matches), so a one-character query stays bounded.
   */
  async organizationIdsNameContains(text: string, limit = ORG_NAME_MATCHES, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (!text) return [];
    const rows: { id: string }[] = await manager.query('SELECT id FROM organizations WHERE name ILIKE $1 ORDER BY length(name), id LIMIT $2', [containsPattern(text), limit]);
    return rows.map((r) => r.id);
  }

  /**
   * Users holding `role` in a verified organisation (of a kind that may hold it) whose region covers
   * `regionCode`: a province's code (..0000) covers its cities and counties, a city's (..00) its counties.
   * Each user once, by their earliest such membership; e.g. the registrars a contract's seller region goes to.
   */
  async usersWithRoleInRegion(role: Role, regionCode: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const kinds = ORGANIZATION_KINDS.filter((k) => ROLES_BY_ORG_KIND[k].includes(role));
    const prefix = `CASE WHEN o.region_code LIKE '%0000' THEN 2 WHEN o.region_code LIKE '%00' THEN 4 ELSE 6 END`;
    const rows: { userId: string }[] = await manager.query(
      `SELECT m.user_id AS "userId" FROM memberships m JOIN organizations o ON o.id = m.organization_id
        JOIN users u ON u.id = m.user_id
        WHERE m.role = $1 AND o.kind = ANY($2::text[]) AND o.verified_at IS NOT NULL AND u.disabled_at IS NULL
          AND left($3, ${prefix}) = left(o.region_code, ${prefix})
        GROUP BY m.user_id ORDER BY min(m.created_at), m.user_id`,
      [role, kinds, regionCode],
    );
    return rows.map((r) => r.userId);
  }
}
