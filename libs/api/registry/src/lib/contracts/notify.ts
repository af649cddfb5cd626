import type { EntityManager } from 'typeorm';
import type { NotificationMessage, OutboxService } from '@ttx/api/core';
import type { RejectionReason, Role } from '@ttx/shared/contracts';
import { FILER_ROLES } from './actor';

/** A registry notification's text and link. */
export type ContractMessage = NotificationMessage & { link: string };

type Contract = { id: string; projectName: string };

/** The web's labels of the refusal grounds (apps/web i18n `registry.reason.*`), for the filer's notification. */
const REASON_LABELS: Record<RejectionReason, { zh: string; en: string }> = {
  unclear_parties: { zh: '当事人不明确', en: 'Parties unclear' },
  unclear_subject: { zh: '标的不明确', en: 'Subject unclear' },
  unclear_price: { zh: '价款不明确', en: 'Price unclear' },
  illegal_monopoly_clause: { zh: '含非法垄断技术条款', en: 'Illegal monopoly clause' },
  missing_proofs: { zh: '缺少必要证明材料', en: 'Proofs missing' },
  seal_name_mismatch: { zh: '印章与名称不一致', en: 'Seal and name do not match' },
  not_technology_contract: { zh: '不属于技术合同', en: 'Not a technology contract' },
};

const link = (c: Contract) => `/registry/contracts/${c.id}`;

/** To the registrars covering the seller's region: a filed contract entered their queue. Also what seeded submissions send. */
export function submittedMessage(c: Contract): ContractMessage {
  return {
    kind: 'contract.submitted',
    title: { zh: '新的技术合同待认定登记', en: 'A technology contract awaits registration' },
    body: { zh: c.projectName, en: c.projectName },
    link: link(c),
  };
}

/** To the filing organisation: registered, with the registration (certificate) number. Also what seeded registrations send. */
export function registeredMessage(c: Contract, registrationNumber: string): ContractMessage {
  return {
    kind: 'contract.registered',
    title: { zh: `技术合同已登记：${registrationNumber}`, en: `Contract registered: ${registrationNumber}` },
    body: {
      zh: `「${c.projectName}」已认定登记，登记编号 ${registrationNumber}，可下载登记证明。`,
      en: `“${c.projectName}” is registered as ${registrationNumber}; its certificate can be downloaded.`,
    },
    link: link(c),
  };
}

/** To the filing organisation: not registered, with the grounds and the registrar's note. Also what seeded rejections send. */
export function rejectedMessage(c: Contract, reasons: readonly RejectionReason[], note: string | null): ContractMessage {
  const zh = reasons.map((r) => REASON_LABELS[r].zh).join('；');
  const en = reasons.map((r) => REASON_LABELS[r].en).join('; ');
  return {
    kind: 'contract.rejected',
    title: { zh: `技术合同未予登记：${c.projectName}`, en: `Contract not registered: ${c.projectName}` },
    body: {
      zh: `不予登记理由：${zh}${note ? `。登记员说明：${note}` : ''}`,
      en: `Grounds: ${en}${note ? `. Registrar's note: ${note}` : ''}`,
    },
    link: link(c),
  };
}

/** The part of identity's MemberDirectory that finds the recipients. */
export interface Recipients {
  usersWithRoles(organizationId: string, roles: Role[], m: EntityManager): Promise<string[]>;
  usersWithRoleInRegion(role: Role, regionCode: string, m: EntityManager): Promise<string[]>;
}

/** One outbox notification per filer of the organisation, in the caller's transaction. */
export async function notifyFiler(outbox: OutboxService, members: Recipients, m: EntityManager, filerOrgId: string, msg: ContractMessage): Promise<void> {
  await outbox.notify(m, await members.usersWithRoles(filerOrgId, FILER_ROLES, m), msg);
}

/** One outbox notification per registrar whose administration covers the seller's region, in the caller's transaction. */
export async function notifyRegistrars(outbox: OutboxService, members: Recipients, m: EntityManager, sellerRegion: string, msg: ContractMessage): Promise<void> {
  await outbox.notify(m, await members.usersWithRoleInRegion('registrar', sellerRegion, m), msg);
}
