import type { EntityManager } from 'typeorm';
import type { NotificationMessage, OutboxService } from '@ttx/api/core';
import type { EmpowermentDecision as Decision } from '@ttx/shared/contracts';

export type Message = NotificationMessage & { link: string };

/** One notification per distinct recipient, inside the caller's transaction; rights decisions send no e-mail. */
export function notifyAll(outbox: OutboxService, m: EntityManager, userIds: (string | null | undefined)[], msg: Message): Promise<void> {
  return outbox.notify(m, userIds, { ...msg, email: false });
}

type Title = { zh: string; en: string };

/** To the applicant and the team when the TTO decides in review (approved: on public notice). Also what seeded decisions send. */
export function reviewDecisionMessage(empowermentId: string, title: Title, decision: Decision, reasons: string): Message {
  return {
    kind: `empowerment-review-${decision}`,
    title:
      decision === 'approve'
        ? { zh: `「${title.zh}」赋权申请审查通过，进入公示`, en: `Empowerment of “${title.en}” approved in review and on public notice` }
        : { zh: `「${title.zh}」赋权申请未通过审查`, en: `Empowerment of “${title.en}” was rejected in review` },
    body: { zh: reasons, en: reasons },
    link: `/rights/empowerments/${empowermentId}`,
  };
}

/** To the applicant, the team and the TTO managers when the decision after the notice is taken. Also what seeded decisions send. */
export function finalDecisionMessage(empowermentId: string, title: Title, decision: Decision, reasons: string): Message {
  const to = decision === 'approve' ? 'final' : 'rejected';
  return {
    kind: `empowerment-${to}`,
    title:
      to === 'final'
        ? { zh: `「${title.zh}」赋权决定已生效`, en: `Empowerment of “${title.en}” is final` }
        : { zh: `「${title.zh}」赋权申请未获批准`, en: `Empowerment of “${title.en}” was rejected` },
    body: { zh: reasons, en: reasons },
    link: `/rights/empowerments/${empowermentId}`,
  };
}

/** Either a {zh, en} pair or an achievement's {titleZh, titleEn}; each language falls back to the other. */
export function titleOf(t: { zh: string | null; en: string | null } | { titleZh: string | null; titleEn: string | null }) {
  const [zh, en] = 'zh' in t ? [t.zh, t.en] : [t.titleZh, t.titleEn];
  return { zh: zh ?? en ?? '', en: en ?? zh ?? '' };
}
