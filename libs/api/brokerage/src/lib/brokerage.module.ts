import { Module } from '@nestjs/common';
import { CatalogModule } from '@ttx/api/catalog';
import { IdentityModule } from '@ttx/api/identity';
import { LiveModule } from '@ttx/api/platform';
import { BrokersController } from './brokers/brokers.controller';
import { BrokersService } from './brokers/brokers.service';
import { BrokerageCommissions } from './commissions/brokerage-commissions.service';
import { DemandsController } from './demands/demands.controller';
import { DemandsService } from './demands/demands.service';
import { BrokerageEventsService } from './events/brokerage-events.service';
import { LiveRoomEvents, RoomEvents } from './rooms/room-events';
import { RoomsController } from './rooms/rooms.controller';
import { RoomsService } from './rooms/rooms.service';
import { BrokerageSeeder } from './seed/brokerage-seeder';

const PROVIDERS = [DemandsService, BrokersService, RoomsService, BrokerageEventsService, BrokerageCommissions, BrokerageSeeder, LiveRoomEvents, { provide: RoomEvents, useExisting: LiveRoomEvents }];

/** Brokerage (DOMAIN.md §5½, §6). Room events go live on the platform gateway (channel `room:<id>`). */
@Module({
  imports: [IdentityModule, CatalogModule, LiveModule],
  controllers: [DemandsController, BrokersController, RoomsController],
  providers: PROVIDERS,
  exports: [DemandsService, BrokersService, RoomsService, BrokerageEventsService, BrokerageCommissions, BrokerageSeeder, RoomEvents],
})
export class BrokerageModule {}
