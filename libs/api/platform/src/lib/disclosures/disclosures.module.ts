import { Module } from '@nestjs/common';
import { DisclosuresController } from './disclosures.controller';
import { DisclosuresService } from './disclosures.service';

/** Imported by every context that publishes notices (rights, market); one service instance app-wide. */
@Module({
  controllers: [DisclosuresController],
  providers: [DisclosuresService],
  exports: [DisclosuresService],
})
export class DisclosuresModule {}
