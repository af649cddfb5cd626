import type { OrganizationKind } from '@ttx/shared/contracts';
import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserEntity } from './user.entity';

@Entity('organizations')
@Unique('organizations_credit_code_key', ['creditCode'])
@Check('organizations_kind_check', `kind IN ('institution','enterprise','agency','administration','evaluator')`)
@Check('organizations_region_code_check', `region_code ~ '^[0-9]{6}$'`)
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'text' }) kind!: OrganizationKind;
  @Column({ name: 'credit_code', type: 'char', length: 18 }) creditCode!: string;
  @Column({ name: 'region_code', type: 'char', length: 6 }) regionCode!: string;
  @Column({ name: 'is_sme', type: 'boolean', default: false }) isSme!: boolean;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true, createForeignKeyConstraints: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'organizations_created_by_fkey' })
  protected creator?: UserEntity;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true }) verifiedAt!: Date | null;
  @Column({ name: 'verified_by', type: 'uuid', nullable: true }) verifiedBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'verified_by', foreignKeyConstraintName: 'organizations_verified_by_fkey' })
  protected verifier?: UserEntity;
}
