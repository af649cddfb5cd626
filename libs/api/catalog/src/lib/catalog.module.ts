import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@ttx/api/identity';
import { AchievementsController } from './achievements/achievements.controller';
import { AchievementsService } from './achievements/achievements.service';
import { OptionalAuthGuard } from './achievements/optional-auth.guard';
import { CATALOG_ENTITIES } from './entities';
import { FieldsService } from './fields/fields.service';
import { MatchCandidatesService } from './search/candidates';
import { SearchCache } from './search/search-cache';
import { SearchService } from './search/search.service';
import { CatalogSeeder } from './seed/catalog-seeder';

@Module({
  imports: [TypeOrmModule.forFeature(CATALOG_ENTITIES), IdentityModule],
  controllers: [AchievementsController],
  providers: [MatchCandidatesService, AchievementsService, SearchService, SearchCache, FieldsService, OptionalAuthGuard, CatalogSeeder],
  exports: [MatchCandidatesService, AchievementsService, SearchService, SearchCache, CatalogSeeder],
})
export class CatalogModule {}
