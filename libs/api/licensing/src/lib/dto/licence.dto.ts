import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { LocalizedTextViewDto } from '@ttx/api/catalog';
import { ApiFen, Fen, IsOptionalNotNull, PageQueryDto } from '@ttx/api/core';
import { LICENCE_KINDS, LICENCE_STATUSES, type LicenceKind, type LicenceStatus } from '@ttx/shared/contracts';
import { PaymentTermsDto, trim } from './terms.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class LicenceBrokerInputDto {
  @ApiProperty({ format: 'uuid', description: 'Broker profile id' }) @IsUUID('4') brokerId!: string;
  @ApiProperty({ minimum: 1, maximum: 3000, description: 'Commission in basis points of net income' }) @IsInt() @Min(1) @Max(3000) rateBp!: number;
}

/** A TTO manager records a licence of an offline deal (draft until activated). */
export class CreateLicenceDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') achievementId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') licenseeOrgId!: string;
  @ApiProperty({ enum: LICENCE_KINDS }) @IsIn(LICENCE_KINDS as unknown as string[], { message: `must be one of ${LICENCE_KINDS.join(', ')}` }) kind!: LicenceKind;
  @ApiProperty({ type: [String], example: ['340000'], description: 'GB/T 2260 region codes; 000000 is all of China' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(/^\d{6}$/, { each: true, message: 'each must be a 6-digit GB/T 2260 region code' })
  territory!: string[];
  @ApiProperty({ type: [String], example: ['01.01'], description: "Field-of-use codes of the catalog's taxonomy (or free labels)" })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  fieldsOfUse!: string[];
  @ApiProperty({ format: 'date' }) @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) startsOn!: string;
  @ApiProperty({ format: 'date', description: 'Not after the IP expiry of the achievement' }) @Matches(DATE, { message: 'must be a date YYYY-MM-DD' }) endsOn!: string;
  @ApiPropertyOptional({ default: false }) @IsOptionalNotNull() @IsBoolean() sublicensing?: boolean;
  @ApiProperty({ type: PaymentTermsDto }) @IsObject() @ValidateNested() @Type(() => PaymentTermsDto) terms!: PaymentTermsDto;
  @ApiPropertyOptional({ type: LicenceBrokerInputDto, description: 'The broker of the deal, paid from each payment' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => LicenceBrokerInputDto)
  broker?: LicenceBrokerInputDto;
}

export class TerminateLicenceDto {
  @ApiProperty({ maxLength: 1000 }) @Transform(trim) @IsString() @Length(1, 1000) reason!: string;
}

export class LicenceCostDto {
  @Fen({ description: 'Direct deal cost in fen (evaluation, legal, maintenance fees, taxes)' }) amount!: number;
  @ApiProperty({ maxLength: 500 }) @Transform(trim) @IsString() @Length(1, 500) description!: string;
}

export class RoyaltyReportInputDto {
  @ApiProperty({ example: '2026-Q3', description: '`2026-09`, `2026-Q3` or `2026` per the royalty period' }) @IsString() @MaxLength(10) period!: string;
  @Fen({ min: 0, description: 'Net sales of the period in fen' }) netSales!: number;
}

export const LICENCE_LIST_ROLES = ['licensor', 'licensee'] as const;

export class LicencesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LICENCE_STATUSES }) @IsOptionalNotNull() @IsIn(LICENCE_STATUSES as unknown as string[]) status?: LicenceStatus;
  @ApiPropertyOptional({ enum: LICENCE_LIST_ROLES, description: "Only the licences where the caller's organisations are this party" })
  @IsOptionalNotNull()
  @IsIn(LICENCE_LIST_ROLES as unknown as string[])
  role?: (typeof LICENCE_LIST_ROLES)[number];
  @ApiPropertyOptional({ maxLength: 100, description: "Licence number, achievement title (Chinese or English) or the licensor's or licensee's name contains this, case-insensitive" })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  q?: string;
}

// ---------- views (contracts' licensing shapes) ----------

