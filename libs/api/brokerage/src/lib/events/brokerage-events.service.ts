import { Injectable } from '@nestjs/common';
import type { BrokerageEventType } from '@ttx/shared/contracts';
import { DataSource, type EntityManager } from 'typeorm';

export interface BrokerageEvent {
  seq: number;
  type: BrokerageEventType;
  subjectId: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

/**
 * Domain events of the brokerage context, appended in the writer's transaction (so an event exists iff its
 * change committed). The market context turns `deal-room.offer-made` into a market offer and licensing
 * turns `deal-room.commission-agreed` into a distribution line; each consumer keeps its own cursor (seq).
 */
@Injectable()
export class BrokerageEventsService {
  constructor(private readonly dataSource: DataSource) {}

  async append(m: EntityManager, type: BrokerageEventType, subjectId: string, payload: Record<string, unknown>): Promise<void> {
    if (!m.queryRunner?.isTransactionActive) throw new Error('BrokerageEventsService.append needs a transaction');
    await m.query('INSERT INTO brokerage_events (type, subject_id, payload) VALUES ($1, $2, $3)', [type, subjectId, payload]);
  }

  /** Events after `afterSeq` (optionally of some types), oldest first. */
  async since(afterSeq: number, types?: BrokerageEventType[], limit = 100): Promise<BrokerageEvent[]> {
    const rows: { seq: string; type: BrokerageEventType; subject_id: string; payload: Record<string, unknown>; created_at: Date }[] = await this.dataSource.query(
      `SELECT seq, type, subject_id, payload, created_at FROM brokerage_events WHERE seq > $1 AND ($2::text[] IS NULL OR type = ANY($2)) ORDER BY seq LIMIT $3`,
      [afterSeq, types ?? null, limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), type: r.type, subjectId: r.subject_id, payload: r.payload, createdAt: r.created_at.toISOString() }));
  }
}
