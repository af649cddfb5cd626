import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from './canonical-json';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data?: Record<string, unknown>;
}

interface AuditRow {
  seq: string;
  occurred_at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
/** One lock key for the whole chain: appends are serialised, reads are not. */
const AUDIT_LOCK_KEY = 7_431_001;

export function auditHash(prev: string, occurredAt: string, e: AuditEntry): string {
  const body = canonicalJson({
    prev,
    at: occurredAt,
    actor: e.actorId,
    action: e.action,
    type: e.entityType,
    id: e.entityId,
    data: e.data ?? {},
  });
  return createHash('sha256').update(body).digest('hex');
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  brokenAtSeq?: string;
}

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends inside the caller's transaction, so the entry commits or rolls back with the change.
   * The advisory lock is held until that transaction ends, which keeps the chain linear.
   */
  async append(manager: EntityManager, entry: AuditEntry): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('AuditService.append needs a transaction');
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY]);
    const last: { hash: string }[] = await manager.query('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const prev = last[0]?.hash ?? GENESIS_HASH;
    const occurredAt = new Date().toISOString();
    const hash = auditHash(prev, occurredAt, entry);
    await manager.query(
      `INSERT INTO audit_log (occurred_at, actor_id, action, entity_type, entity_id, data, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [occurredAt, entry.actorId, entry.action, entry.entityType, entry.entityId, entry.data ?? {}, prev, hash],
    );
    return hash;
  }

  /** Walks the chain in order, in pages, recomputing every hash. */
  async verify(pageSize = 5000): Promise<ChainVerdict> {
    let prev = GENESIS_HASH;
    let afterSeq = '0';
    let checked = 0;
    for (;;) {
      const rows: AuditRow[] = await this.dataSource.query(
        `SELECT seq, occurred_at, actor_id, action, entity_type, entity_id, data, prev_hash, hash
           FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [afterSeq, pageSize],
      );
      for (const r of rows) {
        const expected = auditHash(prev, new Date(r.occurred_at).toISOString(), {
          actorId: r.actor_id,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          data: r.data,
        });
        if (r.prev_hash !== prev || r.hash !== expected) return { ok: false, checked, brokenAtSeq: r.seq };
        prev = r.hash;
        checked++;
      }
      if (rows.length < pageSize) return { ok: true, checked };
      afterSeq = rows[rows.length - 1].seq;
    }
  }
}
