import { Inject, Injectable, Logger } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, OutboxService, type AppConfig } from '@ttx/api/core';
import { AchievementFactsService } from '@ttx/api/catalog';
import { MemberDirectory } from '@ttx/api/identity';
import { DisclosuresService } from '@ttx/api/platform';
import { CHECKLIST_ITEMS, type EmpowermentModel, type EmpowermentStatus, type NegativeRuleKind } from '@ttx/shared/contracts';
import { pctToBp } from '@ttx/shared/policy';
import { finalDecisionMessage, notifyAll, reviewDecisionMessage, titleOf } from '../empowerments/notify';
import { OwnershipService } from '../ownership/ownership.service';
import { PoliciesService } from '../policy/policies.service';

/** seeds/demo/rights.json */
export interface RightsSeed {
  policies: { institution: string; versions: { daysAgo: number; createdBy: string; note: string; settings: Record<string, number> }[] }[];
  negativeList: { institution: string; kind: NegativeRuleKind; value?: string; achievement?: string; reasonZh: string; reasonEn: string }[];
  empowerments: {
    achievement: string;
    model: EmpowermentModel;
    teamOwnershipPct?: number;
    useRightYears?: number;
    status: Exclude<EmpowermentStatus, 'withdrawn'>;
    daysAgo: number;
    review?: { decision: 'approve' | 'reject'; daysAgo: number; reasons: string };
    objections?: { by: string; daysAfterNotice: number; text: string; status: 'open' | 'upheld' | 'dismissed'; answer?: string }[];
  }[];
}

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

/**
 * Demo rights data for the university (owned by tto@demo.ttx and researcher@demo.ttx): two policy versions,
 * a negative list, and empowerments in every state. Loads only into an empty rights context, never in
 * production; the worker schedules the notice-end job of the open notice when it starts. The seeded decisions
 * send the notifications the live ones send (the outbox; the worker delivers them).
 */
@Injectable()
export class RightsSeeder {
  private readonly log = new Logger('RightsSeeder');

  constructor(
    private readonly dataSource: DataSource,
    private readonly achievements: AchievementFactsService,
    private readonly policies: PoliciesService,
    private readonly ownership: OwnershipService,
    private readonly disclosures: DisclosuresService,
    private readonly members: MemberDirectory,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seed(dir: string): Promise<'seeded' | 'skipped'> {
    if (this.config.NODE_ENV === 'production') return 'skipped';
    const file = join(dir, 'rights.json');
    if (!existsSync(file)) return 'skipped';
    const seed: RightsSeed = JSON.parse(readFileSync(file, 'utf8'));
    const catalog: { achievements: { key: string; institution: string; title: { zh?: string | null; en?: string | null } }[] } = JSON.parse(
      readFileSync(join(dir, 'achievements.json'), 'utf8'),
    );
    const identity: { organizations: { key: string; creditCode: string }[] } = JSON.parse(readFileSync(join(dir, 'identity.json'), 'utf8'));
    return this.dataSource.transaction(async (m) => {
      const [{ n }] = await m.query('SELECT (SELECT count(*) FROM empowerments) + (SELECT count(*) FROM rights_policies WHERE institution_id IS NOT NULL) AS n');
      if (Number(n) > 0) return 'skipped';
      const org = async (key: string) => {
        const code = identity.organizations.find((o) => o.key === key)?.creditCode;
        const id = code && (await this.members.organizationIdsByCreditCode([code], m)).get(code);
        if (!id) throw new Error(`rights seed: organisation ${key} is not seeded`);
        return id;
      };
      const user = async (email: string) => {
        const id = (await this.members.userIdsByEmail([email], m)).get(email.toLowerCase());
        if (!id) throw new Error(`rights seed: user ${email} is not seeded`);
        return id;
      };
      const achievement = async (key: string) => {
        const a = catalog.achievements.find((x) => x.key === key);
        const id = a && (await this.achievements.idByTitle({ zh: a.title.zh ?? null, en: a.title.en ?? null }, m));
        if (!id) throw new Error(`rights seed: achievement ${key} is not seeded`);
        return id;
      };

      for (const p of seed.policies) {
        const inst = await org(p.institution);
        for (const [i, v] of p.versions.entries()) {
          await m.query('INSERT INTO rights_policies (institution_id, version, settings, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
            inst,
            i + 1,
            v.settings,
            v.note,
            await user(v.createdBy),
            ago(v.daysAgo),
          ]);
        }
      }
      for (const r of seed.negativeList) {
        const value = r.kind === 'achievement' ? await achievement(r.achievement as string) : (r.value as string);
        await m.query('INSERT INTO rights_negative_rules (institution_id, kind, value, reason_zh, reason_en, created_by) VALUES ($1, $2, $3, $4, $5, $6)', [
          await org(r.institution),
          r.kind,
          value,
          r.reasonZh,
          r.reasonEn,
          await user('tto@demo.ttx'),
        ]);
      }
      for (const e of seed.empowerments) await this.empowerment(m, e, await achievement(e.achievement), user);
      return 'seeded';
    });
  }

