import type { OfferSide, OfferStatus } from '@ttx/shared/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ListingEntity } from './listing.entity';

/** One message of an offer / counter-offer thread; a thread is (listing, buyer organisation). */
@Entity('listing_offers')
@Check('listing_offers_side_check', `side IN ('buyer','seller')`)
@Check('listing_offers_status_check', `status IN ('open','countered','accepted','rejected')`)
@Check('listing_offers_price_check', `price_fen > 0`)
@Index('listing_offers_thread_idx', ['listingId', 'buyerOrgId', 'createdAt'])
@Index('listing_offers_one_accepted_key', { synchronize: false })
export class ListingOfferEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'listing_offers_pkey' }) id!: string;
  @Column({ name: 'listing_id', type: 'uuid' }) listingId!: string;
  @ManyToOne(() => ListingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id', foreignKeyConstraintName: 'listing_offers_listing_id_fkey' })
  protected listing?: ListingEntity;
  @Column({ name: 'buyer_org_id', type: 'uuid' }) buyerOrgId!: string;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  @ManyToOne(() => ListingOfferEntity, { nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'listing_offers_parent_id_fkey' })
  protected parent?: ListingOfferEntity;
  @Column({ type: 'text' }) side!: OfferSide;
  @Column({ name: 'price_fen', type: 'bigint' }) priceFen!: string;
  @Column({ type: 'text', nullable: true }) terms!: string | null;
  @Column({ type: 'text', default: 'open' }) status!: OfferStatus;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** An enterprise's intent to buy a fixed-price listing at its price (one per enterprise). */
@Entity('listing_intents')
export class ListingIntentEntity {
  @PrimaryColumn({ name: 'listing_id', type: 'uuid', primaryKeyConstraintName: 'listing_intents_pkey' }) listingId!: string;
  @ManyToOne(() => ListingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id', foreignKeyConstraintName: 'listing_intents_listing_id_fkey' })
  protected listing?: ListingEntity;
  @PrimaryColumn({ name: 'buyer_org_id', type: 'uuid', primaryKeyConstraintName: 'listing_intents_pkey' }) buyerOrgId!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** Consent of one owning party to an open-licence declaration (Patent Law art. 50: all co-owners). */
@Entity('open_licence_consents')
export class OpenLicenceConsentEntity {
  @PrimaryColumn({ name: 'listing_id', type: 'uuid', primaryKeyConstraintName: 'open_licence_consents_pkey' }) listingId!: string;
  @ManyToOne(() => ListingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id', foreignKeyConstraintName: 'open_licence_consents_listing_id_fkey' })
  protected listing?: ListingEntity;
  @PrimaryColumn({ name: 'party_org_id', type: 'uuid', primaryKeyConstraintName: 'open_licence_consents_pkey' }) partyOrgId!: string;
  @Column({ name: 'consented_by', type: 'uuid' }) consentedBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
