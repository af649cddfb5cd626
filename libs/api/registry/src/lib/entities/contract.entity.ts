import { OrganizationEntity, UserEntity } from '@ttx/api/identity';
import type { ContractKind, ContractStatus, PartyType } from '@ttx/shared/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

export interface PaymentInstalment {
  dueOn: string;
  amountFen: number;
  note?: string | null;
}

/** Codes (credit codes, regions, numbers) are compared for equality or by prefix only: COLLATE "C". */
@Entity('contracts')
@Check('contracts_kind_check', `kind IN ('development','transfer','licensing','consulting','service','training','intermediary')`)
@Check('contracts_status_check', `status IN ('draft','submitted','accepted','registered','rejected','terminated')`)
@Check('contracts_source_check', `source IN ('filed','import')`)
@Check(
  'contracts_party_type_check',
  `seller_type IN ('enterprise','university','institute','other') AND buyer_type IN ('enterprise','university','institute','other')`,
)
@Check(
  'contracts_amounts_check',
  `contract_fen > 0 AND equipment_fen >= 0 AND materials_fen >= 0 AND construction_fen >= 0 AND other_fen >= 0
          AND tech_fen = GREATEST(contract_fen - equipment_fen - materials_fen - construction_fen - other_fen, 0)`,
)
@Check('contracts_registered_check', `status NOT IN ('registered','terminated') OR (registration_number IS NOT NULL AND registered_on IS NOT NULL)`)
@Unique('contracts_registration_number_key', ['registrationNumber'])
@Unique('contracts_verification_code_key', ['verificationCode'])
// Partial indexes are created by the migration; TypeORM only needs to know they exist.
@Index('contracts_natural_key', { synchronize: false })
@Index('contracts_registered_on_idx', { synchronize: false })
@Index('contracts_deal_key', { synchronize: false })
// Filed contracts only / the open review queue only: imported (registered) rows never enter them.
@Index('contracts_filer_idx', { synchronize: false })
@Index('contracts_queue_idx', { synchronize: false })
export class ContractEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'contracts_pkey' }) id!: string;
  @Column({ name: 'filer_org_id', type: 'uuid' }) filerOrgId!: string;
  @ManyToOne(() => OrganizationEntity)
  @JoinColumn({ name: 'filer_org_id', foreignKeyConstraintName: 'contracts_filer_org_id_fkey' })
  protected filerOrg?: OrganizationEntity;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => UserEntity, { nullable: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'contracts_created_by_fkey' })
  protected creator?: UserEntity;
  @Column({ type: 'text', default: 'filed' }) source!: 'filed' | 'import';
  @Column({ name: 'import_id', type: 'uuid', nullable: true }) importId!: string | null;
  /** The market deal this contract was drafted from (one draft per deal). */
  @Column({ name: 'deal_id', type: 'uuid', nullable: true }) dealId!: string | null;
  @Column({ type: 'text' }) kind!: ContractKind;
  @Column({ name: 'sub_kind', type: 'text', nullable: true }) subKind!: string | null;
  @Column({ name: 'project_name', type: 'varchar', length: 200 }) projectName!: string;
  @Column({ name: 'field_code', type: 'varchar', length: 8, nullable: true }) fieldCode!: string | null;
  @Column({ name: 'signed_on', type: 'date' }) signedOn!: string;
  @Column({ name: 'valid_from', type: 'date', nullable: true }) validFrom!: string | null;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo!: string | null;
  @Column({ name: 'seller_name', type: 'varchar', length: 200 }) sellerName!: string;
  @Column({ name: 'seller_credit_code', type: 'varchar', length: 18, collation: 'C' }) sellerCreditCode!: string;
  @Column({ name: 'seller_country', type: 'char', length: 3, default: '156' }) sellerCountry!: string;
  @Column({ name: 'seller_region', type: 'char', length: 6, collation: 'C' }) sellerRegion!: string;
  @Column({ name: 'seller_type', type: 'text' }) sellerType!: PartyType;
  @Column({ name: 'buyer_name', type: 'varchar', length: 200 }) buyerName!: string;
  @Column({ name: 'buyer_credit_code', type: 'varchar', length: 18, collation: 'C' }) buyerCreditCode!: string;
  @Column({ name: 'buyer_country', type: 'char', length: 3, default: '156' }) buyerCountry!: string;
  @Column({ name: 'buyer_region', type: 'char', length: 6, nullable: true, collation: 'C' }) buyerRegion!: string | null;
  @Column({ name: 'buyer_type', type: 'text' }) buyerType!: PartyType;
  /** bigint arrives as a string from pg; the service converts. */
  @Column({ name: 'contract_fen', type: 'bigint' }) contractFen!: string;
  @Column({ name: 'equipment_fen', type: 'bigint', default: 0 }) equipmentFen!: string;
  @Column({ name: 'materials_fen', type: 'bigint', default: 0 }) materialsFen!: string;
  @Column({ name: 'construction_fen', type: 'bigint', default: 0 }) constructionFen!: string;
  @Column({ name: 'other_fen', type: 'bigint', default: 0 }) otherFen!: string;
  @Column({ name: 'tech_fen', type: 'bigint' }) techFen!: string;
  @Column({ name: 'payment_schedule', type: 'jsonb', default: () => `'[]'` }) paymentSchedule!: PaymentInstalment[];
  @Column({ name: 'expected_investment_fen', type: 'bigint', nullable: true }) expectedInvestmentFen!: string | null;
  @Column({ name: 'expected_output_fen', type: 'bigint', nullable: true }) expectedOutputFen!: string | null;
  @Column({ type: 'text', default: 'draft' }) status!: ContractStatus;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @Column({ name: 'accepted_by', type: 'uuid', nullable: true }) acceptedBy!: string | null;
  /** Review period and the rights policy it came from, fixed when the contract is submitted. */
  @Column({ name: 'review_deadline_days', type: 'integer', nullable: true }) reviewDeadlineDays!: number | null;
  @Column({ name: 'review_policy_id', type: 'uuid', nullable: true }) reviewPolicyId!: string | null;
  @Column({ name: 'review_due_on', type: 'date', nullable: true }) reviewDueOn!: string | null;
  @Column({ name: 'reminded_on', type: 'date', nullable: true }) remindedOn!: string | null;
  @Column({ name: 'registered_at', type: 'timestamptz', nullable: true }) registeredAt!: Date | null;
  @Column({ name: 'registered_on', type: 'date', nullable: true }) registeredOn!: string | null;
  @Column({ name: 'registered_by', type: 'uuid', nullable: true }) registeredBy!: string | null;
  @Column({ name: 'registration_number', type: 'char', length: 16, nullable: true, collation: 'C' }) registrationNumber!: string | null;
  @Column({ name: 'verification_code', type: 'varchar', length: 20, nullable: true, collation: 'C' }) verificationCode!: string | null;
  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true }) rejectedAt!: Date | null;
  @Column({ name: 'rejection_reasons', type: 'text', array: true, nullable: true }) rejectionReasons!: string[] | null;
  @Column({ name: 'rejection_note', type: 'text', nullable: true }) rejectionNote!: string | null;
  @Column({ name: 'terminated_at', type: 'timestamptz', nullable: true }) terminatedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
