import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  NotContains,
  ValidateNested,
} from 'class-validator';
import { ApiFen, Fen, IsOptionalNotNull, PageQueryDto } from '@ttx/api/core';
import {
  AUCTION_KINDS,
  AUCTION_OUTCOMES,
  AUCTION_STATUSES,
  BIDDER_STATUSES,
  LICENCE_SCOPES,
  LISTING_METHODS,
  LISTING_STATUSES,
  MARKET_DEAL_TYPES,
  OFFER_STATUSES,
  OPEN_LICENCE_FEE_TYPES,
  type AuctionKind,
  type AuctionOutcome,
  type AuctionStatus,
  type BidderStatus,
  type LicenceScope,
  type ListingMethod,
  type ListingStatus,
  type MarketDealType,
  type OfferSide,
  type OfferStatus,
  type OpenLicenceFeeType,
} from '@ttx/shared/contracts';

const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function Text(max: number): PropertyDecorator {
  return (target, key) => {
    Transform(trim)(target, key);
    IsString()(target, key);
    MaxLength(max)(target, key);
    NotContains('\u0000', { message: 'must not contain NUL characters' })(target, key);
  };
}

// ---------- inputs ----------

export class AuctionTermsDto {
  @ApiPropertyOptional({ enum: AUCTION_KINDS, default: 'english' })
  @IsOptionalNotNull()
  @IsIn(AUCTION_KINDS as unknown as string[], oneOf(AUCTION_KINDS))
  kind?: AuctionKind;

  @Fen({ description: 'Start price in fen' }) startPrice!: number;
  @Fen({ min: 0, optional: true, description: 'Hidden reserve in fen (only whether it is met is public)' }) reservePrice?: number;
  @Fen({ description: 'Fixed bid increment in fen' }) increment!: number;
  @Fen({ min: 0, optional: true, description: 'Bidder deposit in fen (recorded)' }) deposit?: number;
  @ApiPropertyOptional({ description: "Buyer's premium in basis points (1000 = 10 %)", minimum: 0, maximum: 5000 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(5000)
  buyerPremiumBp?: number;

  @ApiPropertyOptional({ description: 'Soft-close window in seconds (policy default 300)', minimum: 0, maximum: 3600 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(3600)
  softCloseSeconds?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now' })
  @IsOptionalNotNull()
  @IsISO8601({ strict: true })
  startsAt?: string;

  @ApiProperty({ format: 'date-time' }) @IsISO8601({ strict: true }) endsAt!: string;
}

export class OpenLicenceTermsDto {
  @ApiProperty({ enum: OPEN_LICENCE_FEE_TYPES })
  @IsIn(OPEN_LICENCE_FEE_TYPES as unknown as string[], oneOf(OPEN_LICENCE_FEE_TYPES))
  feeType!: OpenLicenceFeeType;

  @Fen({ optional: true, description: 'Lump sum or upfront fee in fen' }) lumpSumFen?: number;
  @ApiPropertyOptional({ description: 'Running royalty in basis points of net sales (500 = 5 %)', minimum: 1, maximum: 10000 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(10000)
  royaltyBp?: number;

  @ApiProperty({ minimum: 1, maximum: 600, description: 'Term in months (at least 12, not past the patent expiry)' })
  @IsInt()
  @Min(1)
  @Max(600)
  termMonths!: number;

  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today' })
  @IsOptionalNotNull()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startsOn?: string;
}

export class CreateListingDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') achievementId!: string;

  @ApiProperty({ enum: LISTING_METHODS })
  @IsIn(LISTING_METHODS as unknown as string[], oneOf(LISTING_METHODS))
  method!: ListingMethod;

  @ApiProperty({ enum: MARKET_DEAL_TYPES })
  @IsIn(MARKET_DEAL_TYPES as unknown as string[], oneOf(MARKET_DEAL_TYPES))
  dealType!: MarketDealType;

  @ApiPropertyOptional({ enum: LICENCE_SCOPES, description: 'Required for a licence (open licences are non_exclusive)' })
  @IsOptionalNotNull()
  @IsIn(LICENCE_SCOPES as unknown as string[], oneOf(LICENCE_SCOPES))
  licenceScope?: LicenceScope;

  @Fen({ optional: true, description: 'Fixed price (挂牌价) or asking price for negotiation, in fen' }) price?: number;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptionalNotNull() @Text(5000) terms?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: 'Fixed-price listing period in days (policy default 20)' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(365)
  periodDays?: number;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Why a government-funded achievement is listed below its evaluated value' })
  @IsOptionalNotNull()
  @Text(2000)
  belowValueJustification?: string;

  @ApiPropertyOptional({ type: AuctionTermsDto }) @IsOptionalNotNull() @ValidateNested() @Type(() => AuctionTermsDto) auction?: AuctionTermsDto;
  @ApiPropertyOptional({ type: OpenLicenceTermsDto }) @IsOptionalNotNull() @ValidateNested() @Type(() => OpenLicenceTermsDto) openLicence?: OpenLicenceTermsDto;
}

export class EvaluationDto {
  @Fen({ description: 'Evaluated value in fen' }) value!: number;
  @ApiProperty({ format: 'date' }) @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) @IsISO8601({ strict: true }) evaluatedOn!: string;
  @ApiProperty({ example: 'income approach (收益法)', maxLength: 200 }) @Text(200) @Length(1, 200) method!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The evaluator organisation when the caller belongs to several' })
  @IsOptionalNotNull()
  @IsUUID('4')
  organizationId?: string;
}

export class ListingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LISTING_METHODS })
  @IsOptionalNotNull()
  @IsIn(LISTING_METHODS as unknown as string[], oneOf(LISTING_METHODS))
  method?: ListingMethod;

  @ApiPropertyOptional({ enum: LISTING_STATUSES })
  @IsOptionalNotNull()
  @IsIn(LISTING_STATUSES as unknown as string[], oneOf(LISTING_STATUSES))
  status?: ListingStatus;

  @ApiPropertyOptional({ maxLength: 100, description: 'Words of the title' }) @IsOptionalNotNull() @Text(100) q?: string;
}

export class BuyerOrgDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The enterprise acting, when the caller belongs to several' })
  @IsOptionalNotNull()
  @IsUUID('4')
  organizationId?: string;
}

