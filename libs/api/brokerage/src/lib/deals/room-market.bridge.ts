import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { AuthUser } from '@ttx/api/core';
import { NegotiationService } from '@ttx/api/market';
import type { EntityManager } from 'typeorm';
import { RoomMarket, type RoomMarketOffer } from '../rooms/room-market';
import { RoomsService } from '../rooms/rooms.service';

/** Room offers become offers of the listing's negotiation, through the market's own service (its rules and notices). */
@Injectable()
export class RoomMarketBridge extends RoomMarket implements OnModuleInit {
  constructor(
    private readonly negotiation: NegotiationService,
    private readonly rooms: RoomsService,
  ) {
    super();
  }

  onModuleInit(): void {
    this.rooms.connectMarket(this);
  }

  offer(m: EntityManager, user: AuthUser, o: RoomMarketOffer): Promise<{ listingId: string; offerId: string } | null> {
    return this.negotiation.offerOnAchievement(m, user, o.achievementId, o.dealType, { price: o.amountFen, terms: o.terms ?? undefined, organizationId: o.organizationId });
  }
}
