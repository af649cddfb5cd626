import type { NotificationMessage } from '@ttx/api/core';
import { formatYuan } from '@ttx/shared/policy';

/** A listing notification's text and link. */
export type ListingMessage = NotificationMessage & { link: string };

type Listing = { id: string; titleZh: string | null; titleEn: string | null };
const titles = (l: Listing) => ({ zh: l.titleZh ?? l.titleEn ?? '', en: l.titleEn ?? l.titleZh ?? '' });

/**
 * To the seller's TTO managers and to the evaluators of the organisation that attached it (the one who did
 * included: the inbox is the organisation's record of which listings carry its report). Also what seeded evaluations send.
 */
export function evaluationAttachedMessage(l: Listing, evaluatorName: string, e: { value: number; evaluatedOn: string; method: string }): ListingMessage {
  const t = titles(l);
  const value = formatYuan(e.value);
  return {
    kind: 'listing-evaluated',
    title: { zh: `「${t.zh}」已附资产评估报告`, en: `Evaluation report attached to “${t.en}”` },
    body: {
      zh: `${evaluatorName}评估价值 ¥${value}（评估基准日 ${e.evaluatedOn}，${e.method}），作为挂牌价格依据公示。`,
      en: `${evaluatorName} values it at CNY ${value} (valuation date ${e.evaluatedOn}, ${e.method}); shown as the listing's price basis.`,
    },
    link: `/market/listings/${l.id}`,
  };
}

/** To the evaluators whose report is the price basis: the seller recorded why it may sell below the evaluated value. */
export function belowValueJustifiedMessage(l: Listing, text: string): ListingMessage {
  const t = titles(l);
  return {
    kind: 'listing-below-value-justified',
    title: { zh: `「${t.zh}」记录了低于评估价值交易的理由`, en: `“${t.en}” may sell below your evaluated value` },
    body: { zh: `卖方说明：${text}`, en: `The seller's reason: ${text}` },
    link: `/market/listings/${l.id}`,
  };
}
