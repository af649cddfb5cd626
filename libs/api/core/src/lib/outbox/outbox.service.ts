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
  };
}
export type OutboxTopic = keyof OutboxPayloads;

@Injectable()
export class OutboxService {
  /** Written in the caller's transaction: the message exists if and only if the change committed. */
  async enqueue<T extends OutboxTopic>(manager: EntityManager, topic: T, payload: OutboxPayloads[T]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('OutboxService.enqueue needs a transaction');
    await manager.query('INSERT INTO outbox (topic, payload) VALUES ($1, $2)', [topic, payload]);
  }
}
