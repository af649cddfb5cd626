import type { AuthUser } from '@ttx/api/core';
import type { DealType } from '@ttx/shared/contracts';
import type { EntityManager } from 'typeorm';

export interface RoomMarketOffer {
  achievementId: string;
  /** The demand's enterprise, on whose behalf the offer is made. */
  organizationId: string;
  dealType: DealType;
  amountFen: number;
  terms: string | null;
}

/**
 * Where a room offer goes on the market: the achievement's live listing of that deal type that takes offers
 * (null when there is none: the offer stays in the room). Runs in the room offer's transaction, so the two
 * offers exist together or not at all. Bound by `RoomMarketBridge` in the api (the market lib stays out of
 * `BrokerageModule`, which the worker also loads).
 */
export abstract class RoomMarket {
  abstract offer(m: EntityManager, user: AuthUser, offer: RoomMarketOffer): Promise<{ listingId: string; offerId: string } | null>;
}
