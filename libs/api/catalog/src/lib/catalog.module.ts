import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@ttx/api/identity';
import { FilesModule } from '@ttx/api/platform';
import { AchievementFactsService } from './achievements/achievement-facts.service';
import { AchievementsController } from './achievements/achievements.controller';
import { AchievementsService } from './achievements/achievements.service';
import { AttachmentsController } from './attachments/attachments.controller';
import { AttachmentsService } from './attachments/attachments.service';
import { OptionalAuthGuard } from './achievements/optional-auth.guard';
import { CATALOG_ENTITIES } from './entities';
import { FieldsService } from './fields/fields.service';
import { MatchCandidatesService } from './search/candidates';
import { SearchCache } from './search/search-cache';
import { SearchService } from './search/search.service';
import { CatalogSeeder } from './seed/catalog-seeder';

@Module({
  imports: [TypeOrmModule.forFeature(CATALOG_ENTITIES), IdentityModule, FilesModule],
  controllers: [AchievementsController, AttachmentsController],
  providers: [
    AchievementsService,
    AchievementFactsService,
    AttachmentsService,
    MatchCandidatesService,
    SearchService,
    SearchCache,
    FieldsService,
    OptionalAuthGuard,
    CatalogSeeder,
  ],
  exports: [AchievementsService, AchievementFactsService, FieldsService, MatchCandidatesService, SearchService, SearchCache, CatalogSeeder],
})
export class CatalogModule {}
