import { ApiProperty, PickType } from '@nestjs/swagger';
import {
  LISTING_METHODS,
  MARKET_DEAL_TYPES,
  OWNERSHIP_HOLDER_TYPES,
  type ListingMethod,
  type MarketDealType,
  type OwnershipHolderType,
} from '@ttx/shared/contracts';
import { CreateListingDto } from './market.dto';

/** What a co-owner consents to: listing by this method for this deal type (validated as on a listing). */
export class RecordListingConsentDto extends PickType(CreateListingDto, ['method', 'dealType'] as const) {}

export class ListingConsentGivenDto {
  @ApiProperty({ enum: LISTING_METHODS }) method!: ListingMethod;
  @ApiProperty({ enum: MARKET_DEAL_TYPES }) dealType!: MarketDealType;
  @ApiProperty({ format: 'date-time' }) consentedAt!: string;
}

export class ListingCoOwnerDto {
  @ApiProperty({ enum: OWNERSHIP_HOLDER_TYPES }) holderType!: OwnershipHolderType;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: an inventor without an account, who cannot consent online' })
  holderId!: string | null;
  @ApiProperty() holderName!: string;
  @ApiProperty({ description: 'Basis points (1/100 %)' }) shareBp!: number;
  @ApiProperty({ description: 'The selling institution: its TTO consents by listing' }) seller!: boolean;
  @ApiProperty({ type: [ListingConsentGivenDto] }) consents!: ListingConsentGivenDto[];
}

export class ListingConsentsDto {
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ type: [ListingCoOwnerDto], description: 'Owners from the rights ownership ledger' }) owners!: ListingCoOwnerDto[];
}
