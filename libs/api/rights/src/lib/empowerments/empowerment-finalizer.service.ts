import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, AuditService, JOB_IDS, JOBS, OutboxService, Problems, QUEUES, QueueService, type AppConfig } from '@ttx/api/core';
import { AchievementFactsService } from '@ttx/api/catalog';
import { MemberDirectory } from '@ttx/api/identity';
import { DisclosuresService } from '@ttx/api/platform';
import type { EmpowermentDecision } from '@ttx/shared/contracts';
import type { ChecklistDto } from '../dto/empowerment.dto';
import { OwnershipService } from '../ownership/ownership.service';
import { PoliciesService } from '../policy/policies.service';
import { EmpowermentViews, loadConsents, type EmpowermentRow } from './empowerment-views';
import { finalDecisionMessage, notifyAll, titleOf } from './notify';

export type NoticeEndOutcome = 'finalised' | 'awaiting-decision' | 'not-in-notice' | 'notice-running';

/**
 * The end of an empowerment: the final decision after the public notice, taken by a TTO manager or, when
 * the notice ends with no open or upheld objection, by the notice-end job. Shared by the api and worker.
 */
@Injectable()
export class EmpowermentFinalizer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly disclosures: DisclosuresService,
    private readonly ownership: OwnershipService,
    private readonly policies: PoliciesService,
    private readonly achievements: AchievementFactsService,
    private readonly members: MemberDirectory,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly queues: QueueService,
    private readonly views: EmpowermentViews,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  noticeLengthMs(noticeDays: number): number {
    return noticeDays * this.config.RIGHTS_NOTICE_DAY_MS;
  }

  /** After the review transaction committed: a delayed job with a deterministic id (re-adding is a no-op). */
  async scheduleNoticeEnd(empowermentId: string, endsAt: Date): Promise<void> {
    await this.queues.queue(QUEUES.rights).add(
      JOBS.empowermentNoticeEnd,
      { empowermentId },
      {
        jobId: JOB_IDS.empowermentNoticeEnd(empowermentId),
        delay: Math.max(0, endsAt.getTime() - Date.now()),
        attempts: 8,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: 1000,
        removeOnFail: 1000,
      },
    );
  }

  /**
   * Checks the notice and, with `decision`, records the final decision: status, decision row, ledger,
   * notice outcome, audit and notifications in the caller's transaction. The empowerment row must be
   * locked by the caller. Throws 409 when the notice still runs or an objection blocks approval.
   */
  async finalize(
    m: EntityManager,
    e: EmpowermentRow,
    decision: EmpowermentDecision,
    reasons: string,
    checklist: ChecklistDto | null,
    decidedBy: string | null,
  ): Promise<void> {
    if (e.status !== 'in_notice' || !e.disclosureId) throw Problems.conflict(`empowerment-${e.status}`, `An empowerment that is ${e.status} cannot be finally decided`);
    const notice = await this.disclosures.lockForDecision(m, e.disclosureId);
    if (notice.status !== 'ended') {
      throw Problems.conflict('notice-not-ended', `The public notice runs until ${notice.endsAt}; the final decision comes after it ends`);
    }
    if (decision === 'approve' && notice.objections.upheld > 0) {
      throw Problems.conflict('objection-upheld', `${notice.objections.upheld} objection(s) were upheld during the public notice; the proposed decision cannot become final`);
    }
    if (decision === 'approve' && notice.objections.open > 0) {
      throw Problems.conflict('objections-unanswered', `${notice.objections.open} objection(s) are still unanswered; answer them first`);
    }
    const to = decision === 'approve' ? 'final' : 'rejected';
    const [, changed]: [unknown, number] = await m.query(
      `UPDATE empowerments SET status = $2, decided_at = now(), updated_at = now() WHERE id = $1 AND status = 'in_notice'`,
      [e.id, to],
    );
    if (changed === 0) throw Problems.conflict('empowerment-decided', 'This empowerment has just been decided by someone else');
    const policy = await this.policies.effective(e.institutionId, m);
    const [{ id: decisionId }] = await m.query(
      `INSERT INTO empowerment_decisions (empowerment_id, stage, decision, reasons, checklist, policy_id, policy_settings, decided_by)
       VALUES ($1, 'final', $2, $3, $4, $5, $6, $7) RETURNING id`,
      [e.id, decision, reasons, checklist ? JSON.stringify(checklist) : null, policy.policyId, policy.settings, decidedBy],
    );
    const consents = await loadConsents(m, e.id);
    if (to === 'final' && e.model === 'ownership_first' && e.teamOwnershipBp !== null) {
      const a = await this.achievements.facts(e.achievementId, m);
      const shares = this.ownership.proposed(a, e.teamOwnershipBp, consents);
      await this.ownership.write(m, e.achievementId, shares, { empowermentId: e.id, decisionId });
    }
    await this.disclosures.setOutcome(m, e.disclosureId, to === 'final' ? 'approved' : 'rejected');
    await this.audit.append(m, {
      actorId: decidedBy,
      action: `rights.empowerment.${to}`,
      entityType: 'empowerment',
      entityId: e.id,
      data: { decision, reasons, policyId: policy.policyId, objections: notice.objections },
    });
    const title = titleOf({ zh: e.titleZh, en: e.titleEn });
    const ttos = await this.members.usersWithRole(e.institutionId, 'tto_manager', m);
    await notifyAll(this.outbox, m, [e.applicantId, ...consents.map((c) => c.userId), ...ttos], finalDecisionMessage(e.id, title, decision, reasons));
  }

  /**
   * The notice-end job. Idempotent: it acts only on an empowerment still in notice whose notice has ended;
   * a second run finds it final (or already flagged) and changes nothing.
   */
  async onNoticeEnd(empowermentId: string): Promise<NoticeEndOutcome> {
    const outcome = await this.dataSource.transaction(async (m): Promise<NoticeEndOutcome> => {
      const e = await this.views.load(m, empowermentId, true);
      if (!e || e.status !== 'in_notice' || !e.disclosureId) return 'not-in-notice';
      const notice = await this.disclosures.lockForDecision(m, e.disclosureId);
      if (notice.status !== 'ended') return 'notice-running';
      if (notice.objections.open > 0 || notice.objections.upheld > 0) {
        if (notice.outcome) return 'awaiting-decision';
        await this.disclosures.setOutcome(m, e.disclosureId, 'awaiting-decision');
        const title = titleOf({ zh: e.titleZh, en: e.titleEn });
        await notifyAll(this.outbox, m, await this.members.usersWithRole(e.institutionId, 'tto_manager', m), {
          kind: 'empowerment-notice-ended',
          title: { zh: `「${title.zh}」公示期满，待作最终决定`, en: `Notice for “${title.en}” ended: a final decision is needed` },
          body: {
            zh: `公示期内有 ${notice.objections.open} 条未答复异议、${notice.objections.upheld} 条成立的异议。`,
            en: `${notice.objections.open} objection(s) unanswered and ${notice.objections.upheld} upheld during the notice.`,
          },
          link: `/rights/empowerments/${e.id}`,
        });
        return 'awaiting-decision';
      }
      const [review] = await m.query(`SELECT checklist FROM empowerment_decisions WHERE empowerment_id = $1 AND stage = 'review'`, [e.id]);
      await this.finalize(
        m,
        e,
        'approve',
        '公示期满，无成立的异议，拟定决定生效。 The public notice ended with no upheld objection; the proposed decision is final.',
        review?.checklist ?? null,
        null,
      );
      return 'finalised';
    });
    if (outcome === 'finalised' || outcome === 'awaiting-decision') await this.queues.nudgeOutbox();
    if (outcome === 'notice-running') throw new Error(`notice of empowerment ${empowermentId} has not ended yet; retrying`);
    return outcome;
  }
}
