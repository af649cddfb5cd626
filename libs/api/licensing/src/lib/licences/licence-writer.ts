import { Injectable } from '@nestjs/common';
import { AchievementFactsService } from '@ttx/api/catalog';
import { AuditService, Problems } from '@ttx/api/core';
import { MemberDirectory } from '@ttx/api/identity';
import { OwnershipService, PoliciesService } from '@ttx/api/rights';
import type { LicenceKind, LicensorShare, PaymentTerms } from '@ttx/shared/contracts';
import { checkPaymentTerms, regionRange } from '@ttx/shared/policy';
import type { EntityManager } from 'typeorm';
import { isOverlap, type LicencePolicySnapshot } from './licence-row';

/** Terms as given: a deferral without `months` takes the institution policy's length. */
export type TermsInput = Omit<PaymentTerms, 'deferral'> & { deferral?: { months?: number | null; untilFirstSales: boolean } | null };

export interface NewLicence {
  achievementId: string;
  licenseeOrgId: string;
  kind: LicenceKind;
  territory: string[];
  fieldsOfUse: string[];
  startsOn: string;
  endsOn: string;
  sublicensing: boolean;
  terms: TermsInput;
  dealId: string | null;
  broker: { id: string; name: string; rateBp: number } | null;
  status: 'draft' | 'active';
  actorId: string | null;
}

const EXCLUSIVE: readonly LicenceKind[] = ['exclusive', 'sole'];

/**
 * Writes a licence in the caller's transaction (a TTO's offline deal, or a market deal through the bridge):
 * licensors from the ownership ledger, the policy in force now (copied), milestones, and — for exclusive and
 * sole licences — the territory × field cells whose EXCLUDE constraint refuses any overlap with another live
 * exclusive licence even when two requests race (the second waits for the first and then fails).
 */
@Injectable()
export class LicenceWriter {
  constructor(
    private readonly achievements: AchievementFactsService,
    private readonly members: MemberDirectory,
    private readonly policies: PoliciesService,
    private readonly ownership: OwnershipService,
    private readonly audit: AuditService,
  ) {}

  async create(m: EntityManager, n: NewLicence): Promise<string> {
    const a = await this.achievements.facts(n.achievementId, m);
    const expiry = await this.achievements.ipExpiry(n.achievementId, m);
    if (n.endsOn < n.startsOn) throw Problems.rule('licence-dates', 'The licence ends before it starts', [{ field: 'endsOn', message: 'is before startsOn' }]);
    if (expiry && n.endsOn > expiry) {
      throw Problems.rule('licence-past-ip-expiry', `A licence may not run past the IP expiry ${expiry}`, [{ field: 'endsOn', message: `is after the IP expiry ${expiry}` }]);
    }
    const problems = checkPaymentTerms({ ...n.terms, deferral: n.terms.deferral ? { months: n.terms.deferral.months ?? null, untilFirstSales: n.terms.deferral.untilFirstSales } : null });
    if (problems.length) throw Problems.rule('licence-terms', problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
    const licensee = await this.members.organization(n.licenseeOrgId, m);
    if (!licensee) throw Problems.rule('licensee-unknown', 'The licensee organisation does not exist', [{ field: 'licenseeOrgId', message: 'not found' }]);
    if (licensee.id === a.institutionId) throw Problems.rule('licensee-is-licensor', 'An institution cannot license to itself', [{ field: 'licenseeOrgId', message: 'is the licensor' }]);

    const policy = await this.policies.effective(a.institutionId, m);
    const ledger = await this.ownership.current(m, a);
    const licensors: LicensorShare[] = ledger.map((s) => ({ holderType: s.holderType, holderId: s.holderId, name: s.holderName, shareBp: s.shareBp }));
    const snapshot: LicencePolicySnapshot = {
      policyId: policy.policyId,
      teamNetIncomeSharePct: policy.settings.teamNetIncomeSharePct,
      ttoRetentionPct: policy.settings.ttoRetentionPct,
      model: licensors.some((l) => l.holderType === 'inventor') ? 'ownership_first' : 'default',
      team: a.inventors.map((i) => ({ id: i.userId, name: i.name, weightBp: i.contributionBp })),
    };
    // An omitted deferral length takes the institution's policy (先使用后付费, DOMAIN.md §3).
    const terms: PaymentTerms = {
      ...n.terms,
      deferral: n.terms.deferral ? { months: n.terms.deferral.months === undefined ? policy.settings.deferralMonths : n.terms.deferral.months, untilFirstSales: n.terms.deferral.untilFirstSales } : null,
    };

    const [{ id }] = await m.query(
      `INSERT INTO licences (achievement_id, title_zh, title_en, licensor_org_id, licensee_org_id, kind, status, territory, fields_of_use, starts_on, ends_on, sublicensing,
                             deal_id, terms, licensors, policy, broker, created_by, activated_at)
       VALUES ($1,$17,$18,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16, CASE WHEN $5 = 'active' THEN now() END) RETURNING id`,
      [n.achievementId, a.institutionId, n.licenseeOrgId, n.kind, n.status, n.territory, n.fieldsOfUse, n.startsOn, n.endsOn, n.sublicensing, n.dealId,
        terms, JSON.stringify(licensors), snapshot, n.broker, n.actorId, a.titleZh, a.titleEn],
    );
    for (const [i, ms] of (terms.milestones ?? []).entries()) {
      await m.query(`INSERT INTO licence_milestones (licence_id, position, name, amount_fen) VALUES ($1,$2,$3,$4)`, [id, i + 1, ms.name, ms.amount]);
    }
    if (EXCLUSIVE.includes(n.kind)) await this.claimCells(m, id, n);
    await this.audit.append(m, {
      actorId: n.actorId,
      action: 'licence.created',
      entityType: 'licence',
      entityId: id,
      data: { achievementId: n.achievementId, licenseeOrgId: n.licenseeOrgId, kind: n.kind, territory: n.territory, fieldsOfUse: n.fieldsOfUse, dealId: n.dealId, status: n.status },
    });
    return id;
  }

  private async claimCells(m: EntityManager, id: string, n: NewLicence): Promise<void> {
    // A code inside another of the same licence (a city in its province) adds nothing and must not self-overlap.
    const all = [...new Set(n.territory)].map(regionRange);
    const ranges = all.filter((r, i) => !all.some((o, j) => j !== i && o[0] <= r[0] && r[1] <= o[1] && (o[1] - o[0] > r[1] - r[0] || j < i)));
    const fields = [...new Set(n.fieldsOfUse)];
    try {
      await m.query(
        `INSERT INTO licence_exclusivity_cells (licence_id, achievement_id, region, field, during)
         SELECT $1, $2, int4range(r.lo, r.hi), f, daterange($6::date, $7::date, '[]')
           FROM unnest($3::int[], $4::int[]) AS r(lo, hi) CROSS JOIN unnest($5::text[]) AS f`,
        [id, n.achievementId, ranges.map((r) => r[0]), ranges.map((r) => r[1]), fields, n.startsOn, n.endsOn],
      );
    } catch (e) {
      if (isOverlap(e)) {
        throw Problems.conflict('licence-overlap-exclusive', 'An exclusive or sole licence of this achievement already covers part of this territory and field of use in this period');
      }
      throw e;
    }
  }
}
