/**
 * Raw baseline of the bid hot path: the same single-statement conditional UPDATE + INSERT on the same
 * tables, issued over a plain pg pool by `concurrency` loops, no HTTP, no Nest, no idempotency record.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

const RAW_BID = `
WITH u AS (
  UPDATE auctions a SET high_bid_fen = $2, high_bidder_org_id = $3, bid_count = a.bid_count + 1, status = 'open',
         ends_at = GREATEST(a.ends_at, clock_timestamp() + make_interval(secs => a.soft_close_seconds))
   WHERE a.id = $1 AND a.status IN ('scheduled','open') AND clock_timestamp() < a.ends_at
     AND $2 >= COALESCE(a.high_bid_fen + a.increment_fen, a.start_price_fen)
  RETURNING a.id
)
INSERT INTO auction_bids (id, auction_id, organization_id, user_id, amount_fen)
SELECT $4, u.id, $3, $5, $2 FROM u RETURNING amount_fen`;

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
        const r = await pool.query(RAW_BID, [auctionId, amount, b.orgId, randomUUID(), b.userId]);
        latencies.push(performance.now() - s);
        attempts++;
        if (r.rowCount) {
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
