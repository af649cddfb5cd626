import { Injectable, Logger } from '@nestjs/common';
import { AuditService, OutboxService, QueueService } from '@ttx/api/core';
import { buyerPremiumFen } from '@ttx/shared/policy';
import { DataSource, type EntityManager } from 'typeorm';
import { DealsService } from '../deals/deals.service';
import { ListingEntity } from '../entities';
import { effectiveReserve } from '../listings/price-basis';
import { LiveService } from '../live/live.service';
import { MarketScheduler } from '../market-scheduler';

export type CloseResult =
  | { kind: 'closed'; outcome: 'sold' | 'unsold'; dealId: string | null; amount: number | null }
  | { kind: 'not-due'; endsAt: Date }
  | { kind: 'already-closed' };

interface ClosedRow {
  id: string;
  listing_id: string;
  kind: string;
  reserve_fen: string | null;
  high_bid_fen: string | null;
  high_bidder_org_id: string | null;
  buyer_premium_bp: number;
}

/**
 * Closes an auction once: the conditional UPDATE `status IN (scheduled, open) AND ends_at <= now` lets a
 * second run (BullMQ delivers at least once; two workers) match nothing. A job that fires before a
 * soft-close-extended end re-schedules itself for the new end (job id = auction + end time).
 */
@Injectable()
export class AuctionCloser {
  private readonly log = new Logger('AuctionCloser');

  constructor(
    private readonly dataSource: DataSource,
    private readonly deals: DealsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly queues: QueueService,
    private readonly scheduler: MarketScheduler,
    private readonly live: LiveService,
  ) {}

  async close(auctionId: string): Promise<CloseResult> {
    const result = await this.dataSource.transaction(async (m): Promise<CloseResult> => {
      // TypeORM returns [rows, count] for an UPDATE … RETURNING.
      const [[row]]: [ClosedRow[], number] = await m.query(
        `UPDATE auctions SET status = 'closed', closed_at = clock_timestamp()
          WHERE id = $1 AND status IN ('scheduled', 'open') AND ends_at <= clock_timestamp()
          RETURNING id, listing_id, kind, reserve_fen, high_bid_fen, high_bidder_org_id, buyer_premium_bp`,
        [auctionId],
      );
      if (!row) {
        const [a] = await m.query(`SELECT status, ends_at FROM auctions WHERE id = $1`, [auctionId]);
        return a && (a.status === 'open' || a.status === 'scheduled') ? { kind: 'not-due', endsAt: a.ends_at } : { kind: 'already-closed' };
      }
      let amount = row.high_bid_fen === null ? null : Number(row.high_bid_fen);
      let winner = row.high_bidder_org_id;
      let bidId: string | null = null;
      if (row.kind === 'sealed') {
        // Highest amount wins; the earliest bid wins a tie (clock_timestamp per bid, then id for total order).
        const [w] = await m.query(`SELECT id, organization_id, amount_fen FROM auction_bids WHERE auction_id = $1 ORDER BY amount_fen DESC, created_at, id LIMIT 1`, [auctionId]);
        amount = w ? Number(w.amount_fen) : null;
        winner = w?.organization_id ?? null;
        bidId = w?.id ?? null;
        await m.query(`UPDATE auctions SET high_bid_fen = $2, high_bidder_org_id = $3, high_bid_id = $4 WHERE id = $1`, [auctionId, amount, winner, bidId]);
      }
      const listing = await m.findOne(ListingEntity, { where: { id: row.listing_id }, lock: { mode: 'pessimistic_write' } });
      if (!listing) throw new Error(`auction ${auctionId} has no listing`);
      const reserve = effectiveReserve(listing, row.reserve_fen === null ? null : Number(row.reserve_fen));
      const sold = amount !== null && winner !== null && (reserve === null || amount >= reserve);
      let dealId: string | null = null;
      if (sold) {
        const deal = await this.deals.record(m, {
          listing,
          method: 'auction',
          priceFen: amount as number,
          buyerPremiumFen: buyerPremiumFen(amount as number, row.buyer_premium_bp),
          buyerOrgId: winner as string,
          auctionId,
          actorId: null,
        });
        dealId = deal.id;
      }
      // The outcome, the listing's status and the high bidder's user (to tell them) in one round trip.
      const [bidder]: { user_id: string }[] = await m.query(
        `WITH outcome AS (UPDATE auctions SET outcome = $2 WHERE id = $1),
              listing AS (UPDATE listings SET status = $2, updated_at = now() WHERE id = $3)
         SELECT user_id FROM auction_bidders WHERE auction_id = $1 AND organization_id = $4`,
        [auctionId, sold ? 'sold' : 'unsold', listing.id, winner],
      );
      await this.audit.append(m, {
        actorId: null,
        action: 'auction.closed',
        entityType: 'auction',
        entityId: auctionId,
        data: { outcome: sold ? 'sold' : 'unsold', amount, winner, reserveMet: sold },
      });
      if (bidder) await this.notifyHighBidder(m, bidder.user_id, listing, sold);
      return { kind: 'closed', outcome: sold ? 'sold' : 'unsold', dealId, amount };
    });
    if (result.kind === 'closed') {
      this.live.closed({ auctionId, outcome: result.outcome, amount: result.amount, dealId: result.dealId });
      void this.queues.nudgeOutbox();
    } else if (result.kind === 'not-due') {
      await this.scheduler.auctionClose(auctionId, result.endsAt);
    }
    return result;
  }

  /** Tells the high bidder's registrant the result; on reserve not met, that they may still negotiate. */
  private async notifyHighBidder(m: EntityManager, userId: string, listing: ListingEntity, sold: boolean): Promise<void> {
    const title = listing.titleZh ?? listing.titleEn ?? '';
    await this.outbox.enqueue(m, 'notification', {
      userId,
      kind: sold ? 'auction-won' : 'auction-unsold-negotiate',
      title: sold ? { zh: `您已拍得「${title}」`, en: `You won “${listing.titleEn ?? title}”` } : { zh: `「${title}」未达保留价`, en: `“${listing.titleEn ?? title}”: reserve not met` },
      body: sold
        ? { zh: '拍卖成交，成交结果将公示。', en: 'The auction closed with your bid; the deal result is disclosed publicly.' }
        : { zh: '拍卖未达保留价流拍。您作为最高出价人，可以向卖方发起议价。', en: 'The lot did not reach its reserve. As the high bidder you may make an offer to the seller.' },
      link: `/market/listings/${listing.id}`,
      email: false,
    });
  }
}
