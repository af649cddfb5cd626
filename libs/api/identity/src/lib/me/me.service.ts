import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { MeView, MembershipView, Role } from '@ttx/shared/contracts';
import { Problems } from '@ttx/api/core';

/** The user and its memberships as a JSON aggregate, for the users `where` selects (with `u` = users). */
const meSql = (where: string) => `
  SELECT u.id, u.email, u.display_name AS "displayName",
         COALESCE(json_agg(json_build_object(
           'organizationId', o.id, 'organizationName', o.name, 'organizationKind', o.kind,
           'role', m.role, 'isAdmin', m.is_admin, 'verified', o.verified_at IS NOT NULL
         ) ORDER BY o.name, m.role) FILTER (WHERE m.id IS NOT NULL), '[]') AS memberships
    FROM users u
    LEFT JOIN memberships m ON m.user_id = u.id
    LEFT JOIN organizations o ON o.id = m.organization_id
   WHERE ${where} AND u.disabled_at IS NULL
   GROUP BY u.id`;

/** One round trip for one user. Also used by the raw benchmark baseline. */
export const ME_SQL = meSql('u.id = $1');
/** One round trip for many users ($1: uuid[]). */
const ME_MANY_SQL = meSql('u.id = ANY($1::uuid[])');

/** Roles count only where the organisation has been verified by a platform admin. */
export const effectiveRoles = (memberships: MembershipView[]): Role[] =>
  [...new Set(memberships.filter((m) => m.verified).map((m) => m.role))].sort();

@Injectable()
export class MeService {
  constructor(private readonly dataSource: DataSource) {}

  async find(userId: string, manager: EntityManager = this.dataSource.manager): Promise<MeView | undefined> {
    const rows: Omit<MeView, 'roles'>[] = await manager.query(ME_SQL, [userId]);
    const row = rows[0];
    return row && { ...row, roles: effectiveRoles(row.memberships) };
  }

  /** Each user's view in the order asked (undefined for one unknown or disabled): one query for all. */
  async findMany(userIds: string[], manager: EntityManager = this.dataSource.manager): Promise<(MeView | undefined)[]> {
    const rows: Omit<MeView, 'roles'>[] = userIds.length ? await manager.query(ME_MANY_SQL, [userIds]) : [];
    const byId = new Map(rows.map((row) => [row.id, { ...row, roles: effectiveRoles(row.memberships) }]));
    return userIds.map((id) => byId.get(id));
  }

  async get(userId: string): Promise<MeView> {
    const me = await this.find(userId);
    if (!me) throw Problems.unauthorized('The account no longer exists');
    return me;
  }
}
