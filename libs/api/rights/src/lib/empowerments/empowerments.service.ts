import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, OutboxService, Problems, QueueService, type AuthUser } from '@ttx/api/core';
import { AchievementFactsService, type AchievementFacts } from '@ttx/api/catalog';
import { MeService, MemberDirectory } from '@ttx/api/identity';
import { DisclosuresService } from '@ttx/api/platform';
import { CHECKLIST_ITEMS, type MeView } from '@ttx/shared/contracts';
import { bpToPct, checkApprovalChecklist, checkEmpowermentTerms, pctToBp, type RuleProblem } from '@ttx/shared/policy';
import type {
  AnswerObjectionDto,
  CreateConsentDto,
  CreateDecisionDto,
  CreateEmpowermentDto,
  EmpowermentDto,
  EmpowermentPageDto,
  EmpowermentQueryDto,
  EmpowermentSummaryDto,
} from '../dto/empowerment.dto';
import type { ObjectionDto } from '@ttx/api/platform';
import { NegativeListService } from '../negative-list/negative-list.service';
import { OwnershipService } from '../ownership/ownership.service';
import { isAdmin, isMember, isTtoOf } from '../policy/access';
import { PoliciesService } from '../policy/policies.service';
import { EmpowermentFinalizer } from './empowerment-finalizer.service';
import { EMPOWERMENT_SQL, EmpowermentViews, loadConsents, pctOrNull, type EmpowermentColumns, type EmpowermentRow } from './empowerment-views';
import { notifyAll, reviewDecisionMessage, titleOf } from './notify';

const ruleError = (p: RuleProblem) => Problems.rule(p.rule, `${p.detail} [rule ${p.rule}]`, [{ field: p.field, message: p.detail }]);
const link = (id: string) => `/rights/empowerments/${id}`;
/** The empowerment `e` has the user (parameter `p`) as its applicant or one of its team. */
const PARTY_SQL = (p: string) => `(e.applicant_id = ${p} OR EXISTS (SELECT 1 FROM empowerment_consents c WHERE c.empowerment_id = e.id AND c.user_id = ${p}))`;

