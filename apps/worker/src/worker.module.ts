import { Module } from '@nestjs/common';
import { CoreModule } from '@ttx/api/core';
import { PlatformWorkerModule } from '@ttx/api/platform';
import { RightsWorkerModule } from '@ttx/api/rights';

/** Every BullMQ processor of every context is registered through its context's worker module. */
@Module({
  imports: [CoreModule, PlatformWorkerModule, RightsWorkerModule],
})
export class WorkerModule {}