  private async empowerment(m: EntityManager, e: RightsSeed['empowerments'][number], achievementId: string, user: (email: string) => Promise<string>): Promise<void> {
    const a = await this.achievements.facts(achievementId, m);
    const applicant = a.inventors.find((i) => i.userId)?.userId;
    if (!applicant) throw new Error(`rights seed: ${e.achievement} has no inventor with an account`);
    const tto = await user('tto@demo.ttx');
    const policy = await this.policies.effective(a.institutionId, m);
    const [{ id }] = await m.query(
      `INSERT INTO empowerments (achievement_id, institution_id, applicant_id, model, team_ownership_bp, use_right_years, reward_share_bp, status, policy_id, policy_settings, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
      [
        a.id,
        a.institutionId,
        applicant,
        e.model,
        e.teamOwnershipPct !== undefined ? pctToBp(e.teamOwnershipPct) : null,
        e.useRightYears ?? null,
        e.model === 'reward_after' ? pctToBp(policy.settings.teamNetIncomeSharePct) : null,
        e.status,
        policy.policyId,
        policy.settings,
        ago(e.daysAgo),
      ],
    );
    // The applicant confirmed in person; beyond 'consenting' the others' signed forms are on file.
    for (const inv of a.inventors) {
      const consented = inv.userId === applicant || e.status !== 'consenting';
      await m.query(
        `INSERT INTO empowerment_consents (empowerment_id, position, inventor_name, user_id, contribution_bp, consented_at, recorded_by, evidence)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          id,
          inv.position,
          inv.name,
          inv.userId,
          inv.contributionBp,
          consented ? ago(e.daysAgo - 0.5) : null,
          consented && inv.userId !== applicant ? tto : null,
          consented && inv.userId !== applicant ? `纸质确认书 / signed form TTO-${e.achievement}-${inv.position}` : null,
        ],
      );
    }
    if (!e.review) return;
    const checklist = {
      items: CHECKLIST_ITEMS.map((key) => ({ key, passed: e.review?.decision === 'approve' })),
      reviewers: [
        { name: '王敏 Wang Min', vote: e.review.decision },
        { name: '周建国 Zhou Jianguo', vote: e.review.decision, comment: '材料齐全 / complete' },
        { name: '吴霞 Wu Xia', vote: 'abstain', comment: '回避（同学院） / recused' },
      ],
      evidence: [{ title: '成果完成人贡献说明 / contribution statement', ref: `TTO-${e.achievement}` }],
    };
    const reviewedAt = ago(e.review.daysAgo);
    const team = [applicant, ...a.inventors.map((i) => i.userId)];
    await notifyAll(this.outbox, m, team, reviewDecisionMessage(id, titleOf(a), e.review.decision, e.review.reasons));
    await m.query(
      `INSERT INTO empowerment_decisions (empowerment_id, stage, decision, reasons, checklist, policy_id, policy_settings, decided_by, created_at)
       VALUES ($1, 'review', $2, $3, $4, $5, $6, $7, $8)`,
      [id, e.review.decision, e.review.reasons, JSON.stringify(checklist), policy.policyId, policy.settings, tto, reviewedAt],
    );
    if (e.review.decision === 'reject') {
      await m.query('UPDATE empowerments SET decided_at = $2 WHERE id = $1', [id, reviewedAt]);
      return;
    }
    const endsAt = new Date(reviewedAt.getTime() + policy.settings.noticeDays * DAY);
    const consents = a.inventors.map((i) => ({ position: i.position, name: i.name, userId: i.userId, contributionBp: i.contributionBp }));
    const proposed = e.model === 'ownership_first' && e.teamOwnershipPct ? this.ownership.proposed(a, pctToBp(e.teamOwnershipPct) as number, consents) : [];
    const title = { zh: a.titleZh ?? a.titleEn ?? '', en: a.titleEn ?? a.titleZh ?? '' };
    const notice = await this.disclosures.publish(
      {
        kind: 'empowerment',
        subjectType: 'empowerment',
        subjectId: id,
        institutionId: a.institutionId,
        titleZh: `关于「${title.zh}」职务科技成果赋权的公示`,
        titleEn: `Public notice: empowerment of “${title.en}”`,
        summary: {
          achievementId: a.id,
          model: e.model,
          teamOwnershipPct: e.teamOwnershipPct ?? null,
          useRightYears: e.useRightYears ?? null,
          team: a.inventors.map((i) => ({ name: i.name, contributionPct: i.contributionBp / 100 })),
          proposedShares: proposed.map((s) => ({ holderType: s.holderType, holderName: s.holderName, sharePct: s.sharePct })),
          noticeDays: policy.settings.noticeDays,
          reasons: e.review.reasons,
        },
        startsAt: reviewedAt,
        endsAt,
      },
      m,
    );
    await m.query('UPDATE empowerments SET disclosure_id = $2, notice_ends_at = $3 WHERE id = $1', [id, notice.id, endsAt]);
    for (const o of e.objections ?? []) {
      await this.disclosures.recordPastObjection(m, notice.id, {
        userId: await user(o.by),
        text: o.text,
        createdAt: ago(e.review.daysAgo - o.daysAfterNotice),
        answer: o.status === 'open' ? undefined : { status: o.status, text: o.answer as string, userId: tto, at: ago(e.review.daysAgo - o.daysAfterNotice - 1) },
      });
    }
    if (e.status !== 'final') return;
    const finalReasons = '公示期满，无成立的异议，拟定决定生效。 The public notice ended with no upheld objection; the proposed decision is final.';
    const [{ id: decisionId }] = await m.query(
      `INSERT INTO empowerment_decisions (empowerment_id, stage, decision, reasons, checklist, policy_id, policy_settings, decided_by, created_at)
       VALUES ($1, 'final', 'approve', $2, $3, $4, $5, NULL, $6) RETURNING id`,
      [id, finalReasons, JSON.stringify(checklist), policy.policyId, policy.settings, endsAt],
    );
    await m.query('UPDATE empowerments SET decided_at = $2 WHERE id = $1', [id, endsAt]);
    await this.disclosures.setOutcome(m, notice.id, 'approved');
    await notifyAll(this.outbox, m, [...team, ...(await this.members.usersWithRole(a.institutionId, 'tto_manager', m))], finalDecisionMessage(id, titleOf(a), 'approve', finalReasons));
    if (proposed.length) {
      await this.ownership.write(m, a.id, proposed, { empowermentId: id, decisionId });
      await m.query('UPDATE ownership_history SET created_at = $2 WHERE decision_id = $1', [decisionId, endsAt]);
    }
  }
}
