import { Injectable } from '@nestjs/common';
import { ProblemException, Problems, type AuthUser } from '@ttx/api/core';
import { createHash, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { BidAcceptedDto } from '../dto/market.dto';
import { LiveService } from '../live/live.service';
import { MarketAccess } from '../market-access';
import { runBid, type BidRow } from './bid-sql';
import { LotGate, type Pass } from './lot-gate';
import { LotRosters } from './lot-rosters';
import { RefusalRecords } from './refusal-records';
import { bidRefusal, type Refusal, type RefusalFacts, type StoredProblem } from './bid-refusal';

const KEY = /^[\x21-\x7e]{1,200}$/;
const isKeyConflict = (e: unknown) =>
  (e as { code?: string; constraint?: string }).code === '23505' && (e as { constraint?: string }).constraint === 'market_idempotency_keys_pkey';

/**
 * Places bids (see bid-sql.ts for the one statement). A replay with the same Idempotency-Key returns the
 * first result — an accepted bid or a refusal — and the same key with another body is refused with 422.
 * Either way a bid is one (prepared) statement; the memberships come from MarketAccess's short-lived cache,
 * LotGate keeps a burst on one lot from queueing on its row lock and answers the bids it knows too low
 * (their records stored by RefusalRecords, as BID_SQL would store them; the callers known approved from
 * LotRosters).
 */
@Injectable()
export class BidsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MarketAccess,
    private readonly live: LiveService,
    private readonly gate: LotGate,
    private readonly records: RefusalRecords,
    private readonly rosters: LotRosters,
  ) {}

  /** typeorm's own pg pool: its query() cannot name (prepare) a statement. */
  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  static checkKey(key: string | undefined): string {
    if (!key) throw Problems.badRequest('The Idempotency-Key header is required for bids', [{ field: 'Idempotency-Key', message: 'required' }]);
    if (!KEY.test(key)) throw Problems.badRequest('Idempotency-Key must be 1–200 visible ASCII characters', [{ field: 'Idempotency-Key', message: 'invalid' }]);
    return key;
  }

  async place(caller: AuthUser, auctionId: string, amount: number, key: string): Promise<BidAcceptedDto> {
    const orgs = [...new Set((await this.access.memberships(caller)).map((x) => x.organizationId))];
    const who = [...orgs].sort().join(',');
    const hash = createHash('sha256').update(`${auctionId}|${amount}`).digest('hex');
    let pass: Pass | null = null;
    for (;;) {
      // Known too low (before or after waiting at the gate): refused here, the record stored as BID_SQL's.
      const low = this.gate.knownLow(auctionId, who, amount, Date.now(), await this.rosters.approves(auctionId, orgs));
      if (low) {
        if (await this.records.store(caller.id, key, hash, low)) return this.refuse(bidRefusal(low, amount));
        return this.replay(caller, key, hash, amount);
      }
      if (pass) break;
      pass = await this.gate.enter(auctionId, amount);
      if (pass.slot) break;
    }
    const bidId = randomUUID();
    let row: BidRow | undefined;
    try {
      row = await runBid(this.pool, [auctionId, orgs, amount, bidId, caller.id, key, hash]);
    } catch (e) {
      if (!isKeyConflict(e)) throw e;
    } finally {
      this.gate.leave(auctionId, pass, row, amount, who);
    }
    if (!row) return this.replay(caller, key, hash, amount);
    if (row.ends_at && row.created_at) {
      const endsAt = row.ends_at.toISOString();
      const window = (row.soft_close_seconds ?? 0) * 1000;
      // Extended iff the end is now exactly bid time + window (one clock reading stamps both).
      const extended = window > 0 && row.ends_at.getTime() === row.created_at.getTime() + window;
      this.live.bid({ auctionId, amount: row.kind === 'sealed' ? null : amount, endsAt, bidCount: row.bid_count ?? 0, extended, at: row.created_at.toISOString() });
      return { bidId, amount, endsAt };
    }
    // Refused: the statement already stored the refusal's facts under the key (see bid-sql.ts).
    if (!row.refused) throw new Error('bid statement returned neither a bid nor a refusal');
    return this.refuse(bidRefusal(row.refused, amount));
  }

  private async replay(caller: AuthUser, key: string, hash: string, amount: number): Promise<BidAcceptedDto> {
    const [prev] = await this.dataSource.query(`SELECT request_hash, status, response FROM market_idempotency_keys WHERE user_id = $1 AND key = $2`, [caller.id, key]);
    if (prev.request_hash !== hash) {
      throw Problems.rule('idempotency-key-reused', 'This Idempotency-Key was used with a different request body', [{ field: 'Idempotency-Key', message: 'reused with another body' }]);
    }
    if (prev.status === 201) {
      const r = prev.response as { bidId: string; amount: number | string; endsAt: string };
      return { bidId: r.bidId, amount: Number(r.amount), endsAt: new Date(r.endsAt).toISOString() };
    }
    // The same hash means the same auction and amount, so the stored facts give the first answer again.
    // Records written before the facts were stored hold the problem itself.
    const stored = prev.response as { refused?: RefusalFacts } & StoredProblem;
    return this.refuse(stored.refused ? bidRefusal(stored.refused, amount) : { status: prev.status, problem: stored });
  }

  private refuse(r: Refusal): never {
    throw new ProblemException(r.status, r.problem.slug, r.problem.title, r.problem.detail, r.problem.errors);
  }
}
