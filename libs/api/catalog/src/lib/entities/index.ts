import { AchievementAttachmentEntity, AchievementInventorEntity, AchievementIpRecordEntity, AchievementNdaAcceptanceEntity } from './achievement-parts.entity';
import { AchievementEntity } from './achievement.entity';
import { TechnologyFieldEntity } from './technology-field.entity';

export * from './achievement.entity';
export * from './achievement-parts.entity';
export * from './technology-field.entity';

export const CATALOG_ENTITIES = [
  TechnologyFieldEntity,
  AchievementEntity,
  AchievementIpRecordEntity,
  AchievementInventorEntity,
  AchievementNdaAcceptanceEntity,
  AchievementAttachmentEntity,
];
