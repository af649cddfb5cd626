import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Outbox topics and their payloads; the worker relays each topic. */
export interface OutboxPayloads {
  notification: {
    userId: string;
    kind: string;
    title: { zh: string; en: string };
    body: { zh: string; en: string };
    link?: string;
    /** Also send an e-mail when SMTP is configured. */
    email?: boolean;
    /**
     * At most one unread notification of the recipient carries this key: a newer one replaces the unread one's
     * text, link and time instead of piling up (e.g. one per deal room however many messages arrive). Read ones stay.
     */
    collapseKey?: string;
  };
}
export type OutboxTopic = keyof OutboxPayloads;
/** A notification's text and link: the payload without its recipient. */
export type NotificationMessage = Omit<OutboxPayloads['notification'], 'userId'>;

@Injectable()
export class OutboxService {
  /** Written in the caller's transaction: the message exists if and only if the change committed. */
  async enqueue<T extends OutboxTopic>(manager: EntityManager, topic: T, payload: OutboxPayloads[T]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('OutboxService.enqueue needs a transaction');
    // clock_timestamp, not now(): rows of one transaction keep their order, so the newest of collapsing notifications wins.
    await manager.query('INSERT INTO outbox (topic, payload, created_at) VALUES ($1, $2, clock_timestamp())', [topic, payload]);
  }

  /** One notification per distinct recipient (empty ids skipped), in the caller's transaction. */
  async notify(manager: EntityManager, userIds: Iterable<string | null | undefined>, message: NotificationMessage): Promise<void> {
    for (const userId of new Set(userIds)) if (userId) await this.enqueue(manager, 'notification', { userId, ...message });
  }
}
