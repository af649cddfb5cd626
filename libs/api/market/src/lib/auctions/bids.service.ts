import { Injectable } from '@nestjs/common';
import { ProblemException, Problems, type AuthUser } from '@ttx/api/core';
import type { ProblemFieldError } from '@ttx/shared/contracts';
import { minNextBid } from '@ttx/shared/policy';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { BidAcceptedDto } from '../dto/market.dto';
import { LiveService } from '../live/live.service';
import { MarketAccess } from '../market-access';
import { BID_SQL, type BidRow } from './bid-sql';

const KEY = /^[\x21-\x7e]{1,200}$/;
const isKeyConflict = (e: unknown) =>
  (e as { code?: string; constraint?: string }).code === '23505' && (e as { constraint?: string }).constraint === 'market_idempotency_keys_pkey';

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

/**
 * Places bids (see bid-sql.ts for the one statement). A replay with the same Idempotency-Key returns the
 * first result — an accepted bid or a refusal — and the same key with another body is refused with 422.
 */
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
    const bidId = randomUUID();
    let row: BidRow;
    try {
      [row] = await this.dataSource.query(BID_SQL, [auctionId, orgs, amount, bidId, caller.id, key, hash]);
    } catch (e) {
      if (isKeyConflict(e)) return this.replay(caller, key, hash);
      throw e;
    }
    if (row.ends_at && row.created_at) {
      const endsAt = row.ends_at.toISOString();
      const window = (row.soft_close_seconds ?? 0) * 1000;
      // Extended iff the end is now exactly bid time + window (one clock reading stamps both).
      const extended = window > 0 && row.ends_at.getTime() === row.created_at.getTime() + window;
      this.live.bid({ auctionId, amount: row.kind === 'sealed' ? null : amount, endsAt, bidCount: row.bid_count ?? 0, extended, at: row.created_at.toISOString() });
      return { bidId, amount, endsAt };
    }
    return this.refuse(caller, key, hash, row, orgs, amount, auctionId);
  }

  /**
   * A refusal is stored too, so that a replay returns it. Outbid bidders are most of the traffic of a
   * busy lot: their record is written with synchronous_commit off (no WAL flush to wait for; a record
   * lost in a crash only means a replay is evaluated afresh), and their "at least" hint is read after
   * the lock wait, so the next attempt does not repeat a stale amount.
   */
  private async refuse(caller: AuthUser, key: string, hash: string, row: BidRow, orgs: string[], amount: number, auctionId: string): Promise<BidAcceptedDto> {
    const stored = await this.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL synchronous_commit = off');
      let snapshot = row;
      if (row.s_status && row.s_bidder === 'approved') {
        const [fresh] = await m.query(`SELECT high_bid_fen FROM auctions WHERE id = $1`, [auctionId]);
        snapshot = { ...row, s_high: fresh?.high_bid_fen ?? row.s_high };
      }
      const refusal = this.refusal(snapshot, orgs, amount);
      const inserted = await m.query(
        `INSERT INTO market_idempotency_keys (user_id, key, request_hash, status, response) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
        [caller.id, key, hash, refusal.status, JSON.stringify(refusal.problem)],
      );
      return inserted.length ? refusal : null;
    });
    // A conflict means the key's first use won: replay its result.
    return stored ? this.result(stored) : this.replay(caller, key, hash);
  }

  private async replay(caller: AuthUser, key: string, hash: string): Promise<BidAcceptedDto> {
    const [prev] = await this.dataSource.query(`SELECT request_hash, status, response FROM market_idempotency_keys WHERE user_id = $1 AND key = $2`, [caller.id, key]);
    if (prev.request_hash !== hash) {
      throw Problems.rule('idempotency-key-reused', 'This Idempotency-Key was used with a different request body', [{ field: 'Idempotency-Key', message: 'reused with another body' }]);
    }
    if (prev.status !== 201) return this.result({ status: prev.status, problem: prev.response });
    const r = prev.response as { bidId: string; amount: number | string; endsAt: string };
    return { bidId: r.bidId, amount: Number(r.amount), endsAt: new Date(r.endsAt).toISOString() };
  }

  private result(o: Outcome): BidAcceptedDto {
    if (o.body) return o.body;
    const p = o.problem as StoredProblem;
    throw new ProblemException(o.status, p.slug, p.title, p.detail, p.errors);
  }

  /** Why the conditional UPDATE matched nothing, from the auction as the statement saw it. */
  private refusal(s: BidRow, orgs: string[], amount: number): Outcome {
    const problem = (status: number, slug: string, title: string, detail: string, field?: string): Outcome => ({
      status,
      problem: { slug, title, detail, ...(field ? { errors: [{ field, message: detail }] } : {}) },
    });
    if (!s.s_status) return problem(404, 'not-found', 'Not found', 'Auction not found');
    if (s.s_seller && orgs.includes(s.s_seller)) return problem(422, 'bid-own-lot', 'Rule violated', "The seller's own organisation may not bid on its lot");
    if (s.s_status === 'closed' || s.s_status === 'cancelled' || !s.s_running) return problem(409, 'auction-ended', 'Conflict', 'The auction has ended');
    if (!s.s_started) return problem(409, 'auction-not-started', 'Conflict', 'The auction has not started yet');
    if (s.s_bidder !== 'approved') {
      const why = !s.s_bidder ? 'You are not registered as a bidder of this auction' : `Your bidder registration is ${s.s_bidder}`;
      return problem(422, 'bidder-not-approved', 'Rule violated', `${why}; only approved bidders bid`);
    }
    const high = s.s_kind === 'english' && s.s_high !== null ? Number(s.s_high) : null;
    const min = minNextBid(Number(s.s_start), high, Number(s.s_increment));
    if (amount < min) {
      const detail = high === null ? `The bid must be at least the start price ${min}` : `The bid must be at least the high bid + increment = ${min}`;
      return problem(409, 'bid-too-low', 'Conflict', detail, 'amount');
    }
    // The statement saw an acceptable amount, but a concurrent bid took the lock first and raised the high.
    return problem(409, 'bid-too-low', 'Conflict', `The high bid moved; the bid must be at least the high bid + increment = ${min + Number(s.s_increment)}`, 'amount');
  }
}
