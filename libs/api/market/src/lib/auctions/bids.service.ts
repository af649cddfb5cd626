import { Injectable } from '@nestjs/common';
import { ProblemException, Problems, type AuthUser } from '@ttx/api/core';
import type { ProblemFieldError } from '@ttx/shared/contracts';
import { minNextBid } from '@ttx/shared/policy';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import type { BidAcceptedDto } from '../dto/market.dto';
import { LiveService } from '../live/live.service';
import { MarketAccess } from '../market-access';

/**
 * The hot path: one conditional UPDATE of the auction row (status, window, approved bidder, not the
 * seller, amount ≥ high + increment) that also inserts the bid, in one statement. Concurrent bids
 * serialise on the row lock and each re-checks the condition against the committed high bid, so no
 * accepted bid is lost, doubled or below high + increment. A soft-close extension is part of the same
 * UPDATE. Nothing is read first; the reason of a refusal is looked up only after the UPDATE matched nothing.
 */
const BID_SQL = `
WITH bidder AS (
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
                   THEN GREATEST(a.ends_at, clock_timestamp() + make_interval(secs => a.soft_close_seconds))
                   ELSE a.ends_at END
  FROM bidder
  WHERE a.id = $1
    AND a.status IN ('scheduled', 'open')
    AND a.starts_at <= clock_timestamp() AND clock_timestamp() < a.ends_at
    AND a.seller_org_id <> bidder.organization_id
    AND $3::bigint >= CASE WHEN a.kind = 'english' AND a.high_bid_fen IS NOT NULL
                           THEN a.high_bid_fen + a.increment_fen ELSE a.start_price_fen END
  RETURNING a.id, a.ends_at, a.bid_count, a.kind, a.soft_close_seconds, bidder.organization_id AS org
), b AS (
  INSERT INTO auction_bids (id, auction_id, organization_id, user_id, amount_fen)
  SELECT $4::uuid, u.id, u.org, $5::uuid, $3::bigint FROM u
  RETURNING created_at
)
SELECT u.ends_at, u.bid_count, u.kind, u.soft_close_seconds, b.created_at FROM u, b`;

const KEY = /^[\x21-\x7e]{1,200}$/;

interface BidRow {
  ends_at: Date;
  bid_count: number;
  kind: string;
  soft_close_seconds: number;
  created_at: Date;
}

interface StoredProblem {
  slug: string;
  title: string;
  detail?: string;
  errors?: ProblemFieldError[];
}
interface Outcome {
  status: number;
  body?: BidAcceptedDto;
  problem?: StoredProblem;
}

