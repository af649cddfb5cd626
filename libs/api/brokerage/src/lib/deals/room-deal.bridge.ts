import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DealsService } from '@ttx/api/market';
import type { DealCreatedEvent } from '@ttx/shared/contracts';
import type { EntityManager } from 'typeorm';
import { RoomEvents } from '../rooms/room-events';
import { RoomsService, type RoomRow } from '../rooms/rooms.service';
import { afterCommit } from '@ttx/api/core';

/** Rooms still open for the deal's achievement, on a demand of the buyer ($1 achievement, $2 buyer organisation). */
const OPEN_ROOMS_OF_BUYER = `FROM deal_rooms r JOIN demands d ON d.id = r.demand_id
  WHERE r.achievement_id = $1 AND d.organization_id = $2 AND r.deal_id IS NULL AND r.stage <> 'closed_lost'`;

/**
 * A market deal closes the deal room it came out of, in the deal's own transaction: the room on the deal's
 * achievement whose demand was posted by the buyer — preferring the room whose offer went to this listing,
 * then the one with an agreed commission, then the newest. The room is linked to the deal (`deal_id`, one
 * room per deal), so `BrokerageCommissions.forDeal(dealId)` answers from the link. A failure here never
 * blocks the deal (savepoint). Registered in the api and in the worker (auction closes record deals there).
 * The room's members are told live (`room` event `stage` with the deal) only after the deal's transaction
 * commits: a pushed close must never describe a deal that was rolled back.
 */
@Injectable()
export class RoomDealBridge implements OnModuleInit {
  private readonly log = new Logger(RoomDealBridge.name);

  constructor(
    private readonly deals: DealsService,
    private readonly rooms: RoomsService,
    private readonly live: RoomEvents,
  ) {}

  onModuleInit(): void {
    this.deals.subscribe(async (event, m) => {
      await this.onDeal(event, m);
    });
  }

  async onDeal(event: DealCreatedEvent, m: EntityManager): Promise<string | null> {
    // Most deals have no room: one unlocked look first, the savepoint and row lock only when there is one.
    const [{ any }]: { any: boolean }[] = await m.query(
      `SELECT EXISTS (SELECT 1 ${OPEN_ROOMS_OF_BUYER}) AS any`,
      [event.achievementId, event.buyerOrganizationId],
    );
    if (!any) return null;
    await m.query('SAVEPOINT room_deal');
    try {
      const [room]: RoomRow[] = await m.query(
        `SELECT r.* ${OPEN_ROOMS_OF_BUYER}
          ORDER BY EXISTS (SELECT 1 FROM deal_room_offers o WHERE o.room_id = r.id AND o.listing_id = $3) DESC,
                   r.commission_agreed_at DESC NULLS LAST, r.created_at DESC
          LIMIT 1 FOR UPDATE OF r`,
        [event.achievementId, event.buyerOrganizationId, event.listingId],
      );
      if (room) {
        await m.query('UPDATE deal_rooms SET deal_id = $2, deal_price_fen = $3 WHERE id = $1', [room.id, event.dealId, event.priceFen]);
        // A room the broker already closed as won keeps its stage (and its one credit event).
        const closed = await this.rooms.closeIn(m, room, 'won', null, { id: event.dealId, priceFen: event.priceFen });
        await m.query('RELEASE SAVEPOINT room_deal');
        // A room the broker had closed as won already still gains the deal: its members refetch it too.
        const stage = closed ? 'closed_won' : room.stage;
        afterCommit(m, () => this.live.publish(room.id, { type: 'stage', stage, dealId: event.dealId }));
        return room.id;
      }
      await m.query('RELEASE SAVEPOINT room_deal');
      return null;
    } catch (e) {
      await m.query('ROLLBACK TO SAVEPOINT room_deal');
      this.log.warn(`deal ${event.dealId}: no deal room closed (${(e as Error).message})`);
      return null;
    }
  }
}
