import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@ttx/api/catalog';
import { IdentityModule } from '@ttx/api/identity';
import { DisclosuresModule, LiveModule } from '@ttx/api/platform';
import { RightsModule, RightsWorkerModule } from '@ttx/api/rights';
import { AuctionCloser } from './auctions/auction-closer.service';
import { AuctionsController } from './auctions/auctions.controller';
import { AuctionsService } from './auctions/auctions.service';
import { BidsService } from './auctions/bids.service';
import { LotGate } from './auctions/lot-gate';
import { LotRosters } from './auctions/lot-rosters';
import { RefusalRecords } from './auctions/refusal-records';
import { ListingConsentsController } from './consents/listing-consents.controller';
import { ListingConsentsService } from './consents/listing-consents.service';
import { DealsService } from './deals/deals.service';
import { MARKET_ENTITIES } from './entities';
import { ListingsController } from './listings/listings.controller';
import { ListingsService } from './listings/listings.service';
import { LiveService } from './live/live.service';
import { MarketAccess } from './market-access';
import { MarketProcessor } from './market.processor';
import { MarketScheduler } from './market-scheduler';
import { NegotiationService } from './negotiation/negotiation.service';
import { OpenLicenceService } from './open-licence/open-licence.service';
import { MarketSeeder } from './seed/market-seeder';
import { TakeService } from './trading/take.service';

const SERVICES = [
  MarketAccess,
  MarketScheduler,
  LiveService,
  DealsService,
  AuctionsService,
  BidsService,
  LotGate,
  LotRosters,
  RefusalRecords,
  AuctionCloser,
  ListingConsentsService,
  OpenLicenceService,
  ListingsService,
  TakeService,
  NegotiationService,
  MarketSeeder,
];

/** HTTP side: listings, negotiation, fixed price, open licences, auctions, deals; live updates on /live. */
@Module({
  imports: [TypeOrmModule.forFeature(MARKET_ENTITIES), IdentityModule, CatalogModule, DisclosuresModule, LiveModule, RightsModule],
  controllers: [ListingsController, AuctionsController, ListingConsentsController],
  providers: SERVICES,
  exports: [DealsService, ListingsService, AuctionCloser, TakeService, NegotiationService, MarketSeeder, LiveService],
})
export class MarketModule {}

/** Worker side: closes auctions and ends fixed-price periods (the delayed jobs). */
@Module({
  imports: [TypeOrmModule.forFeature(MARKET_ENTITIES), IdentityModule, CatalogModule, DisclosuresModule, LiveModule, RightsWorkerModule],
  providers: [...SERVICES, MarketProcessor],
  exports: [DealsService, ListingsService],
})
export class MarketWorkerModule {}
