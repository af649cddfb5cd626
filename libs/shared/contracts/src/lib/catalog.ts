/** DOMAIN.md §1: what an achievement (科技成果) is and where it is in its life. */
export const ACHIEVEMENT_KINDS = [
  'invention_patent',
  'utility_model',
  'design_patent',
  'software_copyright',
  'ic_layout',
  'plant_variety',
  'technical_secret',
  'standard',
  'other',
] as const;
export type AchievementKind = (typeof ACHIEVEMENT_KINDS)[number];

/** draft → submitted (researcher) → published (TTO manager) → withdrawn / archived. */
export const ACHIEVEMENT_STATUSES = ['draft', 'submitted', 'published', 'withdrawn', 'archived'] as const;
export type AchievementStatus = (typeof ACHIEVEMENT_STATUSES)[number];

export const MATURITY_STAGES = ['lab', 'proof_of_concept', 'pilot', 'industrialisation'] as const;
export type MaturityStage = (typeof MATURITY_STAGES)[number];

export const DEAL_TYPES = ['transfer', 'licence', 'equity', 'joint_development'] as const;
export type DealType = (typeof DEAL_TYPES)[number];

export const IP_RECORD_STATUSES = ['filed', 'published', 'granted', 'expired', 'abandoned'] as const;
export type IpRecordStatus = (typeof IP_RECORD_STATUSES)[number];

export interface LocalizedText {
  zh: string | null;
  en: string | null;
}
