import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@ttx/api/identity';
import { RightsPoliciesModule } from '@ttx/api/rights';
import { CertificateService } from './certificate/certificate.service';
import { ActorService } from './contracts/actor';
import { ContractsController } from './contracts/contracts.controller';
import { ContractsService } from './contracts/contracts.service';
import { ReviewReminderService } from './contracts/review-reminder.service';
import { REGISTRY_ENTITIES } from './entities';
import { ImportRunner } from './imports/import-runner';
import { ImportsService } from './imports/imports.service';
import { RegistryWorkerProcessor } from './imports/registry-worker.processor';
import { RiskService } from './risk/risk.service';
import { RegistrySeeder } from './seed/registry-seeder';
import { RegistrySettingsService } from './settings/settings.service';
import { StatsController } from './stats/stats.controller';
import { StatsService } from './stats/stats.service';

const SHARED = [ActorService, ContractsService, RiskService, RegistrySettingsService, StatsService, CertificateService, ImportsService, ImportRunner, ReviewReminderService, RegistrySeeder];

/** HTTP side: contracts, registration, certificates, imports, statistics. */
@Module({
  imports: [TypeOrmModule.forFeature(REGISTRY_ENTITIES), IdentityModule, RightsPoliciesModule],
  controllers: [ContractsController, StatsController],
  providers: SHARED,
  exports: [ContractsService, StatsService, ImportRunner, RegistrySeeder],
})
export class RegistryModule {}

/** Worker side: bulk imports and the review reminder. */
@Module({
  imports: [TypeOrmModule.forFeature(REGISTRY_ENTITIES), IdentityModule, RightsPoliciesModule],
  providers: [...SHARED, RegistryWorkerProcessor],
  exports: [ContractsService],
})
export class RegistryWorkerModule {}
