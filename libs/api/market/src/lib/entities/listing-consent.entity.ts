import type { ListingMethod, MarketDealType } from '@ttx/shared/contracts';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A researcher co-owner's consent to list the achievement by `method` for `dealType` (owners from the rights ledger). */
@Entity('listing_consents')
@Check('listing_consents_method_check', `method IN ('negotiation','fixed_price','auction','open_licence')`)
@Check('listing_consents_deal_type_check', `deal_type IN ('transfer','licence','equity')`)
export class ListingConsentEntity {
  @PrimaryColumn({ name: 'achievement_id', type: 'uuid', primaryKeyConstraintName: 'listing_consents_pkey' }) achievementId!: string;
  @PrimaryColumn({ name: 'holder_id', type: 'uuid', primaryKeyConstraintName: 'listing_consents_pkey' }) holderId!: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'listing_consents_pkey' }) method!: ListingMethod;
  @PrimaryColumn({ name: 'deal_type', type: 'text', primaryKeyConstraintName: 'listing_consents_pkey' }) dealType!: MarketDealType;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
