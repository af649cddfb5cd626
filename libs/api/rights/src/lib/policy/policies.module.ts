import { Module } from '@nestjs/common';
import { IdentityModule } from '@ttx/api/identity';
import { PoliciesService } from './policies.service';

/** Rights policies alone, for contexts that only read them (the registry's review period) without the rest of rights. */
@Module({
  imports: [IdentityModule],
  providers: [PoliciesService],
  exports: [PoliciesService],
})
export class RightsPoliciesModule {}
