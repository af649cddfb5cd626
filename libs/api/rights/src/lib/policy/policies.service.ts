import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, Problems, type AuthUser } from '@ttx/api/core';
import { MeService, MemberDirectory } from '@ttx/api/identity';
import type { RightsPolicySettings } from '@ttx/shared/contracts';
import { mergePolicy, NATIONAL_RIGHTS_POLICY, regionChain } from '@ttx/shared/policy';
import type { PolicyDto, PolicySourceDto, PolicyVersionDto, UpdatePolicyDto } from '../dto/policy.dto';
import { isAdmin, isTtoOf } from './access';

const SETTING_KEYS = Object.keys(NATIONAL_RIGHTS_POLICY) as (keyof RightsPolicySettings)[];

export interface EffectivePolicy {
  policyId: string;
  settings: RightsPolicySettings;
}

/**
 * Versioned rights policies: regional defaults (nation → province → city → county) and, per institution,
 * an append-only list of versions. Decisions store the policy id and a copy of the effective settings,
 * so a later version never changes what was decided.
 */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly members: MemberDirectory,
    private readonly me: MeService,
    private readonly audit: AuditService,
  ) {}

  private async institution(id: string, m: EntityManager) {
    const org = await this.members.organization(id, m);
    if (!org || org.kind !== 'institution') throw Problems.notFound('Institution');
    return org;
  }

  async get(institutionId: string, m: EntityManager = this.dataSource.manager): Promise<PolicyDto> {
    const org = await this.institution(institutionId, m);
    const regional = await this.regional(org.regionCode, m);
    const [own] = await m.query(
      `SELECT id, version, settings, note, created_at AS "createdAt" FROM rights_policies WHERE institution_id = $1 ORDER BY version DESC LIMIT 1`,
      [institutionId],
    );
    const settings = mergePolicy(NATIONAL_RIGHTS_POLICY, ...regional.map((r) => r.settings), own?.settings ?? {});
    const nearest = regional[regional.length - 1];
    return {
      institutionId,
      version: own?.version ?? 0,
      policyId: own?.id ?? nearest.policyId,
      settings,
      overrides: own?.settings ?? {},
      inherited: regional.map(({ createdAt: _c, ...r }) => r),
      note: own?.note ?? null,
      updatedAt: (own?.createdAt as Date | undefined)?.toISOString() ?? null,
    };
  }

  /** The newest regional policy of each level of the region's chain, nation first, most specific last (later layers win). */
  private async regional(regionCode: string, m: EntityManager): Promise<(PolicySourceDto & { createdAt: Date })[]> {
    const chain = regionChain(regionCode);
    const rows: (PolicySourceDto & { createdAt: Date })[] = await m.query(
      `SELECT DISTINCT ON (region_code) id AS "policyId", region_code AS "regionCode", version, settings, note, created_at AS "createdAt"
         FROM rights_policies WHERE region_code = ANY($1) ORDER BY region_code, version DESC`,
      [chain],
    );
    return rows.sort((a, b) => chain.indexOf(b.regionCode as string) - chain.indexOf(a.regionCode as string));
  }

  /**
   * The policy of a region (nation → province → city → county), without any institution's own version:
   * what a regional authority applies, e.g. the registrar's review period. `policyId` is the most
   * specific regional version that applies.
   */
  async effectiveForRegion(regionCode: string, m: EntityManager = this.dataSource.manager): Promise<EffectivePolicy> {
    const regional = await this.regional(regionCode, m);
    return { policyId: regional[regional.length - 1].policyId, settings: mergePolicy(NATIONAL_RIGHTS_POLICY, ...regional.map((r) => r.settings)) };
  }

  async effective(institutionId: string, m: EntityManager): Promise<EffectivePolicy> {
    const p = await this.get(institutionId, m);
    return { policyId: p.policyId, settings: p.settings };
  }

  /** Every PUT appends a version; an advisory lock per institution orders concurrent PUTs (no lost version). */
  async put(caller: AuthUser, institutionId: string, dto: UpdatePolicyDto): Promise<PolicyDto> {
    return this.dataSource.transaction(async (m) => {
      await this.institution(institutionId, m);
      const me = await this.me.find(caller.id, m);
      if (!isTtoOf(me, institutionId) && !isAdmin(caller)) throw Problems.forbidden("Only the institution's TTO manager or a platform admin sets its policy");
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('rights-policy:' || $1))`, [institutionId]);
      const overrides = Object.fromEntries(SETTING_KEYS.filter((k) => dto[k] !== undefined).map((k) => [k, dto[k]]));
      const [{ id, version }] = await m.query(
        `INSERT INTO rights_policies (institution_id, version, settings, note, created_by)
         SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4 FROM rights_policies WHERE institution_id = $1 RETURNING id, version`,
        [institutionId, overrides, dto.note ?? null, caller.id],
      );
      await this.audit.append(m, {
        actorId: caller.id,
        action: 'rights.policy.version',
        entityType: 'rights_policy',
        entityId: id,
        data: { institutionId, version, overrides },
      });
      return this.get(institutionId, m);
    });
  }

  async versions(institutionId: string): Promise<PolicyVersionDto[]> {
    const m = this.dataSource.manager;
    await this.institution(institutionId, m);
    const rows: (Omit<PolicyVersionDto, 'createdAt' | 'createdByName'> & { createdBy: string | null; createdAt: Date })[] = await m.query(
      `SELECT p.id, p.version, p.settings AS overrides, p.note, p.created_by AS "createdBy", p.created_at AS "createdAt"
         FROM rights_policies p WHERE p.institution_id = $1 ORDER BY p.version DESC`,
      [institutionId],
    );
    // Authors' names are identity's: one lookup for all versions.
    const names = await this.members.displayNames([...new Set(rows.flatMap((r) => (r.createdBy ? [r.createdBy] : [])))], m);
    return rows.map(({ createdBy, ...r }) => ({ ...r, createdByName: createdBy ? (names.get(createdBy) ?? null) : null, createdAt: r.createdAt.toISOString() }));
  }
}
