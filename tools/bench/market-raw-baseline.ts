/**
 * Raw baseline of the bid hot path: the api's own bid statement (BID_SQL: conditional UPDATE, bid row,
 * Idempotency-Key record, refusal snapshot) on the same tables, issued over a plain pg pool by
 * `concurrency` loops: no HTTP, no Nest, no auth. A fair baseline does the same database work.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { BID_SQL, type BidRow } from '@ttx/api/market';

export interface RawResult {
  accepted: number;
  attempts: number;
  seconds: number;
  latencies: number[];
}

export async function rawBaseline(pool: Pool, auctionId: string, startFen: number, incrementFen: number, who: { orgId: string; userId: string }[], seconds: number, concurrency: number): Promise<RawResult> {
  let high: number | null = null;
  let accepted = 0;
  let attempts = 0;
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      const b = who[i % who.length];
      while (Date.now() < deadline) {
        const amount: number = high === null ? startFen : high + incrementFen;
        const s = performance.now();
        const hash = createHash('sha256').update(`${auctionId}|${amount}`).digest('hex');
        const r = await pool.query<BidRow>(BID_SQL, [auctionId, [b.orgId], amount, randomUUID(), b.userId, randomUUID(), hash]);
        latencies.push(performance.now() - s);
        attempts++;
        if (r.rows[0]?.ends_at) {
          accepted++;
          high = Math.max(high ?? 0, amount);
        } else {
          const [row] = (await pool.query(`SELECT high_bid_fen FROM auctions WHERE id = $1`, [auctionId])).rows;
          high = row.high_bid_fen === null ? null : Number(row.high_bid_fen);
        }
      }
    }),
  );
  return { accepted, attempts, seconds: (Date.now() - t0) / 1000, latencies };
}