export class OfferDto extends BuyerOrgDto {
  @Fen({ description: 'Offered price in fen' }) price!: number;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptionalNotNull() @Text(5000) terms?: string;
}

export class CounterOfferDto {
  @Fen({ description: 'Counter price in fen' }) price!: number;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptionalNotNull() @Text(5000) terms?: string;
}

export class BidDto {
  @Fen({ description: 'Bid in fen' }) amount!: number;
}

export class RegisterBidderDto extends BuyerOrgDto {
  @Fen({ min: 0, optional: true, description: 'Deposit paid, in fen (recorded)' }) deposit?: number;
}

export class DecideBidderDto {
  @ApiProperty({ enum: ['approved', 'rejected'] }) @IsIn(['approved', 'rejected'], oneOf(['approved', 'rejected'])) status!: 'approved' | 'rejected';
}

// ---------- views ----------

export class EvaluationViewDto {
  @ApiProperty({ format: 'uuid' }) evaluatorOrgId!: string;
  @ApiProperty() evaluatorName!: string;
  @ApiFen() value!: number;
  @ApiProperty({ format: 'date' }) evaluatedOn!: string;
  @ApiProperty() method!: string;
}

export class OpenLicenceViewDto {
  @ApiProperty({ enum: OPEN_LICENCE_FEE_TYPES }) feeType!: OpenLicenceFeeType;
  @ApiFen({ nullable: true }) lumpSumFen!: number | null;
  @ApiProperty({ type: Number, nullable: true }) royaltyBp!: number | null;
  @ApiProperty() termMonths!: number;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) withdrawnAt!: string | null;
  @ApiProperty() takers!: number;
}

export class LocalizedViewDto {
  @ApiProperty({ type: String, nullable: true }) zh!: string | null;
  @ApiProperty({ type: String, nullable: true }) en!: string | null;
}

