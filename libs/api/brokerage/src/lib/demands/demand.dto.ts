import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsOptionalNotNull, PageQueryDto } from '@ttx/api/core';
import { AchievementSummaryDto, LocalizedDetailDto, LocalizedTextDto, LocalizedTextViewDto, LocalizedTitleDto, PriceRangeDto, PriceRangeViewDto } from '@ttx/api/catalog';
import { DEAL_TYPES, DEMAND_STATUSES, MATURITY_STAGES, type DealType, type DemandStatus, type MatchReason, type MaturityStage } from '@ttx/shared/contracts';

const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });

export class CreateDemandDto {
  @ApiProperty({ type: LocalizedTitleDto, description: 'zh and/or en' })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTitleDto)
  title!: LocalizedTitleDto;

  @ApiProperty({ type: LocalizedTextDto, description: 'Public summary (everyone sees it)' })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  summary!: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedDetailDto, description: 'Detail; for a confidential demand only the owner and invited parties see it' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => LocalizedDetailDto)
  detail?: LocalizedDetailDto;

  @ApiPropertyOptional({ example: '05.01' })
  @IsOptionalNotNull()
  @Matches(/^[0-9]{2}(\.[0-9]{2})?$/, { message: 'must be a field code like 05 or 05.01' })
  fieldCode?: string;

  @ApiPropertyOptional({ enum: MATURITY_STAGES })
  @IsOptionalNotNull()
  @IsIn(MATURITY_STAGES, oneOf(MATURITY_STAGES))
  desiredStage?: MaturityStage;

  @ApiProperty({ enum: DEAL_TYPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(DEAL_TYPES, { each: true, ...oneOf(DEAL_TYPES) })
  dealTypes!: DealType[];

  @ApiPropertyOptional({ type: PriceRangeDto, description: 'Budget range in fen' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => PriceRangeDto)
  budget?: PriceRangeDto;

  @ApiProperty({ type: String, format: 'date', example: '2027-06-30' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  deadline!: string;

  @ApiPropertyOptional({ default: false, description: 'Hide the detail, the budget and the enterprise from the public' })
  @IsOptionalNotNull()
  @IsBoolean()
  confidential?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'The enterprise (needed when the caller belongs to several)' })
  @IsOptionalNotNull()
  @IsUUID('4')
  organizationId?: string;
}

export class DemandsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "true: the caller's organisations' demands in every state" })
  @IsOptionalNotNull()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ enum: DEMAND_STATUSES })
  @IsOptionalNotNull()
  @IsIn(DEMAND_STATUSES, oneOf(DEMAND_STATUSES))
  status?: DemandStatus;

  @ApiPropertyOptional({ example: '05' })
  @IsOptionalNotNull()
  @Matches(/^[0-9]{2}(\.[0-9]{2})?$/, { message: 'must be a field code like 05 or 05.01' })
  field?: string;
}

export class MatchesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;
}

export const DEMAND_ACCESS = ['owner', 'invited', 'admin', 'public'] as const;

export class DemandDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for a confidential demand seen by the public' }) organizationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) organizationName!: string | null;
  @ApiProperty({ type: LocalizedTextViewDto }) title!: LocalizedTextViewDto;
  @ApiProperty({ type: LocalizedTextViewDto }) summary!: LocalizedTextViewDto;
  @ApiProperty({ type: LocalizedTextViewDto, nullable: true }) detail!: LocalizedTextViewDto | null;
  @ApiProperty({ type: String, nullable: true }) fieldCode!: string | null;
  @ApiProperty({ enum: MATURITY_STAGES, nullable: true }) desiredStage!: MaturityStage | null;
  @ApiProperty({ enum: DEAL_TYPES, isArray: true }) dealTypes!: DealType[];
  @ApiProperty({ type: PriceRangeViewDto, nullable: true }) budget!: PriceRangeViewDto | null;
  @ApiProperty({ type: String, format: 'date' }) deadline!: string;
  @ApiProperty() confidential!: boolean;
  @ApiProperty({ enum: DEMAND_STATUSES }) status!: DemandStatus;
  @ApiProperty({ enum: DEMAND_ACCESS }) access!: (typeof DEMAND_ACCESS)[number];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class DemandPageDto {
  @ApiProperty({ type: [DemandDto] }) items!: DemandDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class MatchReasonDto implements MatchReason {
  @ApiProperty({ enum: ['text', 'same-field', 'same-parent-field', 'maturity', 'deal-type', 'budget-covers', 'budget-overlaps'] }) code!: MatchReason['code'];
  @ApiProperty() zh!: string;
  @ApiProperty() en!: string;
}

export class AchievementMatchDto {
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ description: '0–100' }) score!: number;
  @ApiProperty({ type: [String], description: 'Bilingual "中文 / English" reasons, each true for this pair' }) reasons!: string[];
  @ApiProperty({ type: [MatchReasonDto] }) reasonDetails!: MatchReasonDto[];
  @ApiProperty({ type: AchievementSummaryDto }) achievement!: AchievementSummaryDto;
}

export class AchievementMatchListDto {
  @ApiProperty({ type: [AchievementMatchDto] }) items!: AchievementMatchDto[];
}

export class DemandMatchDto {
  @ApiProperty({ format: 'uuid' }) demandId!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ type: [String] }) reasons!: string[];
  @ApiProperty({ type: [MatchReasonDto] }) reasonDetails!: MatchReasonDto[];
  @ApiProperty({ type: DemandDto }) demand!: DemandDto;
}

export class DemandMatchListDto {
  @ApiProperty({ type: [DemandMatchDto] }) items!: DemandMatchDto[];
}
