import { Module } from '@nestjs/common';
import { MarketModule, MarketWorkerModule } from '@ttx/api/market';
import { BrokerageModule } from '../brokerage.module';
import { RoomDealBridge } from './room-deal.bridge';
import { RoomMarketBridge } from './room-market.bridge';

/**
 * Market deals → deal rooms and room offers → market offers, in the api. Kept out of `BrokerageModule` so that the worker subscribes to the
 * worker's own `DealsService` (a second MarketModule there would be a second, silent instance).
 */
@Module({ imports: [MarketModule, BrokerageModule], providers: [RoomDealBridge, RoomMarketBridge] })
export class BrokerageDealsModule {}

/** The same in the worker, where auction closes and fixed-price period ends record their deals. */
@Module({ imports: [MarketWorkerModule, BrokerageModule], providers: [RoomDealBridge] })
export class BrokerageDealsWorkerModule {}
