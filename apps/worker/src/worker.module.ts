import { Module } from '@nestjs/common';
import { CoreModule } from '@ttx/api/core';
import { PlatformWorkerModule } from '@ttx/api/platform';
import { RegistryWorkerModule } from '@ttx/api/registry';

/** Every BullMQ processor of every context is registered through its context's worker module. */
@Module({
  imports: [CoreModule, PlatformWorkerModule, RegistryWorkerModule],
})
export class WorkerModule {}
