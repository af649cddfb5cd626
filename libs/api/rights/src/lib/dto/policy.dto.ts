import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsString, Max, MaxLength, Min, NotContains } from 'class-validator';
import { IsOptionalNotNull } from '@ttx/api/core';
import { NEGATIVE_RULE_KINDS, type NegativeRuleKind } from '@ttx/shared/contracts';

const pct = () => IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false });

export class PolicySettingsDto {
  @ApiProperty({ description: 'Minimum team ownership share under "ownership first", %' }) minTeamOwnershipPct!: number;
  @ApiProperty({ description: 'Minimum long-term use period, years' }) minUseRightYears!: number;
  @ApiProperty({ description: 'Team share of net transfer income, %' }) teamNetIncomeSharePct!: number;
  @ApiProperty({ description: "TTO retention from the institution's part, %" }) ttoRetentionPct!: number;
  @ApiProperty({ description: 'Public notice (公示) length, days' }) noticeDays!: number;
  @ApiProperty({ description: 'Registration review period (registry), days' }) registrationReviewDays!: number;
  @ApiProperty({ description: 'Use first, pay later (先使用后付费): months before a licence\'s first payment (licensing)' }) deferralMonths!: number;
}

/** PUT body: each setting given overrides the regional default; an omitted one is inherited. */
export class UpdatePolicyDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) @IsOptionalNotNull() @pct() @Min(0) @Max(100) minTeamOwnershipPct?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 50 }) @IsOptionalNotNull() @IsInt() @Min(1) @Max(50) minUseRightYears?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) @IsOptionalNotNull() @pct() @Min(0) @Max(100) teamNetIncomeSharePct?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) @IsOptionalNotNull() @pct() @Min(0) @Max(100) ttoRetentionPct?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 90 }) @IsOptionalNotNull() @IsInt() @Min(1) @Max(90) noticeDays?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 365 }) @IsOptionalNotNull() @IsInt() @Min(1) @Max(365) registrationReviewDays?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 60 }) @IsOptionalNotNull() @IsInt() @Min(0) @Max(60) deferralMonths?: number;
  @ApiPropertyOptional({ maxLength: 500, description: 'Why this version (e.g. the resolution that adopted it)' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(500)
  @NotContains('\u0000', { message: 'must not contain NUL characters' })
  note?: string;
}

export class PolicySourceDto {
  @ApiProperty({ format: 'uuid' }) policyId!: string;
  @ApiProperty({ nullable: true, type: String }) regionCode!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) settings!: Record<string, number>;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class PolicyDto {
  @ApiProperty({ format: 'uuid' }) institutionId!: string;
  @ApiProperty({ description: "The institution's own version; 0 while it only inherits" }) version!: number;
  @ApiProperty({ format: 'uuid', description: 'The policy row a decision taken now would record' }) policyId!: string;
  @ApiProperty({ type: PolicySettingsDto, description: 'Effective settings after inheritance' }) settings!: PolicySettingsDto;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: "The institution's own overrides" })
  overrides!: Record<string, number>;
  @ApiProperty({ type: [PolicySourceDto], description: 'Regional defaults inherited, nation first' }) inherited!: PolicySourceDto[];
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt!: string | null;
}

export class PolicyVersionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) overrides!: Record<string, number>;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String }) createdByName!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class NegativeRuleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) institutionId!: string;
  @ApiProperty({ enum: NEGATIVE_RULE_KINDS }) kind!: NegativeRuleKind;
  @ApiProperty() value!: string;
  @ApiProperty() reasonZh!: string;
  @ApiProperty() reasonEn!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreateNegativeRuleDto {
  @ApiProperty({ enum: NEGATIVE_RULE_KINDS, description: 'achievement_kind | field (code, matches children) | funding_source (project-number prefix) | achievement (id)' })
  @IsIn(NEGATIVE_RULE_KINDS, { message: `must be one of ${NEGATIVE_RULE_KINDS.join(', ')}` })
  kind!: NegativeRuleKind;

  @ApiProperty({ maxLength: 80 }) @IsString() @MaxLength(80) @NotContains('\u0000') value!: string;
  @ApiProperty({ maxLength: 500 }) @IsString() @MaxLength(500) @NotContains('\u0000') reasonZh!: string;
  @ApiProperty({ maxLength: 500 }) @IsString() @MaxLength(500) @NotContains('\u0000') reasonEn!: string;
}
