import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ContractEntity } from './contract.entity';

/** History: every transition, amendment (with the state before) and termination. */
@Entity('contract_events')
@Index('contract_events_contract_idx', ['contractId', 'id'])
export class ContractEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'contract_events_pkey' }) id!: string;
  @Column({ name: 'contract_id', type: 'uuid' }) contractId!: string;
  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'contract_events_contract_id_fkey' })
  protected contract?: ContractEntity;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'jsonb', default: () => `'{}'` }) data!: Record<string, unknown>;
}

@Entity('contract_attachments')
export class ContractAttachmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'contract_attachments_pkey' }) id!: string;
  @Column({ name: 'contract_id', type: 'uuid' }) contractId!: string;
  @ManyToOne(() => ContractEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'contract_attachments_contract_id_fkey' })
  protected contract?: ContractEntity;
  @Column({ name: 'file_name', type: 'varchar', length: 200 }) fileName!: string;
  @Column({ name: 'media_type', type: 'varchar', length: 100 }) mediaType!: string;
  @Column({ type: 'integer' }) size!: number;
  @Column({ type: 'bytea', select: false }) content!: Buffer;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('contract_number_counters')
export class ContractNumberCounterEntity {
  @PrimaryColumn({ name: 'region_code', type: 'char', length: 6, primaryKeyConstraintName: 'contract_number_counters_pkey' }) regionCode!: string;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'contract_number_counters_pkey' }) year!: number;
  @Column({ name: 'last_serial', type: 'integer' }) lastSerial!: number;
}

@Entity('registry_settings')
@Check('registry_settings_single_check', `id = 1`)
export class RegistrySettingsEntity {
  @PrimaryColumn({ type: 'smallint', default: 1, primaryKeyConstraintName: 'registry_settings_pkey' }) id!: number;
  @Column({ type: 'jsonb', default: () => `'{}'` }) settings!: Record<string, unknown>;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('registry_idempotency')
export class RegistryIdempotencyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'registry_idempotency_pkey' }) userId!: string;
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'registry_idempotency_pkey' }) key!: string;
  @Column({ name: 'request_hash', type: 'char', length: 64 }) requestHash!: string;
  @Column({ type: 'integer', nullable: true }) status!: number | null;
  @Column({ type: 'jsonb', nullable: true }) response!: unknown;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('contract_imports')
@Check('contract_imports_status_check', `status IN ('queued','running','done','failed')`)
@Check('contract_imports_format_check', `format IN ('csv','xlsx')`)
export class ContractImportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'contract_imports_pkey' }) id!: string;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'admin_org_id', type: 'uuid' }) adminOrgId!: string;
  /** The administration's GB/T 2260 code when the import was started: rows must lie in its area. */
  @Column({ name: 'admin_region', type: 'char', length: 6 }) adminRegion!: string;
  @Column({ name: 'file_name', type: 'varchar', length: 200 }) fileName!: string;
  @Column({ name: 'file_path', type: 'text' }) filePath!: string;
  @Column({ type: 'text' }) format!: 'csv' | 'xlsx';
  @Column({ type: 'text', default: 'queued' }) status!: 'queued' | 'running' | 'done' | 'failed';
  @Column({ type: 'integer', nullable: true }) total!: number | null;
  @Column({ type: 'integer', default: 0 }) processed!: number;
  @Column({ type: 'integer', default: 0 }) imported!: number;
  @Column({ type: 'integer', default: 0 }) duplicates!: number;
  @Column({ name: 'error_count', type: 'integer', default: 0 }) errorCount!: number;
  @Column({ type: 'text', nullable: true }) failure!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}

@Entity('contract_import_errors')
export class ContractImportErrorEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid', primaryKeyConstraintName: 'contract_import_errors_pkey' }) importId!: string;
  @ManyToOne(() => ContractImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'contract_import_errors_import_id_fkey' })
  protected import?: ContractImportEntity;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'contract_import_errors_pkey' }) row!: number;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'contract_import_errors_pkey' }) field!: string;
  @Column({ type: 'text' }) message!: string;
}

@Entity('contract_stats')
export class ContractStatsEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'contract_stats_pkey' }) dim!: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'contract_stats_pkey' }) key!: string;
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'contract_stats_pkey' }) month!: string;
  @Column({ type: 'bigint', default: 0 }) count!: string;
  @Column({ name: 'contract_fen', type: 'bigint', default: 0 }) contractFen!: string;
  @Column({ name: 'tech_fen', type: 'bigint', default: 0 }) techFen!: string;
}

@Entity('contract_kind_moments')
export class ContractKindMomentsEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'contract_kind_moments_pkey' }) kind!: string;
  @Column({ type: 'bigint', default: 0 }) n!: string;
  @Column({ name: 'sum_ln', type: 'double precision', default: 0 }) sumLn!: number;
  @Column({ name: 'sum_ln2', type: 'double precision', default: 0 }) sumLn2!: number;
}
