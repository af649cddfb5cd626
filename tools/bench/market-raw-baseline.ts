/**
 * Raw baseline of the bid hot path: the api's own bid statement (BID_SQL: conditional UPDATE, bid row,
 * Idempotency-Key record, or the refusal's facts and record) on the same tables, run the same way (runBid:
 * a named, prepared statement) over a plain pg pool — no HTTP, no Nest, no auth — by the same bidder
 * protocol as the api run (market-bidders.ts): as many loops as api bidders, each a distinct approved
 * bidder, sharing what any answer taught. The pool has as many connections as the api processes
 * together (2 × 20), so both sides offer PostgreSQL the same concurrency. A refusal's hint is the detail
 * the api would send, built by the api's bidRefusal.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { bidRefusal, runBid } from '@ttx/api/market';
import { runBidders, type BidderRun } from './market-bidders';

export async function rawBaseline(
  pool: Pool,
  auctionId: string,
  start: number,
  increment: number,
  who: { orgId: string; userId: string }[],
  seconds: number,
  concurrency: number,
  periodMs?: number,
): Promise<BidderRun> {
  return runBidders({
    concurrency,
    periodMs,
    seconds,
    start,
    increment,
    attempt: async (i, amount) => {
      const b = who[i % who.length];
      const hash = createHash('sha256').update(`${auctionId}|${amount}`).digest('hex');
      const row = await runBid(pool, [auctionId, [b.orgId], amount, randomUUID(), b.userId, randomUUID(), hash]);
      if (row.ends_at) return { status: 201 };
      if (!row.refused) throw new Error('bid statement returned neither a bid nor a refusal');
      const r = bidRefusal(row.refused, amount);
      return { status: r.status, detail: r.problem.detail };
    },
  });
}
