import { Module } from '@nestjs/common';
import { BrokerageWorkerModule } from '@ttx/api/brokerage';
import { CoreModule } from '@ttx/api/core';
import { PlatformWorkerModule } from '@ttx/api/platform';

/** Every BullMQ processor of every context is registered through its context's worker module. */
@Module({
  imports: [CoreModule, PlatformWorkerModule, BrokerageWorkerModule],
})
export class WorkerModule {}
