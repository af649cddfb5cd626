/**
 * The bid hot path as ONE statement, run in autocommit so the auction row lock is held only for the
 * statement itself:
 *  - `u`: the conditional UPDATE (open, inside the window, approved bidder that is not the seller,
 *    amount ≥ high + increment, or ≥ start for the first / a sealed bid) with the soft-close extension;
 *    concurrent bids serialise on the row lock and each re-checks the condition against the committed
 *    high bid (READ COMMITTED re-evaluation), so none is lost, doubled or below high + increment;
 *  - `b`: the bid row; `k`: the Idempotency-Key record with the response. A concurrent or later request
 *    with the same key hits the key's primary key, and the whole statement — bid included — rolls back;
 *  - `s`: when nothing was accepted, the auction as the statement saw it, for the reason of the refusal.
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
  RETURNING a.id, a.ends_at, a.bid_count, a.kind, a.soft_close_seconds, bidder.organization_id AS org
), b AS (
  INSERT INTO auction_bids (id, auction_id, organization_id, user_id, amount_fen, created_at)
  SELECT $4::uuid, u.id, u.org, $5::uuid, $3::bigint, clock.ts FROM u, clock
  RETURNING created_at
), k AS (
  INSERT INTO market_idempotency_keys (user_id, key, request_hash, status, response)
  SELECT $5::uuid, $6, $7, 201, jsonb_build_object('bidId', $4::uuid, 'amount', $3::bigint, 'endsAt', u.ends_at) FROM u
  RETURNING 1
)
SELECT u.ends_at, u.bid_count, u.kind, u.soft_close_seconds, b.created_at, (SELECT count(*)::int FROM k) AS stored,
       s.kind AS s_kind, s.status AS s_status, s.seller_org_id AS s_seller, s.start_price_fen AS s_start,
       s.increment_fen AS s_increment, s.high_bid_fen AS s_high, s.started AS s_started, s.running AS s_running, s.bidder AS s_bidder
  FROM (SELECT 1) one
  LEFT JOIN u ON true
  LEFT JOIN b ON true
  LEFT JOIN LATERAL (
    SELECT x.kind, x.status, x.seller_org_id, x.start_price_fen, x.increment_fen, x.high_bid_fen,
           x.starts_at <= clock_timestamp() AS started, clock_timestamp() < x.ends_at AS running,
           (SELECT status FROM auction_bidders WHERE auction_id = $1 AND organization_id = ANY($2::uuid[])
             ORDER BY status = 'approved' DESC LIMIT 1) AS bidder
      FROM auctions x WHERE x.id = $1
  ) s ON u.id IS NULL`;

export interface BidRow {
  ends_at: Date | null;
  bid_count: number | null;
  kind: string | null;
  soft_close_seconds: number | null;
  created_at: Date | null;
  stored: number;
  s_kind: string | null;
  s_status: string | null;
  s_seller: string | null;
  s_start: string | null;
  s_increment: string | null;
  s_high: string | null;
  s_started: boolean | null;
  s_running: boolean | null;
  s_bidder: string | null;
}
