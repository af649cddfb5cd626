import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { RefusalFacts } from './bid-refusal';

interface Pending {
  userId: string;
  key: string;
  hash: string;
  facts: RefusalFacts;
  done: (stored: boolean) => void;
  fail: (e: unknown) => void;
}

/** Largest group written by one statement. */
const MAX_GROUP = 500;
/** Group writes in flight at once: more waiting records make the next group larger, not another statement. */
export const MAX_WRITES = 2;

/**
 * Stores the Idempotency-Key records of the refusals LotGate answers in process — the same record BID_SQL's
 * `rk` writes (`{ refused: facts }`, status NULL) — before the refusal is sent, so a replay or a reuse of
 * the key with another body is judged exactly as for any bid. Records arriving in the same turn of the
 * event loop are written by one multi-row INSERT (group commit), and like `rk` without waiting for the WAL
 * flush: a record lost in a crash only means that its replay is judged afresh.
 */
@Injectable()
export class RefusalRecords {
  private pending: Pending[] = [];
  private scheduled = false;
  private writing = 0;

  constructor(private readonly dataSource: DataSource) {}

  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  /** true: stored; false: the key already has a record (answer as a replay). */
  store(userId: string, key: string, hash: string, facts: RefusalFacts): Promise<boolean> {
    return new Promise((done, fail) => {
      this.pending.push({ userId, key, hash, facts, done, fail });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.pending.length && this.writing < MAX_WRITES) {
      this.writing++;
      void this.write(this.pending.splice(0, MAX_GROUP)).finally(() => {
        this.writing--;
        this.flush();
      });
    }
  }

  private async write(group: Pending[]): Promise<void> {
    try {
      const { rows } = await this.pool.query<{ user_id: string; key: string }>({
        name: 'market_refusal_records',
        text: `INSERT INTO market_idempotency_keys (user_id, key, request_hash, status, response)
               SELECT u, k, h, NULL, jsonb_build_object('refused', f)
                 FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) AS r(u, k, h, f)
               ON CONFLICT DO NOTHING
               RETURNING user_id, key, set_config('synchronous_commit', 'off', true)`,
        values: [group.map((p) => p.userId), group.map((p) => p.key), group.map((p) => p.hash), group.map((p) => JSON.stringify(p.facts))],
      });
      const stored = new Set(rows.map((r) => `${r.user_id} ${r.key}`));
      // Two requests with one key in one group: ON CONFLICT lets the first in; the other becomes a replay.
      for (const p of group) {
        const id = `${p.userId} ${p.key}`;
        p.done(stored.delete(id));
      }
    } catch (e) {
      for (const p of group) p.fail(e);
    }
  }
}
