import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrganizationKind, Role } from '@ttx/shared/contracts';

export interface OrganizationFacts {
  id: string;
  name: string;
  kind: OrganizationKind;
  regionCode: string;
  verified: boolean;
}

/** Identity's read API for other contexts: who holds a role where (e.g. whom to notify), and an org's facts. */
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
      `SELECT id, name, kind, region_code AS "regionCode", verified_at IS NOT NULL AS verified FROM organizations WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async displayNames(userIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (!userIds.length) return new Map();
    const rows: { id: string; name: string }[] = await manager.query('SELECT id, display_name AS name FROM users WHERE id = ANY($1)', [userIds]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
