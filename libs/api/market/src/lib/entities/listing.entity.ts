import type { LicenceScope, ListingMethod, ListingStatus, MarketDealType, OpenLicenceFeeType } from '@ttx/shared/contracts';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An achievement offered by its institution's TTO with one price-discovery method. bigint columns arrive as strings. */
@Entity('listings')
@Check('listings_method_check', `method IN ('negotiation','fixed_price','auction','open_licence')`)
@Check('listings_deal_type_check', `deal_type IN ('transfer','licence','equity')`)
@Check('listings_licence_scope_check', `(deal_type = 'licence') = (licence_scope IS NOT NULL) AND licence_scope IN ('exclusive','sole','non_exclusive')`)
@Check('listings_status_check', `status IN ('open','auction','sold','unsold','withdrawn')`)
@Check('listings_price_check', `price_fen >= 0 AND evaluated_value_fen >= 0`)
@Check('listings_fee_type_check', `ol_fee_type IN ('lump_sum','royalty','upfront_royalty')`)
@Index('listings_browse_idx', ['method', 'status', 'createdAt'])
@Index('listings_seller_idx', ['sellerOrgId', 'status'])
@Index('listings_live_achievement_key', { synchronize: false })
export class ListingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'listings_pkey' }) id!: string;
  @Column({ name: 'achievement_id', type: 'uuid' }) achievementId!: string;
  @Column({ name: 'seller_org_id', type: 'uuid' }) sellerOrgId!: string;
  @Column({ type: 'text' }) method!: ListingMethod;
  @Column({ name: 'deal_type', type: 'text' }) dealType!: MarketDealType;
  @Column({ name: 'licence_scope', type: 'text', nullable: true }) licenceScope!: LicenceScope | null;
  @Column({ type: 'text', default: 'open' }) status!: ListingStatus;
  /** Snapshot of the achievement title at listing time (the disclosure names what was listed). */
  @Column({ name: 'title_zh', type: 'text', nullable: true }) titleZh!: string | null;
  @Column({ name: 'title_en', type: 'text', nullable: true }) titleEn!: string | null;
  @Column({ name: 'price_fen', type: 'bigint', nullable: true }) priceFen!: string | null;
  @Column({ type: 'text', nullable: true }) terms!: string | null;
  @Column({ name: 'government_funded', type: 'boolean', default: false }) governmentFunded!: boolean;
  @Column({ name: 'below_value_justification', type: 'text', nullable: true }) belowValueJustification!: string | null;
  @Column({ name: 'evaluator_org_id', type: 'uuid', nullable: true }) evaluatorOrgId!: string | null;
  @Column({ name: 'evaluated_value_fen', type: 'bigint', nullable: true }) evaluatedValueFen!: string | null;
  @Column({ name: 'evaluated_on', type: 'date', nullable: true }) evaluatedOn!: string | null;
  @Column({ name: 'evaluation_method', type: 'text', nullable: true }) evaluationMethod!: string | null;
  @Column({ name: 'period_ends_at', type: 'timestamptz', nullable: true }) periodEndsAt!: Date | null;
  @Column({ name: 'ol_fee_type', type: 'text', nullable: true }) olFeeType!: OpenLicenceFeeType | null;
  @Column({ name: 'ol_lump_sum_fen', type: 'bigint', nullable: true }) olLumpSumFen!: string | null;
  @Column({ name: 'ol_royalty_bp', type: 'integer', nullable: true }) olRoyaltyBp!: number | null;
  @Column({ name: 'ol_term_months', type: 'integer', nullable: true }) olTermMonths!: number | null;
  @Column({ name: 'ol_starts_on', type: 'date', nullable: true }) olStartsOn!: string | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
