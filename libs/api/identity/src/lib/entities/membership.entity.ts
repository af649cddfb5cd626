import type { Role } from '@ttx/shared/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';

@Entity('memberships')
@Unique('memberships_user_org_role_key', ['userId', 'organizationId', 'role'])
@Index('memberships_org_idx', ['organizationId'])
@Check(
  'memberships_role_check',
  `role IN ('researcher','tto_manager','enterprise_member','broker','registrar','evaluator','platform_admin')`,
)
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'memberships_user_id_fkey' })
  protected user?: UserEntity;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'memberships_organization_id_fkey' })
  protected organization?: OrganizationEntity;
  @Column({ type: 'text' }) role!: Role;
  @Column({ name: 'is_admin', type: 'boolean', default: false }) isAdmin!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
