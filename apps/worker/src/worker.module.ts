import { Module } from '@nestjs/common';
import { BrokerageDealsWorkerModule, BrokerageWorkerModule } from '@ttx/api/brokerage';
import { CoreModule } from '@ttx/api/core';
import { LicensingWorkerModule } from '@ttx/api/licensing';
import { MarketWorkerModule } from '@ttx/api/market';
import { PlatformWorkerModule } from '@ttx/api/platform';
import { RegistryDealsWorkerModule, RegistryWorkerModule } from '@ttx/api/registry';
import { RightsWorkerModule } from '@ttx/api/rights';

/** Every BullMQ processor of every context is registered through its context's worker module. */
@Module({
  imports: [CoreModule, PlatformWorkerModule, RightsWorkerModule, MarketWorkerModule, RegistryWorkerModule, RegistryDealsWorkerModule, BrokerageWorkerModule, BrokerageDealsWorkerModule, LicensingWorkerModule],
})
export class WorkerModule {}
