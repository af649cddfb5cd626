import type { EntityManager } from 'typeorm';
import type { NotificationMessage } from '@ttx/api/core';
import type { CreditEventKind, DealType } from '@ttx/shared/contracts';
import { formatYuan } from '@ttx/shared/policy';

/** A brokerage notification's text and link. */
export type BrokerageMessage = NotificationMessage & { link: string };

type Bilingual = { zh: string | null; en: string | null };
const pick = (t: Bilingual) => ({ zh: t.zh ?? t.en ?? '', en: t.en ?? t.zh ?? '' });

/** The web's labels (apps/web i18n brokerage credit kinds and deal types), for running text. */
const CREDIT_KIND: Record<CreditEventKind, { zh: string; en: string }> = {
  completed_deal: { zh: '成交', en: 'Completed deal' },
  dispute: { zh: '纠纷', en: 'Dispute' },
  late_payment: { zh: '逾期付款', en: 'Late payment' },
  missing_payment: { zh: '未付款', en: 'Missing payment' },
  breach_of_trust: { zh: '失信', en: 'Breach of trust' },
};
const DEAL_TYPE: Record<DealType, { zh: string; en: string }> = {
  transfer: { zh: '转让', en: 'transfer' },
  licence: { zh: '许可', en: 'licence' },
  equity: { zh: '作价入股', en: 'equity' },
  joint_development: { zh: '合作开发', en: 'joint development' },
};

/**
 * Brokers whose profile serves the demand's field: a code equal to it or a parent of it ('08' serves '08.03').
 * A demand without a field reaches nobody (brokers find it in the directory).
 */
export async function brokersServingField(m: EntityManager, fieldCode: string | null): Promise<string[]> {
  if (!fieldCode) return [];
  const rows: { user_id: string }[] = await m.query(
    `SELECT DISTINCT b.user_id FROM broker_profiles b
      WHERE EXISTS (SELECT 1 FROM unnest(b.field_codes) c WHERE $1 = c OR $1 LIKE c || '.%')`,
    [fieldCode],
  );
  return rows.map((r) => r.user_id);
}

/** To the brokers serving its field: a demand was posted. Only what the public list shows (a confidential one's title and field). Also what seeded demands send. */
export function demandInFieldMessage(d: { id: string; title: Bilingual; fieldCode: string }): BrokerageMessage {
  const t = pick(d.title);
  return {
    kind: 'demand-in-your-field',
    title: { zh: `您服务的领域有新需求：${t.zh}`, en: `New demand in a field you serve: ${t.en}` },
    body: { zh: `技术领域 ${d.fieldCode}。查看需求并为其匹配成果、开设洽谈室。`, en: `Technology field ${d.fieldCode}. See the demand, match achievements and open a deal room.` },
    link: `/brokerage/demands/${d.id}`,
  };
}

/** To the room's brokers (not the one who made it): the enterprise made an offer. Also what seeded offers send. */
export function roomOfferMessage(roomId: string, demandTitle: Bilingual, offer: { dealType: DealType; amountFen: number }): BrokerageMessage {
  const t = pick(demandTitle);
  const type = DEAL_TYPE[offer.dealType];
  const amount = formatYuan(offer.amountFen);
  return {
    kind: 'deal-room-offer',
    title: { zh: `洽谈室有新报价：${t.zh}`, en: `New offer in a deal room: ${t.en}` },
    body: { zh: `${type.zh}，报价 ${amount} 元。`, en: `${type.en[0].toUpperCase()}${type.en.slice(1)} for CNY ${amount}.` },
    link: `/brokerage/rooms/${roomId}`,
  };
}

/** To the broker: an event that moves their credit score was recorded (completed deals are the work itself and not announced). Also what seeded events send. */
export function creditEventMessage(kind: CreditEventKind, reason: string): BrokerageMessage {
  const k = CREDIT_KIND[kind];
  return {
    kind: 'credit-event',
    title: { zh: `您的信用记录有新事件：${k.zh}`, en: `A credit event was recorded for you: ${k.en}` },
    body: { zh: `${reason}（信用分随之变化，详见工作台。）`, en: `${reason} (your credit score changes accordingly; see your workspace).` },
    link: '/brokerage/workspace',
  };
}

/** To the broker: an event was reversed and no longer counts. Also what seeded reversals send. */
export function creditReversedMessage(kind: CreditEventKind, reason: string): BrokerageMessage {
  const k = CREDIT_KIND[kind];
  return {
    kind: 'credit-event-reversed',
    title: { zh: `您的信用事件已撤销：${k.zh}`, en: `A credit event of yours was reversed: ${k.en}` },
    body: { zh: `撤销理由：${reason}（信用分已恢复相应扣分。）`, en: `Reason: ${reason} (its penalty no longer counts).` },
    link: '/brokerage/workspace',
  };
}

const EXCERPT_CHARS = 80;

/** A message's excerpt: whitespace runs folded to one space, at most 80 characters (code points, so no emoji is split), '…' when cut. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/**
 * To the room's other members: someone posted a message. `body` is null for a member who has not accepted the
 * room's NDA — they may not read messages yet, so they learn only that one arrived. One unread notification per
 * recipient and room (collapse key): a newer message replaces its text. Also what seeded messages send.
 */
export function roomMessageMessage(roomId: string, demandTitle: Bilingual, authorName: string, body: string | null): BrokerageMessage {
  const t = pick(demandTitle);
  const text = body === null ? null : excerpt(body);
  return {
    kind: 'room-message',
    title: { zh: `洽谈室有新消息：${t.zh}`, en: `New message in a deal room: ${t.en}` },
    body:
      text === null
        ? { zh: `${authorName} 发了一条消息。签署保密协议后即可阅读。`, en: `${authorName} posted a message. Accept the room's NDA to read it.` }
        : { zh: `${authorName}：${text}`, en: `${authorName}: ${text}` },
    link: `/brokerage/rooms/${roomId}`,
    collapseKey: `room-message:${roomId}`,
  };
}
