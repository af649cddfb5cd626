import type { OutboxService } from '@ttx/api/core';
import type { EntityManager } from 'typeorm';

/**
 * Tells every platform admin (but the one who registered it) that an organisation waits in the review queue:
 * on registration, and for the demo organisations seeded unverified, so the queue never fills unnoticed.
 * The registrant hears that the application arrived and what it waits for (its roles start on verification).
 */
export async function requestVerification(outbox: OutboxService, m: EntityManager, org: { name: string; createdBy: string | null }): Promise<void> {
  const admins: { user_id: string }[] = await m.query(`SELECT DISTINCT user_id FROM memberships WHERE role = 'platform_admin'`);
  for (const { user_id: userId } of admins) {
    if (userId === org.createdBy) continue;
    await outbox.enqueue(m, 'notification', {
      userId,
      kind: 'organization-verification-requested',
      title: { zh: `「${org.name}」申请机构认证`, en: `${org.name} asks to be verified` },
      body: { zh: '请核对统一社会信用代码与登记信息后认证。', en: 'Check its unified social credit code and registration details, then verify it.' },
      link: '/admin/organizations',
      email: true,
    });
  }
  if (org.createdBy) {
    await outbox.enqueue(m, 'notification', {
      userId: org.createdBy,
      kind: 'organization-registration-received',
      title: { zh: `「${org.name}」的机构认证申请已提交`, en: `The verification request of ${org.name} was received` },
      body: {
        zh: '平台管理员核对统一社会信用代码与登记信息后予以认证；认证后，机构角色的功能（如技术合同认定登记申请）即可使用。',
        en: 'A platform admin checks its unified social credit code and registration details; once it is verified, the rights of your role (such as filing technology contracts for registration) apply.',
      },
    });
  }
}
