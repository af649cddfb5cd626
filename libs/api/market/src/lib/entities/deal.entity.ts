import type { LicenceScope, ListingMethod, MarketDealType } from '@ttx/shared/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ListingEntity } from './listing.entity';

@Entity('deals')
@Check('deals_method_check', `method IN ('negotiation','fixed_price','auction','open_licence')`)
@Check('deals_price_check', `price_fen >= 0 AND buyer_premium_fen >= 0`)
@Index('deals_one_per_listing_key', { synchronize: false })
@Index('deals_one_open_licence_per_buyer_key', { synchronize: false })
@Index('deals_parties_idx', ['sellerOrgId', 'buyerOrgId'])
export class DealEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'deals_pkey' }) id!: string;
  @Column({ name: 'listing_id', type: 'uuid' }) listingId!: string;
  @ManyToOne(() => ListingEntity)
  @JoinColumn({ name: 'listing_id', foreignKeyConstraintName: 'deals_listing_id_fkey' })
  protected listing?: ListingEntity;
  @Column({ name: 'auction_id', type: 'uuid', nullable: true }) auctionId!: string | null;
  @Column({ name: 'offer_id', type: 'uuid', nullable: true }) offerId!: string | null;
  @Column({ name: 'achievement_id', type: 'uuid' }) achievementId!: string;
  @Column({ type: 'text' }) method!: ListingMethod;
  @Column({ name: 'deal_type', type: 'text' }) dealType!: MarketDealType;
  @Column({ name: 'licence_scope', type: 'text', nullable: true }) licenceScope!: LicenceScope | null;
  @Column({ name: 'price_fen', type: 'bigint' }) priceFen!: string;
  @Column({ name: 'buyer_premium_fen', type: 'bigint', default: 0 }) buyerPremiumFen!: string;
  @Column({ name: 'seller_org_id', type: 'uuid' }) sellerOrgId!: string;
  @Column({ name: 'buyer_org_id', type: 'uuid' }) buyerOrgId!: string;
  @Column({ name: 'disclosure_id', type: 'uuid', nullable: true }) disclosureId!: string | null;
  @Column({ name: 'disclosed_until', type: 'timestamptz', nullable: true }) disclosedUntil!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** Durable log of deal domain events, for contexts that consume by polling `seq`. */
@Entity('market_deal_events')
export class MarketDealEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'market_deal_events_pkey' }) seq!: string;
  @Column({ name: 'deal_id', type: 'uuid' }) dealId!: string;
  @ManyToOne(() => DealEntity)
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'market_deal_events_deal_id_fkey' })
  protected deal?: DealEntity;
  @Column({ type: 'varchar', length: 40 }) type!: string;
  @Column({ type: 'jsonb' }) payload!: unknown;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
