import type { AuctionKind, AuctionOutcome, AuctionStatus, BidderStatus } from '@ttx/shared/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ListingEntity } from './listing.entity';

@Entity('auctions')
@Unique('auctions_listing_id_key', ['listingId'])
@Check('auctions_kind_check', `kind IN ('english','sealed')`)
@Check('auctions_status_check', `status IN ('scheduled','open','closed','cancelled')`)
@Check('auctions_outcome_check', `outcome IS NULL OR (outcome IN ('sold','unsold') AND status = 'closed')`)
@Check('auctions_amounts_check', `start_price_fen > 0 AND increment_fen > 0 AND reserve_fen >= 0 AND deposit_fen >= 0 AND buyer_premium_bp BETWEEN 0 AND 5000`)
@Check('auctions_window_check', `ends_at > starts_at AND soft_close_seconds >= 0`)
@Index('auctions_due_idx', { synchronize: false })
export class AuctionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'auctions_pkey' }) id!: string;
  @Column({ name: 'listing_id', type: 'uuid' }) listingId!: string;
  @OneToOne(() => ListingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id', foreignKeyConstraintName: 'auctions_listing_id_fkey' })
  protected listing?: ListingEntity;
  @Column({ name: 'seller_org_id', type: 'uuid' }) sellerOrgId!: string;
  @Column({ type: 'text', default: 'english' }) kind!: AuctionKind;
  @Column({ type: 'text', default: 'scheduled' }) status!: AuctionStatus;
  @Column({ name: 'start_price_fen', type: 'bigint' }) startPriceFen!: string;
  /** Hidden from everyone but the seller; only `reserveMet` is public. */
  @Column({ name: 'reserve_fen', type: 'bigint', nullable: true }) reserveFen!: string | null;
  @Column({ name: 'increment_fen', type: 'bigint' }) incrementFen!: string;
  @Column({ name: 'deposit_fen', type: 'bigint', nullable: true }) depositFen!: string | null;
  @Column({ name: 'buyer_premium_bp', type: 'integer', default: 0 }) buyerPremiumBp!: number;
  @Column({ name: 'soft_close_seconds', type: 'integer', default: 300 }) softCloseSeconds!: number;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  @Column({ name: 'high_bid_fen', type: 'bigint', nullable: true }) highBidFen!: string | null;
  @Column({ name: 'high_bid_id', type: 'uuid', nullable: true }) highBidId!: string | null;
  @Column({ name: 'high_bidder_org_id', type: 'uuid', nullable: true }) highBidderOrgId!: string | null;
  @Column({ name: 'bid_count', type: 'integer', default: 0 }) bidCount!: number;
  @Column({ type: 'text', nullable: true }) outcome!: AuctionOutcome | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('auction_bidders')
@Check('auction_bidders_status_check', `status IN ('pending','approved','rejected')`)
export class AuctionBidderEntity {
  @PrimaryColumn({ name: 'auction_id', type: 'uuid', primaryKeyConstraintName: 'auction_bidders_pkey' }) auctionId!: string;
  @ManyToOne(() => AuctionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'auction_id', foreignKeyConstraintName: 'auction_bidders_auction_id_fkey' })
  protected auction?: AuctionEntity;
  @PrimaryColumn({ name: 'organization_id', type: 'uuid', primaryKeyConstraintName: 'auction_bidders_pkey' }) organizationId!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'text', default: 'pending' }) status!: BidderStatus;
  @Column({ name: 'deposit_fen', type: 'bigint', nullable: true }) depositFen!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
}

@Entity('auction_bids')
@Index('auction_bids_auction_idx', ['auctionId', 'createdAt'])
export class AuctionBidEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'auction_bids_pkey' }) id!: string;
  @Column({ name: 'auction_id', type: 'uuid' }) auctionId!: string;
  @ManyToOne(() => AuctionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'auction_id', foreignKeyConstraintName: 'auction_bids_auction_id_fkey' })
  protected auction?: AuctionEntity;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'amount_fen', type: 'bigint' }) amountFen!: string;
  /** clock_timestamp, not now(): sealed-bid ties go to the earliest bid, even inside one transaction. */
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' }) createdAt!: Date;
}

/** Stored first result of a keyed write (bids): a replay returns it; the same key with another body → 422. */
@Entity('market_idempotency_keys')
export class MarketIdempotencyKeyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'market_idempotency_keys_pkey' }) userId!: string;
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'market_idempotency_keys_pkey' }) key!: string;
  @Column({ name: 'request_hash', type: 'varchar', length: 64 }) requestHash!: string;
  @Column({ type: 'integer', nullable: true }) status!: number | null;
  @Column({ type: 'jsonb', nullable: true }) response!: unknown;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
