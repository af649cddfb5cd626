import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { afterCommit } from '../database/after-commit';
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
}

interface ChainedRow extends AuditRow {
  chain_pos: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
/** Only the chainer takes this lock, in its own short transaction; business transactions never do. */
const AUDIT_LOCK_KEY = 7_431_001;
/** Commits within this window are linked by one chainer run instead of one each. */
const CHAIN_DEBOUNCE_MS = 25;

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

function rowHash(prev: string, r: AuditRow): string {
  return auditHash(prev, new Date(r.occurred_at).toISOString(), {
    actorId: r.actor_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    data: r.data,
  });
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  brokenAtSeq?: string;
}

/**
 * Append-only, hash-chained audit log in two steps.
 *
 * `append` only INSERTs the entry inside the caller's transaction, so it commits or rolls back with the
 * change and no business transaction waits for another. `chainPending` links committed entries afterwards,
 * in commit-visibility order (`chain_pos`, not `seq`: a lower seq may commit after a higher one), under an
 * advisory lock that only chainers contend for. It runs shortly after every committing transaction that
 * appended (debounced, in this process), from the worker's schedule, and before every `verify`.
 */
@Injectable()
export class AuditService implements OnModuleDestroy {
  private readonly log = new Logger('AuditService');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private destroyed = false;

  constructor(private readonly dataSource: DataSource) {}

  /** Records the entry inside the caller's transaction; it is linked into the chain after that commits. */
  async append(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('AuditService.append needs a transaction');
    await manager.query(
      `INSERT INTO audit_log (occurred_at, actor_id, action, entity_type, entity_id, data) VALUES ($1, $2, $3, $4, $5, $6)`,
      [new Date().toISOString(), entry.actorId, entry.action, entry.entityType, entry.entityId, entry.data ?? {}],
    );
    // Only the outermost COMMIT makes the entry visible; a rollback drops the request with it.
    afterCommit(manager, () => this.requestChain());
  }

  /** Schedules a chainer run soon; calls in the meantime share it. Failures only delay linking. */
  requestChain(): void {
    if (this.timer || this.destroyed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runCoalesced();
    }, CHAIN_DEBOUNCE_MS);
    this.timer.unref();
  }

  private runCoalesced(): void {
    if (this.running) {
      // A run in flight may have read before the latest commit: go once more after it.
      this.again = true;
      return;
    }
    this.running = this.chainPending()
      .then(() => undefined)
      .catch((err: Error) => this.log.warn(`audit chaining deferred to the next run: ${err.message}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.requestChain();
        }
      });
  }

  /**
   * Links every committed, unchained entry, in batches of short transactions; returns how many it linked.
   * Safe to run from any number of processes at once: the advisory lock makes them take turns, and each
   * reads the chain head only after taking it.
   */
  async chainPending(batchSize = 1000): Promise<number> {
    let linked = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (m) => {
        await m.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY]);
        // Read committed: these statements start after the lock, so they see every earlier chainer's work.
        const head: { chain_pos: string; hash: string }[] = await m.query(
          'SELECT chain_pos, hash FROM audit_log WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1',
        );
        const rows: AuditRow[] = await m.query(
          `SELECT seq, occurred_at, actor_id, action, entity_type, entity_id, data
             FROM audit_log WHERE chain_pos IS NULL ORDER BY seq LIMIT $1`,
          [batchSize],
        );
        if (!rows.length) return 0;
        let prev = head[0]?.hash ?? GENESIS_HASH;
        let pos = BigInt(head[0]?.chain_pos ?? 0);
        const seqs: string[] = [];
        const positions: string[] = [];
        const prevs: string[] = [];
        const hashes: string[] = [];
        for (const r of rows) {
          const hash = rowHash(prev, r);
          pos += 1n;
          seqs.push(r.seq);
          positions.push(pos.toString());
          prevs.push(prev);
          hashes.push(hash);
          prev = hash;
        }
        await m.query(
          `UPDATE audit_log a SET chain_pos = v.pos, prev_hash = v.prev, hash = v.hash
             FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS v(seq, pos, prev, hash)
            WHERE a.seq = v.seq`,
          [seqs, positions, prevs, hashes],
        );
        return rows.length;
      });
      linked += n;
      if (n < batchSize) return linked;
    }
  }

  /**
   * Links what is pending, then walks the chain in chain_pos order, in pages, recomputing every hash.
   * A modified row breaks its own hash, a deleted one leaves a gap in chain_pos and a dangling prev_hash,
   * an inserted one cannot fit between two linked rows.
   */
  async verify(pageSize = 5000): Promise<ChainVerdict> {
    await this.chainPending();
    let prev = GENESIS_HASH;
    let afterPos = '0';
    let checked = 0;
    for (;;) {
      const rows: ChainedRow[] = await this.dataSource.query(
        `SELECT seq, chain_pos, occurred_at, actor_id, action, entity_type, entity_id, data, prev_hash, hash
           FROM audit_log WHERE chain_pos > $1 ORDER BY chain_pos LIMIT $2`,
        [afterPos, pageSize],
      );
      for (const r of rows) {
        const inPlace = r.chain_pos === String(checked + 1);
        if (!inPlace || r.prev_hash !== prev || r.hash !== rowHash(prev, r)) return { ok: false, checked, brokenAtSeq: r.seq };
        prev = r.hash;
        checked++;
      }
      if (rows.length < pageSize) return { ok: true, checked };
      afterPos = rows[rows.length - 1].chain_pos;
    }
  }

  /** Links what this process still owes before the DataSource goes away (the worker would do it later). */
  async onModuleDestroy(): Promise<void> {
    this.destroyed = true;
    const owed = this.timer !== null || this.again;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.again = false;
    await this.running;
    if (owed && this.dataSource.isInitialized) {
      await this.chainPending().catch((err: Error) => this.log.warn(`audit chaining left to the worker: ${err.message}`));
    }
  }
}
