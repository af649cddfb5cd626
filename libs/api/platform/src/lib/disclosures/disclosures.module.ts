import { Module } from '@nestjs/common';
import { IdentityModule } from '@ttx/api/identity';
import { DisclosuresController } from './disclosures.controller';
import { DisclosuresService } from './disclosures.service';

/** Imported by every context that publishes notices (rights, market); one service instance app-wide. */
@Module({
  imports: [IdentityModule],
  controllers: [DisclosuresController],
  providers: [DisclosuresService],
  exports: [DisclosuresService],
})
export class DisclosuresModule {}