export class DealSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiFen() price!: number;
  @ApiFen() buyerPremium!: number;
  @ApiProperty() buyerName!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ListingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ type: LocalizedViewDto }) title!: LocalizedViewDto;
  @ApiProperty({ format: 'uuid' }) sellerOrgId!: string;
  @ApiProperty() sellerName!: string;
  @ApiProperty({ enum: LISTING_METHODS }) method!: ListingMethod;
  @ApiProperty({ enum: MARKET_DEAL_TYPES }) dealType!: MarketDealType;
  @ApiProperty({ enum: LICENCE_SCOPES, nullable: true }) licenceScope!: LicenceScope | null;
  @ApiProperty({ enum: LISTING_STATUSES }) status!: ListingStatus;
  @ApiFen({ description: 'Fixed or asking price in fen', nullable: true }) price!: number | null;
  @ApiProperty({ type: String, nullable: true }) terms!: string | null;
  @ApiProperty() governmentFunded!: boolean;
  @ApiProperty({ type: String, nullable: true }) belowValueJustification!: string | null;
  @ApiProperty({ type: EvaluationViewDto, nullable: true, description: 'Asset evaluation shown as the price basis' }) evaluation!: EvaluationViewDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'End of a fixed-price listing period' }) periodEndsAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) auctionId!: string | null;
  @ApiProperty({ type: OpenLicenceViewDto, nullable: true }) openLicence!: OpenLicenceViewDto | null;
  @ApiProperty({ description: 'Intents registered (fixed price)' }) intentCount!: number;
  @ApiProperty({ type: DealSummaryDto, nullable: true }) deal!: DealSummaryDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ListingPageDto {
  @ApiProperty({ type: [ListingDto] }) items!: ListingDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class AuctionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) listingId!: string;
  @ApiProperty({ enum: AUCTION_KINDS }) kind!: AuctionKind;
  @ApiProperty({ enum: AUCTION_STATUSES }) status!: AuctionStatus;
  @ApiFen() startPrice!: number;
  @ApiFen({ description: 'Null before the first bid and always for a sealed auction until it closes', nullable: true }) highBid!: number | null;
  @ApiFen() increment!: number;
  @ApiFen({ description: 'Lowest acceptable next bid' }) minNextBid!: number;
  @ApiProperty() reserveMet!: boolean;
  @ApiProperty() hasReserve!: boolean;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() bidCount!: number;
  @ApiProperty() softCloseSeconds!: number;
  @ApiProperty() buyerPremiumBp!: number;
  @ApiFen({ nullable: true }) deposit!: number | null;
  @ApiProperty({ enum: AUCTION_OUTCOMES, nullable: true }) outcome!: AuctionOutcome | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) dealId!: string | null;
  @ApiProperty({ format: 'date-time', description: 'Server time, so countdowns do not trust the client clock' }) serverTime!: string;
}

export class BidAcceptedDto {
  @ApiProperty({ format: 'uuid' }) bidId!: string;
  @ApiFen() amount!: number;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
}

export class BidViewDto {
  @ApiProperty({ description: 'Anonymised label, e.g. "Bidder 3"; your own bids say so' }) bidder!: string;
  @ApiProperty() mine!: boolean;
  @ApiFen({ description: 'Hidden (null) for sealed bids of others until the close', nullable: true }) amount!: number | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class MyAuctionDto {
  @ApiProperty({ enum: [...BIDDER_STATUSES, 'none', 'seller'] }) bidderStatus!: BidderStatus | 'none' | 'seller';
  @ApiProperty() leading!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organizationId!: string | null;
}

export class BidderDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ enum: BIDDER_STATUSES }) status!: BidderStatus;
  @ApiFen({ nullable: true }) deposit!: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class OfferViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) listingId!: string;
  @ApiProperty() listingTitle!: string;
  @ApiProperty({ format: 'uuid' }) buyerOrgId!: string;
  @ApiProperty() buyerName!: string;
  @ApiProperty({ enum: ['buyer', 'seller'] }) side!: OfferSide;
  @ApiFen() price!: number;
  @ApiProperty({ type: String, nullable: true }) terms!: string | null;
  @ApiProperty({ enum: OFFER_STATUSES }) status!: OfferStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) dealId!: string | null;
}

export class IntentViewDto {
  @ApiProperty({ format: 'uuid' }) buyerOrgId!: string;
  @ApiProperty() buyerName!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class TakeResultDto {
  @ApiProperty({ enum: ['intent', 'licence'] }) kind!: 'intent' | 'licence';
  @ApiProperty({ format: 'uuid' }) listingId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) dealId!: string | null;
}

export class DealDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) listingId!: string;
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ type: LocalizedViewDto }) title!: LocalizedViewDto;
  @ApiProperty({ enum: LISTING_METHODS }) method!: ListingMethod;
  @ApiProperty({ enum: MARKET_DEAL_TYPES }) dealType!: MarketDealType;
  @ApiProperty({ enum: LICENCE_SCOPES, nullable: true }) licenceScope!: LicenceScope | null;
  @ApiFen() price!: number;
  @ApiFen() buyerPremium!: number;
  @ApiProperty() sellerName!: string;
  @ApiProperty() buyerName!: string;
  @ApiProperty({ enum: ['seller', 'buyer'] }) role!: 'seller' | 'buyer';
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The public notice (GET /api/disclosures/:id)' }) disclosureId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disclosedUntil!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
