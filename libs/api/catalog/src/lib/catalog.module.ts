import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@ttx/api/identity';
import { AchievementFactsService } from './achievements/achievement-facts.service';
import { AchievementsController } from './achievements/achievements.controller';
import { AchievementsService } from './achievements/achievements.service';
import { OptionalAuthGuard } from './achievements/optional-auth.guard';
import { CATALOG_ENTITIES } from './entities';
import { FieldsService } from './fields/fields.service';
import { SearchService } from './search/search.service';
import { CatalogSeeder } from './seed/catalog-seeder';

@Module({
  imports: [TypeOrmModule.forFeature(CATALOG_ENTITIES), IdentityModule],
  controllers: [AchievementsController],
  providers: [AchievementsService, AchievementFactsService, SearchService, FieldsService, OptionalAuthGuard, CatalogSeeder],
  exports: [AchievementsService, AchievementFactsService, SearchService, CatalogSeeder],
})
export class CatalogModule {}
