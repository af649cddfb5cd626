import type { Pool } from 'pg';
import type { RefusalFacts } from './bid-refusal';

/**
 * The bid hot path as ONE statement, run in autocommit so the auction row lock is held only for the
 * statement itself:
 *  - `u`: the conditional UPDATE (open, inside the window, approved bidder that is not the seller,
 *    amount ≥ high + increment, or ≥ start for the first / a sealed bid) with the soft-close extension;
 *    concurrent bids serialise on the row lock and each re-checks the condition against the committed
 *    high bid (READ COMMITTED re-evaluation), so none is lost, doubled or below high + increment;
 *  - `b`: the bid row; `k`: the Idempotency-Key record with the response. A concurrent or later request
 *    with the same key hits the key's primary key, and the whole statement — bid included — rolls back;
 *  - `r`: when nothing was accepted, the facts of the refusal (see bid-refusal.ts): the auction as
 *    committed after the wait for its row lock (market_auction_now, a fresh snapshot — a plain read here
 *    would see the state from before the wait, typically one bid behind) and the caller's registration;
 *  - `rk`: the refusal's Idempotency-Key record (`{ refused: facts }`), so a replay answers the same
 *    problem; committed with synchronous_commit off (set_config(…, true) only affects this implicit
 *    transaction, so accepted bids keep their WAL flush): no fsync to wait for on the common outbid
 *    path, and a refusal record lost in a crash only means that its replay is judged afresh.
 * So a bid — accepted or refused — costs exactly one statement and one round trip.
 * One clock reading (`clock`, taken when the statement starts, i.e. when the bid is received) decides
 * whether the bid is in time, stamps it and extends the end — so "extended to bid time + window" is exact;
 * a bid that then waits for the row lock is still judged against the state it finds (a close that
 * committed meanwhile refuses it).
 * Parameters: $1 auction, $2 caller's organisations, $3 amount, $4 new bid id, $5 user, $6 key, $7 request hash.
 */
export const BID_SQL = `
WITH clock AS MATERIALIZED (
  SELECT clock_timestamp() AS ts
), bidder AS (
  SELECT organization_id FROM auction_bidders
   WHERE auction_id = $1 AND organization_id = ANY($2::uuid[]) AND status = 'approved'
   ORDER BY organization_id LIMIT 1
), u AS (
  UPDATE auctions a SET
    high_bid_fen = CASE WHEN a.kind = 'english' THEN $3::bigint ELSE a.high_bid_fen END,
    high_bid_id = CASE WHEN a.kind = 'english' THEN $4::uuid ELSE a.high_bid_id END,
    high_bidder_org_id = CASE WHEN a.kind = 'english' THEN bidder.organization_id ELSE a.high_bidder_org_id END,
    bid_count = a.bid_count + 1,
    status = 'open',
    ends_at = CASE WHEN a.kind = 'english'
                   THEN GREATEST(a.ends_at, clock.ts + make_interval(secs => a.soft_close_seconds))
                   ELSE a.ends_at END
  FROM bidder, clock
  WHERE a.id = $1
    AND a.status IN ('scheduled', 'open')
    AND a.starts_at <= clock.ts AND clock.ts < a.ends_at
    AND a.seller_org_id <> bidder.organization_id
    AND $3::bigint >= CASE WHEN a.kind = 'english' AND a.high_bid_fen IS NOT NULL
                           THEN a.high_bid_fen + a.increment_fen ELSE a.start_price_fen END
  RETURNING a.id, a.ends_at, a.bid_count, a.kind, a.soft_close_seconds, a.start_price_fen, a.increment_fen, bidder.organization_id AS org
), b AS (
  INSERT INTO auction_bids (id, auction_id, organization_id, user_id, amount_fen, created_at)
  SELECT $4::uuid, u.id, u.org, $5::uuid, $3::bigint, clock.ts FROM u, clock
  RETURNING created_at
), k AS (
  INSERT INTO market_idempotency_keys (user_id, key, request_hash, status, response)
  SELECT $5::uuid, $6, $7, 201, jsonb_build_object('bidId', $4::uuid, 'amount', $3::bigint, 'endsAt', u.ends_at) FROM u
  RETURNING 1
), r AS MATERIALIZED (
  -- The uncorrelated NOT EXISTS is a one-time filter: u has finished (lock wait included) before
  -- market_auction_now runs, and an accepted bid never calls it.
  SELECT f.status, f.kind, f.seller_org_id = ANY($2::uuid[]) AS own, f.start_price_fen AS start,
         f.increment_fen AS increment, f.high_bid_fen AS high,
         f.starts_at <= clock.ts AS started, clock.ts < f.ends_at AS running, f.ends_at AS ends,
         (SELECT x.status FROM auction_bidders x WHERE x.auction_id = $1 AND x.organization_id = ANY($2::uuid[])
           ORDER BY x.status = 'approved' DESC LIMIT 1) AS bidder
    FROM clock LEFT JOIN LATERAL market_auction_now($1::uuid) f ON true
   WHERE NOT EXISTS (SELECT 1 FROM u)
), rk AS (
  INSERT INTO market_idempotency_keys (user_id, key, request_hash, status, response)
  SELECT $5::uuid, $6, $7, NULL, jsonb_build_object('refused', to_jsonb(r)) FROM r
  -- In RETURNING, evaluated only for a row actually inserted (a WHERE without Vars could be hoisted).
  RETURNING set_config('synchronous_commit', 'off', true)
)
SELECT u.ends_at, u.bid_count, u.kind, u.soft_close_seconds, u.start_price_fen AS start, u.increment_fen AS increment, b.created_at,
       (SELECT count(*)::int FROM k) + (SELECT count(*)::int FROM rk) AS stored,
       to_jsonb(r) AS refused
  FROM (SELECT 1) one
  LEFT JOIN u ON true
  LEFT JOIN b ON true
  LEFT JOIN r ON true`;

export interface BidRow {
  ends_at: Date | null;
  bid_count: number | null;
  kind: string | null;
  soft_close_seconds: number | null;
  /** bigints: strings. */
  start: string | null;
  increment: string | null;
  created_at: Date | null;
  stored: number;
  /** Set iff the bid was refused (and its record stored): what it was refused on. */
  refused: RefusalFacts | null;
}

/** BID_SQL's parameters, in order (see above). */
export type BidParams = [auctionId: string, orgs: string[], amount: number, bidId: string, userId: string, key: string, requestHash: string];

/**
 * Runs BID_SQL as a named statement: prepared once per pooled connection, then only bound and executed.
 * Sent unnamed, PostgreSQL parsed and planned the six-part statement on every bid (planning alone
 * ~0.3 ms, as long as executing a refusal). The raw baseline of the market bench runs it the same way.
 */
export async function runBid(pool: Pick<Pool, 'query'>, params: BidParams): Promise<BidRow> {
  const { rows } = await pool.query<BidRow>({ name: 'market_bid', text: BID_SQL, values: params });
  return rows[0];
}