export class LumpSumViewDto {
  @ApiFen() amount!: number;
  @ApiProperty() dueDays!: number;
}
export class MilestoneTermViewDto {
  @ApiProperty() name!: string;
  @ApiFen() amount!: number;
}
export class RoyaltyTermViewDto {
  @ApiProperty() rateBp!: number;
  @ApiProperty({ enum: ['monthly', 'quarterly', 'yearly'] }) period!: 'monthly' | 'quarterly' | 'yearly';
  @ApiFen() minimumAnnual!: number;
}
export class EquityTermViewDto {
  @ApiProperty({ nullable: true, type: Number }) shares!: number | null;
  @ApiProperty({ nullable: true, type: Number }) percentBp!: number | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}
export class DeferralTermViewDto {
  @ApiProperty({ nullable: true, type: Number }) months!: number | null;
  @ApiProperty() untilFirstSales!: boolean;
}
export class PaymentTermsViewDto {
  @ApiPropertyOptional({ type: LumpSumViewDto, nullable: true }) lumpSum?: LumpSumViewDto | null;
  @ApiPropertyOptional({ type: [MilestoneTermViewDto] }) milestones?: MilestoneTermViewDto[];
  @ApiPropertyOptional({ type: RoyaltyTermViewDto, nullable: true }) royalty?: RoyaltyTermViewDto | null;
  @ApiPropertyOptional({ type: EquityTermViewDto, nullable: true }) equity?: EquityTermViewDto | null;
  @ApiPropertyOptional({ type: DeferralTermViewDto, nullable: true }) deferral?: DeferralTermViewDto | null;
}

export class LicenceSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ type: LocalizedTextViewDto }) title!: LocalizedTextViewDto;
  @ApiProperty({ enum: LICENCE_KINDS }) kind!: LicenceKind;
  @ApiProperty({ enum: LICENCE_STATUSES }) status!: LicenceStatus;
  @ApiProperty({ format: 'uuid' }) licensorOrgId!: string;
  @ApiProperty() licensorName!: string;
  @ApiProperty({ format: 'uuid' }) licenseeOrgId!: string;
  @ApiProperty() licenseeName!: string;
  @ApiProperty({ type: [String] }) territory!: string[];
  @ApiProperty({ type: [String] }) fieldsOfUse!: string[];
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty() sublicensing!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) dealId!: string | null;
  @ApiProperty({ type: PaymentTermsViewDto }) terms!: PaymentTermsViewDto;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'When the deferral ends (null without deferral, or while it waits for first sales)' }) deferredUntil!: string | null;
  @ApiFen({ description: 'Open amount of issued invoices, fen' }) outstanding!: number;
  @ApiFen({ description: 'Open amount past due, fen' }) overdue!: number;
  @ApiProperty({ enum: ['licensor', 'licensee', 'admin'] }) role!: 'licensor' | 'licensee' | 'admin';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class LicensorShareDto {
  @ApiProperty({ enum: ['institution', 'inventor', 'organization'] }) holderType!: 'institution' | 'inventor' | 'organization';
  @ApiProperty({ nullable: true, type: String }) holderId!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty() shareBp!: number;
}

export class LicenceMilestoneDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiFen() amount!: number;
  @ApiProperty({ enum: ['pending', 'confirmed'] }) status!: 'pending' | 'confirmed';
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) confirmedAt!: string | null;
}

export class RoyaltyReportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() period!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiFen() netSales!: number;
  @ApiFen() royalty!: number;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ description: 'Submitted after the report deadline of its period' }) late!: boolean;
}

export class LicencePolicyDto {
  @ApiProperty({ nullable: true, type: String }) policyId!: string | null;
  @ApiProperty() teamNetIncomeSharePct!: number;
  @ApiProperty() ttoRetentionPct!: number;
  @ApiProperty({ enum: ['ownership_first', 'reward_after', 'default'] }) model!: 'ownership_first' | 'reward_after' | 'default';
}

export class LicenceDetailDto extends LicenceSummaryDto {
  @ApiProperty({ type: [LicensorShareDto] }) licensors!: LicensorShareDto[];
  @ApiProperty({ type: [LicenceMilestoneDto] }) milestones!: LicenceMilestoneDto[];
  @ApiProperty({ type: [RoyaltyReportDto] }) royaltyReports!: RoyaltyReportDto[];
  @ApiProperty({ type: [String], description: 'Periods whose report is due and missing (late)' }) missingReports!: string[];
  @ApiProperty({ type: LicencePolicyDto }) policy!: LicencePolicyDto;
}

export class LicencePageDto {
  @ApiProperty({ type: [LicenceSummaryDto] }) items!: LicenceSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
