import { OrganizationEntity, UserEntity } from '@ttx/api/identity';
import type { AchievementKind, AchievementStatus, DealType, MaturityStage } from '@ttx/shared/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TechnologyFieldEntity } from './technology-field.entity';

@Entity('achievements')
@Check(
  'achievements_kind_check',
  `kind IN ('invention_patent','utility_model','design_patent','software_copyright','ic_layout','plant_variety','technical_secret','standard','other')`,
)
@Check('achievements_status_check', `status IN ('draft','submitted','published','withdrawn','archived')`)
@Check('achievements_stage_check', `stage IN ('lab','proof_of_concept','pilot','industrialisation')`)
@Check('achievements_trl_check', `trl BETWEEN 1 AND 9`)
@Check('achievements_deal_types_check', `deal_types <@ ARRAY['transfer','licence','equity','joint_development']::text[]`)
@Check('achievements_asking_price_check', `asking_price_min_fen >= 0 AND asking_price_max_fen >= asking_price_min_fen`)
@Check('achievements_title_check', `title_zh IS NOT NULL OR title_en IS NOT NULL`)
@Check('achievements_published_at_check', `status <> 'published' OR published_at IS NOT NULL`)
// GIN and partial indexes are created by the migration; TypeORM only needs to know they exist.
@Index('achievements_search_idx', { synchronize: false })
@Index('achievements_published_idx', { synchronize: false })
@Index('achievements_institution_idx', ['institutionId', 'status'])
export class AchievementEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'achievements_pkey' }) id!: string;
  @Column({ name: 'institution_id', type: 'uuid' }) institutionId!: string;
  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'achievements_institution_id_fkey' })
  protected institution?: OrganizationEntity;
  @Column({ type: 'text' }) kind!: AchievementKind;
  @Column({ type: 'text', default: 'draft' }) status!: AchievementStatus;
  @Column({ name: 'title_zh', type: 'text', nullable: true }) titleZh!: string | null;
  @Column({ name: 'title_en', type: 'text', nullable: true }) titleEn!: string | null;
  @Column({ name: 'abstract_zh', type: 'text', nullable: true }) abstractZh!: string | null;
  @Column({ name: 'abstract_en', type: 'text', nullable: true }) abstractEn!: string | null;
  @Column({ name: 'problem_zh', type: 'text', nullable: true }) problemZh!: string | null;
  @Column({ name: 'problem_en', type: 'text', nullable: true }) problemEn!: string | null;
  @Column({ name: 'advantages_zh', type: 'text', nullable: true }) advantagesZh!: string | null;
  @Column({ name: 'advantages_en', type: 'text', nullable: true }) advantagesEn!: string | null;
  @Column({ name: 'applications_zh', type: 'text', nullable: true }) applicationsZh!: string | null;
  @Column({ name: 'applications_en', type: 'text', nullable: true }) applicationsEn!: string | null;
  /** Confidential: the owner, platform admins and NDA-accepting enterprises only. */
  @Column({ name: 'technical_detail_zh', type: 'text', nullable: true }) technicalDetailZh!: string | null;
  @Column({ name: 'technical_detail_en', type: 'text', nullable: true }) technicalDetailEn!: string | null;
  @Column({ name: 'field_code', type: 'varchar', length: 8, nullable: true }) fieldCode!: string | null;
  @ManyToOne(() => TechnologyFieldEntity, { nullable: true })
  @JoinColumn({ name: 'field_code', foreignKeyConstraintName: 'achievements_field_code_fkey' })
  protected field?: TechnologyFieldEntity;
  @Column({ type: 'text', nullable: true }) stage!: MaturityStage | null;
  @Column({ type: 'smallint', nullable: true }) trl!: number | null;
  @Column({ name: 'job_related', type: 'boolean', default: false }) jobRelated!: boolean;
  @Column({ name: 'funding_project_number', type: 'varchar', length: 64, nullable: true }) fundingProjectNumber!: string | null;
  @Column({ name: 'deal_types', type: 'text', array: true }) dealTypes!: DealType[];
  /** bigint arrives as a string from pg; the service converts. */
  @Column({ name: 'asking_price_min_fen', type: 'bigint', nullable: true }) askingPriceMinFen!: string | null;
  @Column({ name: 'asking_price_max_fen', type: 'bigint', nullable: true }) askingPriceMaxFen!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'achievements_created_by_fkey' })
  protected creator?: UserEntity;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  /** Application-side tokens (see search/tokenize.ts); never selected by default. */
  @Column({ type: 'tsvector', nullable: true, select: false }) search!: string | null;
}
