import type { EntityManager } from 'typeorm';
import type { OutboxService } from '@ttx/api/core';

export interface Message {
  kind: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  link: string;
}

/** One outbox notification per distinct recipient, inside the caller's transaction. */
export async function notifyAll(outbox: OutboxService, m: EntityManager, userIds: (string | null | undefined)[], msg: Message): Promise<void> {
  for (const userId of new Set(userIds.filter((u): u is string => !!u))) {
    await outbox.enqueue(m, 'notification', { userId, ...msg, email: false });
  }
}

/** Either a {zh, en} pair or an achievement's {titleZh, titleEn}; each language falls back to the other. */
export function titleOf(t: { zh: string | null; en: string | null } | { titleZh: string | null; titleEn: string | null }) {
  const [zh, en] = 'zh' in t ? [t.zh, t.en] : [t.titleZh, t.titleEn];
  return { zh: zh ?? en ?? '', en: en ?? zh ?? '' };
}