/** DOMAIN.md §2: apply → team consents → TTO review (checklist) → public notice (公示) → final decision. */
@Injectable()
export class EmpowermentsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly achievements: AchievementFactsService,
    private readonly me: MeService,
    private readonly members: MemberDirectory,
    private readonly policies: PoliciesService,
    private readonly negativeList: NegativeListService,
    private readonly ownership: OwnershipService,
    private readonly disclosures: DisclosuresService,
    private readonly finalizer: EmpowermentFinalizer,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly queues: QueueService,
    private readonly views: EmpowermentViews,
  ) {}

  onModuleInit(): void {
    // Objections arrive through the public disclosures endpoint; the TTO and the applicant hear of them.
    this.disclosures.registerHandler('empowerment', {
      onObjection: async (m, { disclosure }) => {
        const e = await this.views.load(m, disclosure.subjectId);
        if (!e) return;
        const title = titleOf({ zh: e.titleZh, en: e.titleEn });
        await notifyAll(this.outbox, m, [e.applicantId, ...(await this.members.usersWithRole(e.institutionId, 'tto_manager', m))], {
          kind: 'empowerment-objection',
          title: { zh: `「${title.zh}」赋权公示收到异议`, en: `An objection to the empowerment notice of “${title.en}”` },
          body: { zh: '请在公示期内答复异议。', en: 'Please answer the objection.' },
          link: link(e.id),
        });
      },
    });
  }

  // ---------- apply ----------

  async apply(caller: AuthUser, achievementId: string, dto: CreateEmpowermentDto): Promise<EmpowermentDto> {
    const id = await this.dataSource.transaction(async (m) => {
      const a = await this.achievements.facts(achievementId, m);
      const me = await this.me.find(caller.id, m);
      const applicant = a.inventors.find((i) => i.userId === caller.id);
      if (!applicant) {
        if (a.status !== 'published' && !isMember(me, a.institutionId)) throw Problems.notFound('Achievement');
        throw Problems.forbidden("Only a member of the achievement's inventor team applies for its empowerment");
      }
      if (!a.jobRelated) {
        throw Problems.rule('not-job-related', 'Empowerment applies to job-related (职务) achievements only [rule not-job-related]', [
          { field: 'achievementId', message: 'not job-related' },
        ]);
      }
      if (a.status === 'archived' || a.status === 'withdrawn') throw Problems.conflict(`achievement-${a.status}`, `The achievement is ${a.status}`);
      await this.negativeList.assertNotListed(m, a.institutionId, a);
      const policy = await this.policies.effective(a.institutionId, m);
      const problem = checkEmpowermentTerms(policy.settings, dto);
      if (problem) throw ruleError(problem);
      // Lock the achievement's live application slot: the partial unique index decides races.
      const [live] = await m.query(`SELECT id, status FROM empowerments WHERE achievement_id = $1 AND status NOT IN ('rejected','withdrawn')`, [a.id]);
      if (live) throw Problems.conflict('empowerment-exists', `The achievement already has an empowerment that is ${live.status}`);
      let id: string;
      try {
        [{ id }] = await m.query(
          `INSERT INTO empowerments (achievement_id, institution_id, applicant_id, model, team_ownership_bp, use_right_years, reward_share_bp, policy_id, policy_settings)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [
            a.id,
            a.institutionId,
            caller.id,
            dto.model,
            dto.model === 'ownership_first' ? pctToBp(dto.teamOwnershipPct as number) : null,
            dto.model === 'long_term_use' ? dto.useRightYears : null,
            dto.model === 'reward_after' ? pctToBp(policy.settings.teamNetIncomeSharePct) : null,
            policy.policyId,
            policy.settings,
          ],
        );
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw Problems.conflict('empowerment-exists', 'The achievement already has a live empowerment');
        throw e;
      }
      for (const inv of a.inventors) {
        await m.query(
          `INSERT INTO empowerment_consents (empowerment_id, position, inventor_name, user_id, contribution_bp, consented_at)
           VALUES ($1, $2, $3, $4, $5, CASE WHEN $4::uuid = $6::uuid THEN now() END)`,
          [id, inv.position, inv.name, inv.userId, inv.contributionBp, caller.id],
        );
      }
      await this.audit.append(m, { actorId: caller.id, action: 'rights.empowerment.apply', entityType: 'empowerment', entityId: id, data: { ...dto, policyId: policy.policyId } });
      const title = titleOf(a);
      await notifyAll(this.outbox, m, a.inventors.filter((i) => i.userId !== caller.id).map((i) => i.userId), {
        kind: 'empowerment-consent-requested',
        title: { zh: `请确认「${title.zh}」的赋权申请`, en: `Please confirm the empowerment application for “${title.en}”` },
        body: { zh: '团队全体成员确认后，申请提交技术转移机构审查。', en: 'Once every team member confirms, the TTO reviews the application.' },
        link: link(id),
      });
      await this.advanceIfConsented(m, id, a);
      return id;
    });
    void this.queues.nudgeOutbox();
    return this.get(caller, id);
  }

  /** consenting → under_review once every team member confirmed; the TTO hears of it. */
  private async advanceIfConsented(m: EntityManager, id: string, a: Pick<AchievementFacts, 'institutionId' | 'titleZh' | 'titleEn'>): Promise<void> {
    const [{ missing }] = await m.query('SELECT count(*)::int AS missing FROM empowerment_consents WHERE empowerment_id = $1 AND consented_at IS NULL', [id]);
    if (missing > 0) return;
    const [, n]: [unknown, number] = await m.query(`UPDATE empowerments SET status = 'under_review', updated_at = now() WHERE id = $1 AND status = 'consenting'`, [id]);
    if (n === 0) return;
    const title = titleOf(a);
    await notifyAll(this.outbox, m, await this.members.usersWithRole(a.institutionId, 'tto_manager', m), {
      kind: 'empowerment-review-requested',
      title: { zh: `新的赋权申请待审查：「${title.zh}」`, en: `Empowerment application to review: “${title.en}”` },
      body: { zh: '团队全体成员已确认。', en: 'Every team member has confirmed.' },
      link: link(id),
    });
    const team: { userId: string }[] = await m.query(
      `SELECT user_id AS "userId" FROM empowerment_consents WHERE empowerment_id = $1 AND user_id IS NOT NULL
       UNION SELECT applicant_id FROM empowerments WHERE id = $1`,
      [id],
    );
    await notifyAll(this.outbox, m, team.map((t) => t.userId), {
      kind: 'empowerment-under-review',
      title: { zh: `「${title.zh}」赋权申请已提交审查`, en: `Empowerment application for “${title.en}” is under TTO review` },
      body: { zh: '团队全体成员已确认，技术转移机构将进行尽职审查。', en: 'Every team member confirmed; the TTO now reviews it with due diligence.' },
      link: link(id),
    });
  }

  // ---------- consent ----------

  async consent(caller: AuthUser, id: string, dto: CreateConsentDto): Promise<EmpowermentDto> {
    await this.dataSource.transaction(async (m) => {
      const e = await this.visible(m, caller, id, true);
      if (e.status !== 'consenting') throw Problems.conflict(`empowerment-${e.status}`, 'Consents are given while the application is collecting them');
      const me = await this.me.find(caller.id, m);
      if (dto.inventorPosition !== undefined) {
        if (!isTtoOf(me, e.institutionId)) throw Problems.forbidden('Only the TTO records a signed consent on behalf of an inventor');
        if (!dto.evidence) throw Problems.rule('consent-evidence', 'Recording a signed consent needs the evidence (where the signed form is kept)', [{ field: 'evidence', message: 'required' }]);
        const [, n]: [unknown, number] = await m.query(
          `UPDATE empowerment_consents SET consented_at = now(), recorded_by = $3, evidence = $4
            WHERE empowerment_id = $1 AND position = $2 AND user_id IS NULL AND consented_at IS NULL`,
          [id, dto.inventorPosition, caller.id, dto.evidence],
        );
        if (n === 0) throw Problems.conflict('consent-not-recordable', 'That team position has an account (its member confirms in person), has consented already, or does not exist');
      } else {
        const [, n]: [unknown, number] = await m.query(
          'UPDATE empowerment_consents SET consented_at = now() WHERE empowerment_id = $1 AND user_id = $2 AND consented_at IS NULL',
          [id, caller.id],
        );
        if (n === 0) {
          const [mine] = await m.query('SELECT 1 FROM empowerment_consents WHERE empowerment_id = $1 AND user_id = $2', [id, caller.id]);
          if (!mine) throw Problems.forbidden('Only a member of the inventor team consents');
          throw Problems.conflict('consent-given', 'You have already consented');
        }
      }
      await this.audit.append(m, { actorId: caller.id, action: 'rights.empowerment.consent', entityType: 'empowerment', entityId: id, data: { ...dto } });
      await this.advanceIfConsented(m, id, { institutionId: e.institutionId, titleZh: e.titleZh, titleEn: e.titleEn });
    });
    void this.queues.nudgeOutbox();
    return this.get(caller, id);
  }

  // ---------- decisions ----------

  async decide(caller: AuthUser, id: string, dto: CreateDecisionDto): Promise<EmpowermentDto> {
    let schedule: Date | null = null;
    await this.dataSource.transaction(async (m) => {
      // The row lock serialises two managers deciding at once: the second sees the first's outcome (409).
      const e = await this.visible(m, caller, id, true);
      if (!isTtoOf(await this.me.find(caller.id, m), e.institutionId)) throw Problems.forbidden("Only the institution's TTO manager decides");
      if (e.status === 'under_review') {
        schedule = await this.review(m, caller, e, dto);
      } else if (e.status === 'in_notice') {
        await this.finalizer.finalize(m, e, dto.decision, dto.reasons, dto.checklist ?? null, caller.id);
      } else if (e.status === 'consenting') {
        throw Problems.conflict('consent-pending', 'Every team member must consent before the TTO decides');
      } else {
        throw Problems.conflict('empowerment-decided', `This empowerment is already ${e.status}`);
      }
    });
    void this.queues.nudgeOutbox();
    if (schedule) await this.finalizer.scheduleNoticeEnd(id, schedule).catch(() => undefined /* the worker re-schedules at start */);
    return this.get(caller, id);
  }

  /** The TTO's proposed decision: reject ends it; approve puts it on public notice. Returns the notice end. */
  private async review(m: EntityManager, caller: AuthUser, e: EmpowermentRow, dto: CreateDecisionDto): Promise<Date | null> {
    const a = await this.achievements.facts(e.achievementId, m);
    const policy = await this.policies.effective(e.institutionId, m);
    if (dto.decision === 'approve') {
      if (!dto.checklist) throw Problems.rule('checklist-required', 'Approval needs the due-diligence checklist [rule checklist-required]', [{ field: 'checklist', message: 'required' }]);
      const c = checkApprovalChecklist(CHECKLIST_ITEMS, dto.checklist);
      if (c) throw ruleError(c);
      await this.negativeList.assertNotListed(m, e.institutionId, a);
      const terms = checkEmpowermentTerms(policy.settings, {
        model: e.model,
        teamOwnershipPct: pctOrNull(e.teamOwnershipBp),
        useRightYears: e.useRightYears,
      });
      if (terms) throw ruleError(terms);
    }
    const to = dto.decision === 'approve' ? 'in_notice' : 'rejected';
    const [, n]: [unknown, number] = await m.query(
      `UPDATE empowerments SET status = $2, updated_at = now(), decided_at = CASE WHEN $2 = 'rejected' THEN now() END WHERE id = $1 AND status = 'under_review'`,
      [e.id, to],
    );
    if (n === 0) throw Problems.conflict('empowerment-decided', 'This empowerment has just been decided by someone else');
    await m.query(
      `INSERT INTO empowerment_decisions (empowerment_id, stage, decision, reasons, checklist, policy_id, policy_settings, decided_by)
       VALUES ($1, 'review', $2, $3, $4, $5, $6, $7)`,
      [e.id, dto.decision, dto.reasons, dto.checklist ? JSON.stringify(dto.checklist) : null, policy.policyId, policy.settings, caller.id],
    );
    await this.audit.append(m, {
      actorId: caller.id,
      action: `rights.empowerment.review.${dto.decision}`,
      entityType: 'empowerment',
      entityId: e.id,
      data: { reasons: dto.reasons, policyId: policy.policyId },
    });
    const consents = await loadConsents(m, e.id);
    const title = titleOf(a);
    let endsAt: Date | null = null;
    if (to === 'in_notice') {
      const startsAt = new Date();
      endsAt = new Date(startsAt.getTime() + this.finalizer.noticeLengthMs(policy.settings.noticeDays));
      const proposed = e.model === 'ownership_first' && e.teamOwnershipBp !== null ? this.ownership.proposed(a, e.teamOwnershipBp, consents) : [];
      const notice = await this.disclosures.publish(
        {
          kind: 'empowerment',
          subjectType: 'empowerment',
          subjectId: e.id,
          institutionId: e.institutionId,
          titleZh: `关于「${title.zh}」职务科技成果赋权的公示`,
          titleEn: `Public notice: empowerment of “${title.en}”`,
          summary: {
            achievementId: a.id,
            model: e.model,
            teamOwnershipPct: pctOrNull(e.teamOwnershipBp),
            useRightYears: e.useRightYears,
            rewardSharePct: pctOrNull(e.rewardShareBp),
            team: consents.map((c) => ({ name: c.name, contributionPct: c.contributionPct })),
            proposedShares: proposed.map((s) => ({ holderType: s.holderType, holderName: s.holderName, sharePct: s.sharePct })),
            noticeDays: policy.settings.noticeDays,
            reasons: dto.reasons,
          },
          startsAt,
          endsAt,
        },
        m,
      );
      await m.query('UPDATE empowerments SET disclosure_id = $2, notice_ends_at = $3 WHERE id = $1', [e.id, notice.id, endsAt]);
    }
    await notifyAll(this.outbox, m, [e.applicantId, ...consents.map((c) => c.userId)], reviewDecisionMessage(e.id, title, dto.decision, dto.reasons));
    return endsAt;
  }

  async answerObjection(caller: AuthUser, id: string, objectionId: string, dto: AnswerObjectionDto): Promise<ObjectionDto> {
    const result = await this.dataSource.transaction(async (m) => {
      const e = await this.visible(m, caller, id, true);
      if (!isTtoOf(await this.me.find(caller.id, m), e.institutionId)) throw Problems.forbidden("Only the institution's TTO manager answers objections");
      if (e.status !== 'in_notice' || !e.disclosureId) throw Problems.conflict(`empowerment-${e.status}`, 'Objections are answered while the empowerment is on notice');
      const o = await this.disclosures.answerObjection(m, e.disclosureId, objectionId, { status: dto.status, text: dto.reasons, userId: caller.id });
      await this.audit.append(m, { actorId: caller.id, action: `rights.objection.${dto.status}`, entityType: 'empowerment', entityId: id, data: { objectionId, reasons: dto.reasons } });
      const objector = (await this.disclosures.objectionsOf(e.disclosureId, m)).find((x) => x.id === objectionId)?.userId;
      const title = titleOf({ zh: e.titleZh, en: e.titleEn });
      await notifyAll(this.outbox, m, [objector, e.applicantId], {
        kind: `empowerment-objection-${dto.status}`,
        title:
          dto.status === 'upheld'
            ? { zh: `对「${title.zh}」赋权公示的异议成立`, en: `Objection to the notice of “${title.en}” upheld` }
            : { zh: `对「${title.zh}」赋权公示的异议不成立`, en: `Objection to the notice of “${title.en}” dismissed` },
        body: { zh: dto.reasons, en: dto.reasons },
        link: `/rights/notices/${e.disclosureId}`,
      });
      return o;
    });
    void this.queues.nudgeOutbox();
    return result;
  }

  /** The applicant withdraws before the review decision. */
  async withdraw(caller: AuthUser, id: string): Promise<EmpowermentDto> {
    await this.dataSource.transaction(async (m) => {
      const e = await this.visible(m, caller, id, true);
      if (e.applicantId !== caller.id) throw Problems.forbidden('Only the applicant withdraws the application');
      const [, n]: [unknown, number] = await m.query(
        `UPDATE empowerments SET status = 'withdrawn', updated_at = now() WHERE id = $1 AND status IN ('consenting','under_review')`,
        [id],
      );
      if (n === 0) throw Problems.conflict(`empowerment-${e.status}`, `An empowerment that is ${e.status} can no longer be withdrawn`);
      await this.audit.append(m, { actorId: caller.id, action: 'rights.empowerment.withdraw', entityType: 'empowerment', entityId: id });
    });
    return this.get(caller, id);
  }

  // ---------- reads ----------

  /** The row if the caller may see it (team, applicant, institution members, admins), else 404. */
  private async visible(m: EntityManager, caller: AuthUser, id: string, lock = false): Promise<EmpowermentRow> {
    const e = await this.views.load(m, id, lock);
    if (!e) throw Problems.notFound('Empowerment');
    if (e.applicantId === caller.id || isAdmin(caller)) return e;
    const me = await this.me.find(caller.id, m);
    if (isMember(me, e.institutionId)) return e;
    const [team] = await m.query('SELECT 1 FROM empowerment_consents WHERE empowerment_id = $1 AND user_id = $2', [id, caller.id]);
    if (team) return e;
    throw Problems.notFound('Empowerment');
  }

  async get(caller: AuthUser, id: string): Promise<EmpowermentDto> {
    const m = this.dataSource.manager;
    const e = await this.visible(m, caller, id);
    const me: MeView | undefined = await this.me.find(caller.id, m);
    const consents = await loadConsents(m, id);
    const decisions = await this.views.decisions(m, id);
    const disclosure = e.disclosureId ? await this.disclosures.get(e.disclosureId, m) : null;
    let proposedShares: EmpowermentDto['proposedShares'] = [];
    if (e.model === 'ownership_first' && e.teamOwnershipBp !== null) {
      const a = await this.achievements.facts(e.achievementId, m);
      proposedShares = this.ownership.proposed(a, e.teamOwnershipBp, consents);
    }
    return {
      id: e.id,
      achievementId: e.achievementId,
      achievementTitle: { zh: e.titleZh, en: e.titleEn },
      institutionId: e.institutionId,
      institutionName: e.institutionName,
      applicantName: e.applicantName,
      model: e.model,
      teamOwnershipPct: pctOrNull(e.teamOwnershipBp),
      useRightYears: e.useRightYears,
      rewardSharePct: pctOrNull(e.rewardShareBp),
      status: e.status,
      policyId: e.policyId,
      policySettings: e.policySettings,
      consents: consents.map(({ contributionBp: _bp, ...c }) => c),
      decisions,
      disclosure,
      proposedShares,
      canConsent: e.status === 'consenting' && consents.some((c) => c.userId === caller.id && !c.consented),
      canReview: (e.status === 'under_review' || e.status === 'in_notice') && isTtoOf(me, e.institutionId),
      createdAt: e.createdAt.toISOString(),
      decidedAt: e.decidedAt?.toISOString() ?? null,
    };
  }

  async list(caller: AuthUser, q: EmpowermentQueryDto): Promise<EmpowermentPageDto> {
    let params: unknown[];
    let where: string;
    if (q.scope === 'review') {
      // The institutions the caller reviews for (TTO manager of a verified one), from identity first.
      const ttoOf = (await this.members.organizationsOfUser(caller.id, ['tto_manager'])).filter((x) => x.verified).map((x) => x.organizationId);
      params = [ttoOf];
      where = 'e.institution_id = ANY($1::uuid[])';
    } else {
      params = [caller.id];
      where = PARTY_SQL('$1');
    }
    const status = q.status ? ` AND e.status = $${params.push(q.status)}` : '';
    const [items, [{ total }]] = await Promise.all([
      this.summaries(`${where}${status}`, params, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
      this.dataSource.query(`SELECT count(*)::int AS total FROM empowerments e WHERE ${where}${status}`, params),
    ]);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async forAchievement(caller: AuthUser, achievementId: string): Promise<EmpowermentSummaryDto[]> {
    const m = this.dataSource.manager;
    const a = await this.achievements.facts(achievementId, m);
    const me = await this.me.find(caller.id, m);
    const seesAll = isAdmin(caller) || isMember(me, a.institutionId);
    if (!seesAll && !a.inventors.some((i) => i.userId === caller.id)) {
      if (a.status !== 'published') throw Problems.notFound('Achievement');
      return [];
    }
    if (seesAll) return this.summaries('e.achievement_id = $1', [achievementId]);
    // A team member outside the institution sees the applications they are party to (as `visible` decides
    // for one), so an application of an earlier team is left out rather than failing the list.
    return this.summaries(`e.achievement_id = $1 AND ${PARTY_SQL('$2')}`, [achievementId, caller.id]);
  }

  /**
   * Summaries of the empowerments `where` selects, newest first: one query with their consent counts, then
   * one batch name lookup each in identity and catalog (EmpowermentViews.named), whatever the number of rows.
   */
  private async summaries(where: string, params: unknown[], page?: { limit: number; offset: number }): Promise<EmpowermentSummaryDto[]> {
    const m = this.dataSource.manager;
    const n = params.length;
    const found: (EmpowermentColumns & { given: number; needed: number })[] = await m.query(
      `SELECT x.*, c.given, c.needed FROM (${EMPOWERMENT_SQL} WHERE ${where}) x
         CROSS JOIN LATERAL (SELECT count(consented_at)::int AS given, count(*)::int AS needed FROM empowerment_consents WHERE empowerment_id = x.id) c
        ORDER BY x."createdAt" DESC, x.id${page ? ` LIMIT $${n + 1} OFFSET $${n + 2}` : ''}`,
      page ? [...params, page.limit, page.offset] : params,
    );
    const rows = await this.views.named(m, found);
    return rows.map((r) => ({
      id: r.id,
      achievementId: r.achievementId,
      achievementTitle: { zh: r.titleZh, en: r.titleEn },
      institutionName: r.institutionName,
      applicantName: r.applicantName,
      model: r.model,
      teamOwnershipPct: pctOrNull(r.teamOwnershipBp),
      useRightYears: r.useRightYears,
      status: r.status,
      consentsGiven: r.given,
      consentsNeeded: r.needed,
      noticeEndsAt: r.noticeEndsAt ? new Date(r.noticeEndsAt).toISOString() : null,
      createdAt: new Date(r.createdAt).toISOString(),
    }));
  }

  /** For licensing: the team's promised share of net income, if a reward-after empowerment is final. */
  async rewardPromise(achievementId: string, m: EntityManager = this.dataSource.manager): Promise<{ empowermentId: string; teamSharePct: number } | null> {
    const [row] = await m.query(`SELECT id, reward_share_bp AS bp FROM empowerments WHERE achievement_id = $1 AND status = 'final' AND model = 'reward_after'`, [achievementId]);
    return row ? { empowermentId: row.id, teamSharePct: bpToPct(row.bp) } : null;
  }
}
