import { Module } from '@nestjs/common';
import { CatalogModule } from '@ttx/api/catalog';
import { IdentityModule } from '@ttx/api/identity';
import { DisclosuresModule } from '@ttx/api/platform';
import { EmpowermentFinalizer } from './empowerments/empowerment-finalizer.service';
import { EmpowermentViews } from './empowerments/empowerment-views';
import { EmpowermentsService } from './empowerments/empowerments.service';
import { NoticeEndProcessor } from './empowerments/notice-end.processor';
import { NegativeListService } from './negative-list/negative-list.service';
import { OwnershipService } from './ownership/ownership.service';
import { RightsPoliciesModule } from './policy/policies.module';
import { RightsController } from './rights.controller';
import { RightsSeeder } from './seed/rights-seeder';

const SERVICES = [NegativeListService, OwnershipService, EmpowermentViews, EmpowermentFinalizer, EmpowermentsService];

/** HTTP side of rights: policies, negative lists, empowerment workflow, ownership ledger. */
@Module({
  imports: [CatalogModule, IdentityModule, DisclosuresModule, RightsPoliciesModule],
  controllers: [RightsController],
  providers: [...SERVICES, RightsSeeder],
  exports: [RightsPoliciesModule, EmpowermentsService, OwnershipService, RightsSeeder],
})
export class RightsModule {}

/** Worker side: the notice-end job. */
@Module({
  imports: [CatalogModule, IdentityModule, DisclosuresModule, RightsPoliciesModule],
  providers: [...SERVICES, NoticeEndProcessor],
  exports: [EmpowermentFinalizer, RightsPoliciesModule, OwnershipService],
})
export class RightsWorkerModule {}
