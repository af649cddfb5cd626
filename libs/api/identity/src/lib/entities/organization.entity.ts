import type { OrganizationKind } from '@ttx/shared/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'text' }) kind!: OrganizationKind;
  @Column({ name: 'credit_code', type: 'char', length: 18 }) creditCode!: string;
  @Column({ name: 'region_code', type: 'char', length: 6 }) regionCode!: string;
  @Column({ name: 'is_sme', type: 'boolean', default: false }) isSme!: boolean;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true }) verifiedAt!: Date | null;
  @Column({ name: 'verified_by', type: 'uuid', nullable: true }) verifiedBy!: string | null;
}
