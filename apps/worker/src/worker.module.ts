import { Module } from '@nestjs/common';
import { CoreModule } from '@ttx/api/core';
import { MarketWorkerModule } from '@ttx/api/market';
import { PlatformWorkerModule } from '@ttx/api/platform';

/** Every BullMQ processor of every context is registered through its context's worker module. */
@Module({
  imports: [CoreModule, PlatformWorkerModule, MarketWorkerModule],
})
export class WorkerModule {}
