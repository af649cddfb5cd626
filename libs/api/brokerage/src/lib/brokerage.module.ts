import { Module } from '@nestjs/common';
import { CatalogModule } from '@ttx/api/catalog';
import { IdentityModule } from '@ttx/api/identity';
import { BrokersController } from './brokers/brokers.controller';
import { BrokersService } from './brokers/brokers.service';
import { BrokerageCommissions } from './commissions/brokerage-commissions.service';
import { DemandsController } from './demands/demands.controller';
import { DemandsService } from './demands/demands.service';
import { BrokerageEventsService } from './events/brokerage-events.service';
import { NoopRoomEvents, RoomEvents } from './rooms/room-events';
import { RoomsController } from './rooms/rooms.controller';
import { RoomsService } from './rooms/rooms.service';
import { BrokerageSeeder } from './seed/brokerage-seeder';

const PROVIDERS = [DemandsService, BrokersService, RoomsService, BrokerageEventsService, BrokerageCommissions, BrokerageSeeder, { provide: RoomEvents, useClass: NoopRoomEvents }];

/** Brokerage (DOMAIN.md §5½, §6). `RoomEvents` is the seam the integrator binds to socket.io (/live). */
@Module({
  imports: [IdentityModule, CatalogModule],
  controllers: [DemandsController, BrokersController, RoomsController],
  providers: PROVIDERS,
  exports: [DemandsService, BrokersService, RoomsService, BrokerageEventsService, BrokerageCommissions, BrokerageSeeder, RoomEvents],
})
export class BrokerageModule {}