@Injectable()
export class BidsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MarketAccess,
    private readonly live: LiveService,
  ) {}

  static checkKey(key: string | undefined): string {
    if (!key) throw Problems.badRequest('The Idempotency-Key header is required for bids', [{ field: 'Idempotency-Key', message: 'required' }]);
    if (!KEY.test(key)) throw Problems.badRequest('Idempotency-Key must be 1–200 visible ASCII characters', [{ field: 'Idempotency-Key', message: 'invalid' }]);
    return key;
  }

  async place(caller: AuthUser, auctionId: string, amount: number, key: string): Promise<BidAcceptedDto> {
    const orgs = [...new Set((await this.access.memberships(caller)).map((x) => x.organizationId))];
    const hash = createHash('sha256').update(`${auctionId}|${amount}`).digest('hex');
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    let outcome: Outcome;
    let extended = false;
    let bidCount = 0;
    let sealed = false;
    try {
      await qr.startTransaction();
      const claimed = await qr.query(
        `INSERT INTO market_idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
        [caller.id, key, hash],
      );
      if (!claimed.length) {
        // The first request with this key has committed (the insert waited for it): replay its result.
        const [prev] = await qr.query(`SELECT request_hash, status, response FROM market_idempotency_keys WHERE user_id = $1 AND key = $2`, [caller.id, key]);
        await qr.commitTransaction();
        if (prev.request_hash !== hash) {
          throw Problems.rule('idempotency-key-reused', 'This Idempotency-Key was used with a different request body', [{ field: 'Idempotency-Key', message: 'reused with another body' }]);
        }
        return this.replay(prev.status === 201 ? { status: 201, body: prev.response } : { status: prev.status, problem: prev.response });
      }
      const bidId = randomUUID();
      const rows: BidRow[] = await qr.query(BID_SQL, [auctionId, orgs, amount, bidId, caller.id]);
      if (rows.length) {
        const [r] = rows;
        outcome = { status: 201, body: { bidId, amount, endsAt: r.ends_at.toISOString() } };
        bidCount = r.bid_count;
        sealed = r.kind === 'sealed';
        // Extended iff the end is now bid time + window (the UPDATE and the INSERT share a statement: < 1 s apart).
        extended = r.soft_close_seconds > 0 && Math.abs(r.ends_at.getTime() - (r.created_at.getTime() + r.soft_close_seconds * 1000)) < 1000;
      } else {
        outcome = await this.refusal(qr, auctionId, orgs, amount);
      }
      await qr.query(`UPDATE market_idempotency_keys SET status = $3, response = $4 WHERE user_id = $1 AND key = $2`, [
        caller.id,
        key,
        outcome.status,
        JSON.stringify(outcome.body ?? outcome.problem),
      ]);
      await qr.commitTransaction();
    } catch (e) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw e;
    } finally {
      await qr.release();
    }
    if (outcome.body) {
      this.live.bid({ auctionId, amount: sealed ? null : amount, endsAt: outcome.body.endsAt, bidCount, extended, at: new Date().toISOString() });
    }
    return this.replay(outcome);
  }

  private replay(o: Outcome): BidAcceptedDto {
    if (o.body) return o.body;
    const p = o.problem as StoredProblem;
    throw new ProblemException(o.status, p.slug, p.title, p.detail, p.errors);
  }

  /** Why the conditional UPDATE matched nothing (read after the fact, inside the same transaction). */
  private async refusal(qr: QueryRunner, auctionId: string, orgs: string[], amount: number): Promise<Outcome> {
    const [a] = await qr.query(
      `SELECT kind, status, seller_org_id, start_price_fen, increment_fen, high_bid_fen, starts_at <= clock_timestamp() AS started,
              clock_timestamp() < ends_at AS running FROM auctions WHERE id = $1`,
      [auctionId],
    );
    const problem = (status: number, slug: string, title: string, detail: string, field?: string) => ({
      status,
      problem: { slug, title, detail, ...(field ? { errors: [{ field, message: detail }] } : {}) },
    });
    if (!a) return problem(404, 'not-found', 'Not found', 'Auction not found');
    if (orgs.includes(a.seller_org_id)) return problem(422, 'bid-own-lot', 'Rule violated', "The seller's own organisation may not bid on its lot");
    if (a.status === 'closed' || a.status === 'cancelled' || !a.running) return problem(409, 'auction-ended', 'Conflict', 'The auction has ended');
    if (!a.started) return problem(409, 'auction-not-started', 'Conflict', 'The auction has not started yet');
    const [b] = orgs.length
      ? await qr.query(`SELECT status FROM auction_bidders WHERE auction_id = $1 AND organization_id = ANY($2::uuid[]) ORDER BY status = 'approved' DESC LIMIT 1`, [auctionId, orgs])
      : [];
    if (!b || b.status !== 'approved') {
      const why = !b ? 'You are not registered as a bidder of this auction' : `Your bidder registration is ${b.status}`;
      return problem(422, 'bidder-not-approved', 'Rule violated', `${why}; only approved bidders bid`);
    }
    const high = a.kind === 'english' && a.high_bid_fen !== null ? Number(a.high_bid_fen) : null;
    const min = minNextBid(Number(a.start_price_fen), high, Number(a.increment_fen));
    if (amount < min) {
      const detail = high === null ? `The bid must be at least the start price ${min}` : `The bid must be at least the high bid + increment = ${min}`;
      return problem(409, 'bid-too-low', 'Conflict', detail, 'amount');
    }
    // The row changed between the UPDATE and this read (another bid): the caller should retry with a fresh high.
    return problem(409, 'bid-too-low', 'Conflict', `The high bid moved; the bid must be at least ${min}`, 'amount');
  }
}
