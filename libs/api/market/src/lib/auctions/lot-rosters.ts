import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RefreshAheadCache } from '../refresh-ahead-cache';
import { FRESH_MS } from './lot-gate';

/** Who may bid on an auction: its seller and its approved bidder organisations. */
export interface Roster {
  seller: string;
  approved: ReadonlySet<string>;
}

/**
 * Auctions' bidder rosters, each read at most FRESH_MS ago (one query for all the auctions wanted in an
 * event-loop turn), so LotGate can answer a known-low bid of a caller it has not yet seen approved.
 * Why: on a lot new to this process every bidder's first too-low bid otherwise went to the database just to
 * learn that its caller is approved — at an auction's start, a burst of statements as large as its bidders.
 */
@Injectable()
export class LotRosters {
  private readonly cache: RefreshAheadCache<string, Roster | null>;

  constructor(private readonly dataSource: DataSource) {
    this.cache = new RefreshAheadCache(FRESH_MS, (ids) => this.read(ids));
  }

  /** The database's verdict on the bidder: an approved organisation of the caller's, and not the seller's. */
  async approves(auctionId: string, orgs: readonly string[]): Promise<boolean> {
    const roster = await this.cache.get(auctionId);
    return !!roster && !orgs.includes(roster.seller) && orgs.some((o) => roster.approved.has(o));
  }

  private async read(ids: string[]): Promise<(Roster | null)[]> {
    const rows: { id: string; seller: string; approved: string[] }[] = await this.dataSource.query(
      `SELECT a.id, a.seller_org_id AS seller,
              COALESCE(array_agg(b.organization_id) FILTER (WHERE b.status = 'approved'), '{}') AS approved
         FROM auctions a LEFT JOIN auction_bidders b ON b.auction_id = a.id
        WHERE a.id = ANY($1::uuid[])
        GROUP BY a.id`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, { seller: r.seller, approved: new Set(r.approved) }]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
