import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Fen, IsOptionalNotNull } from '@ttx/api/core';
import { ROYALTY_PERIODS, type RoyaltyPeriod } from '@ttx/shared/contracts';

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LumpSumTermDto {
  @Fen({ description: 'Fen' }) amount!: number;
  @ApiProperty({ minimum: 0, maximum: 365, description: 'Days after the start (or the end of the deferral) to pay' }) @IsInt() @Min(0) @Max(365) dueDays!: number;
}

export class MilestoneTermDto {
  @ApiProperty({ maxLength: 200 }) @Transform(trim) @IsString() @Length(1, 200) name!: string;
  @Fen({ description: 'Fen, invoiced when the licensor confirms the milestone' }) amount!: number;
}

export class RoyaltyTermDto {
  @ApiProperty({ minimum: 1, maximum: 10000, description: 'Basis points of reported net sales (300 = 3 %)' }) @IsInt() @Min(1) @Max(10000) rateBp!: number;
  @ApiProperty({ enum: ROYALTY_PERIODS }) @IsIn(ROYALTY_PERIODS as unknown as string[]) period!: RoyaltyPeriod;
  @Fen({ min: 0, description: 'Minimum royalty per licence year in fen (0 for none); the shortfall is invoiced at the year end' }) minimumAnnual!: number;
}

export class EquityTermDto {
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsInt() @Min(1) shares!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Basis points of the company' }) @IsOptional() @IsInt() @Min(1) @Max(10000) percentBp!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(500) note!: string | null;
}

export class DeferralTermDto {
  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 0, maximum: 60, description: "Months after the start; omitted: the institution policy's deferralMonths; null: no month limit" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  months?: number | null;
  @ApiProperty({ description: "The deferral also ends with the licensee's first reported sales" }) @IsBoolean() untilFirstSales!: boolean;
}

/** Combinable payment terms (contracts' PaymentTerms). */
export class PaymentTermsDto {
  @ApiPropertyOptional({ type: LumpSumTermDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => LumpSumTermDto) lumpSum?: LumpSumTermDto | null;
  @ApiPropertyOptional({ type: [MilestoneTermDto] }) @IsOptionalNotNull() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => MilestoneTermDto) milestones?: MilestoneTermDto[];
  @ApiPropertyOptional({ type: RoyaltyTermDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => RoyaltyTermDto) royalty?: RoyaltyTermDto | null;
  @ApiPropertyOptional({ type: EquityTermDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => EquityTermDto) equity?: EquityTermDto | null;
  @ApiPropertyOptional({ type: DeferralTermDto, nullable: true, description: '先使用后付费 (use first, pay later)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeferralTermDto)
  deferral?: DeferralTermDto | null;
}
