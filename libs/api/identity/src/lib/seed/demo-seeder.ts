import { Inject, Injectable, Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AuditService, OutboxService, type AppConfig } from '@ttx/api/core';
import type { OrganizationKind, Role } from '@ttx/shared/contracts';
import { checkCreditCode } from '@ttx/shared/policy';
import { hashPassword } from '../auth/auth.service';
import { requestVerification } from '../organizations/verification-request';

export interface DemoIdentitySeed {
  organizations: {
    key: string;
    name: string;
    kind: OrganizationKind;
    creditCode: string;
    regionCode: string;
    isSme: boolean;
    /** Default true; false leaves the organisation in the platform admin's review queue. */
    verified?: boolean;
  }[];
  users: { email: string; displayName: string; memberships: { org: string; role: Role; isAdmin: boolean }[] }[];
}

/** Loads seeds/demo/identity.json into an empty database; never in production, never twice. */
@Injectable()
export class DemoSeeder {
  private readonly log = new Logger('DemoSeeder');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seed(file: string): Promise<'seeded' | 'skipped'> {
    if (this.config.NODE_ENV === 'production') {
      this.log.warn('NODE_ENV=production: demo data is never loaded');
      return 'skipped';
    }
    const seed = JSON.parse(readFileSync(file, 'utf8')) as DemoIdentitySeed;
    const passwordHash = await hashPassword(this.config.TTX_DEMO_PASSWORD);
    return this.dataSource.transaction(async (m) => {
      // The lock makes two concurrent starts seed once.
      await m.query('LOCK TABLE users IN EXCLUSIVE MODE');
      const [{ count }] = await m.query('SELECT count(*)::int AS count FROM users');
      if (count > 0) return 'skipped' as const;
      const orgIds = new Map<string, string>();
      for (const o of seed.organizations) {
        if (checkCreditCode(o.creditCode)) throw new Error(`Seed organisation ${o.key} has an invalid credit code`);
        const [row] = await m.query(
          `INSERT INTO organizations (name, kind, credit_code, region_code, is_sme, verified_at)
           VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::boolean THEN now() END) RETURNING id`,
          [o.name, o.kind, o.creditCode, o.regionCode, o.isSme, o.verified ?? true],
        );
        orgIds.set(o.key, row.id);
      }
      for (const u of seed.users) {
        const [row] = await m.query(
          'INSERT INTO users (email, password_hash, display_name) VALUES ($1, $2, $3) RETURNING id',
          [u.email, passwordHash, u.displayName],
        );
        for (const ms of u.memberships) {
          const orgId = orgIds.get(ms.org);
          if (!orgId) throw new Error(`Seed user ${u.email} refers to unknown organisation ${ms.org}`);
          await m.query('INSERT INTO memberships (user_id, organization_id, role, is_admin) VALUES ($1, $2, $3, $4)', [
            row.id,
            orgId,
            ms.role,
            ms.isAdmin,
          ]);
        }
      }
      await m.query(`UPDATE organizations o SET created_by = (SELECT user_id FROM memberships WHERE organization_id = o.id AND is_admin LIMIT 1)`);
      // An organisation seeded unverified was registered and waits for review: the admins got word of it then.
      for (const o of seed.organizations.filter((x) => x.verified === false)) {
        const [org] = await m.query('SELECT name, created_by AS "createdBy" FROM organizations WHERE id = $1', [orgIds.get(o.key)]);
        await requestVerification(this.outbox, m, org);
      }
      await this.audit.append(m, {
        actorId: null,
        action: 'demo.seeded',
        entityType: 'platform',
        entityId: null,
        data: { organizations: seed.organizations.length, users: seed.users.length },
      });
      this.log.log(`Demo data loaded: ${seed.organizations.length} organisations, ${seed.users.length} users`);
      return 'seeded' as const;
    });
  }
}
