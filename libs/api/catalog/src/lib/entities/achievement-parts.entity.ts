import { OrganizationEntity, UserEntity } from '@ttx/api/identity';
import type { IpRecordStatus } from '@ttx/shared/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { AchievementEntity } from './achievement.entity';

@Entity('achievement_ip_records')
@Check('achievement_ip_records_status_check', `status IN ('filed','published','granted','expired','abandoned')`)
@Unique('achievement_ip_records_achievement_number_key', ['achievementId', 'number'])
export class AchievementIpRecordEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'achievement_ip_records_pkey' }) id!: string;
  @Column({ name: 'achievement_id', type: 'uuid' }) achievementId!: string;
  @ManyToOne(() => AchievementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'achievement_id', foreignKeyConstraintName: 'achievement_ip_records_achievement_id_fkey' })
  protected achievement?: AchievementEntity;
  @Column({ type: 'smallint' }) position!: number;
  @Column({ type: 'varchar', length: 40 }) number!: string;
  @Column({ type: 'varchar', length: 20 }) office!: string;
  @Column({ name: 'filing_date', type: 'date', nullable: true }) filingDate!: string | null;
  @Column({ name: 'grant_date', type: 'date', nullable: true }) grantDate!: string | null;
  @Column({ type: 'text' }) status!: IpRecordStatus;
  @Column({ name: 'expiry_date', type: 'date', nullable: true }) expiryDate!: string | null;
}

/** Shares sum to exactly 100 per achievement: service check + deferred constraint trigger (migration). */
@Entity('achievement_inventors')
@Check('achievement_inventors_share_check', `share > 0 AND share <= 100`)
@Index('achievement_inventors_achievement_idx', ['achievementId'])
export class AchievementInventorEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'achievement_inventors_pkey' }) id!: string;
  @Column({ name: 'achievement_id', type: 'uuid' }) achievementId!: string;
  @ManyToOne(() => AchievementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'achievement_id', foreignKeyConstraintName: 'achievement_inventors_achievement_id_fkey' })
  protected achievement?: AchievementEntity;
  @Column({ type: 'smallint' }) position!: number;
  @Column({ type: 'varchar', length: 80 }) name!: string;
  @Column({ type: 'varchar', length: 254, nullable: true }) email!: string | null;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'achievement_inventors_user_id_fkey' })
  protected user?: UserEntity;
  /** numeric(5,2) arrives as a string. */
  @Column({ type: 'numeric', precision: 5, scale: 2 }) share!: string;
}

@Entity('achievement_nda_acceptances')
@Unique('achievement_nda_acceptances_key', ['achievementId', 'userId', 'organizationId'])
@Index('achievement_nda_acceptances_org_idx', ['organizationId', 'achievementId'])
export class AchievementNdaAcceptanceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'achievement_nda_acceptances_pkey' }) id!: string;
  @Column({ name: 'achievement_id', type: 'uuid' }) achievementId!: string;
  @ManyToOne(() => AchievementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'achievement_id', foreignKeyConstraintName: 'achievement_nda_acceptances_achievement_id_fkey' })
  protected achievement?: AchievementEntity;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'achievement_nda_acceptances_user_id_fkey' })
  protected user?: UserEntity;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'achievement_nda_acceptances_organization_id_fkey' })
  protected organization?: OrganizationEntity;
  @Column({ name: 'accepted_at', type: 'timestamptz', default: () => 'now()' }) acceptedAt!: Date;
}

/** Files are stored once under FILES_DIR/<sha256>; this row links one to an achievement (confidential). */
@Entity('achievement_attachments')
@Check('achievement_attachments_sha256_check', `sha256 ~ '^[0-9a-f]{64}$'`)
@Check('achievement_attachments_size_check', `size_bytes > 0`)
@Unique('achievement_attachments_achievement_sha256_key', ['achievementId', 'sha256'])
export class AchievementAttachmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'achievement_attachments_pkey' }) id!: string;
  @Column({ name: 'achievement_id', type: 'uuid' }) achievementId!: string;
  @ManyToOne(() => AchievementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'achievement_id', foreignKeyConstraintName: 'achievement_attachments_achievement_id_fkey' })
  protected achievement?: AchievementEntity;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ name: 'size_bytes', type: 'bigint' }) sizeBytes!: string;
  @Column({ name: 'mime_type', type: 'varchar', length: 100 }) mimeType!: string;
  @Column({ name: 'original_name', type: 'varchar', length: 255 }) originalName!: string;
  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true }) uploadedBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'achievement_attachments_uploaded_by_fkey' })
  protected uploader?: UserEntity;
  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' }) uploadedAt!: Date;
}
