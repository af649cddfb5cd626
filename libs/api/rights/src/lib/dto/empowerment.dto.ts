import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  NotContains,
  ValidateNested,
} from 'class-validator';
import { DisclosureDto } from '@ttx/api/platform';
import { IsOptionalNotNull, PageQueryDto } from '@ttx/api/core';
import {
  EMPOWERMENT_DECISIONS,
  EMPOWERMENT_MODELS,
  EMPOWERMENT_STATUSES,
  OWNERSHIP_HOLDER_TYPES,
  REVIEW_VOTES,
  type EmpowermentDecision,
  type EmpowermentModel,
  type EmpowermentStatus,
  type OwnershipHolderType,
  type ReviewVote,
} from '@ttx/shared/contracts';
import { PolicySettingsDto } from './policy.dto';

const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const text = (min: number, max: number) => (target: object, key: string) => {
  Transform(trim)(target, key);
  IsString()(target, key);
  MinLength(min)(target, key);
  MaxLength(max)(target, key);
  NotContains('\u0000', { message: 'must not contain NUL characters' })(target, key);
};

export class CreateEmpowermentDto {
  @ApiProperty({ enum: EMPOWERMENT_MODELS })
  @IsIn(EMPOWERMENT_MODELS, oneOf(EMPOWERMENT_MODELS))
  model!: EmpowermentModel;

  @ApiPropertyOptional({ description: 'ownership_first: the team share of ownership, % (≥ the policy minimum)' })
  @IsOptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  teamOwnershipPct?: number;

  @ApiPropertyOptional({ description: 'long_term_use: years (≥ the policy minimum)' })
  @IsOptionalNotNull()
  @IsInt()
  useRightYears?: number;
}

export class ChecklistItemDto {
  @ApiProperty({ maxLength: 60 }) @IsString() @MaxLength(60) key!: string;
  @ApiProperty() @IsBoolean() passed!: boolean;
  @ApiPropertyOptional({ maxLength: 1000, nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(1000) note?: string | null;
}

export class ReviewerVoteDto {
  @ApiProperty({ maxLength: 80 }) @IsString() @MinLength(1) @MaxLength(80) name!: string;
  @ApiProperty({ enum: REVIEW_VOTES }) @IsIn(REVIEW_VOTES, oneOf(REVIEW_VOTES)) vote!: ReviewVote;
  @ApiPropertyOptional({ maxLength: 1000, nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(1000) comment?: string | null;
}

export class EvidenceDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(500) ref?: string | null;
}

/** The due-diligence record (尽职免责): checklist, reviewers and their votes, evidence, comments. */
export class ChecklistDto {
  @ApiProperty({ type: [ChecklistItemDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  items!: ChecklistItemDto[];

  @ApiProperty({ type: [ReviewerVoteDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ReviewerVoteDto)
  reviewers!: ReviewerVoteDto[];

  @ApiPropertyOptional({ type: [EvidenceDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto[];

  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptionalNotNull() @IsString() @MaxLength(4000) comments?: string;
}

export class CreateDecisionDto {
  @ApiProperty({ enum: EMPOWERMENT_DECISIONS }) @IsIn(EMPOWERMENT_DECISIONS, oneOf(EMPOWERMENT_DECISIONS)) decision!: EmpowermentDecision;
  @ApiProperty({ minLength: 2, maxLength: 4000 }) @text(2, 4000) reasons!: string;
  @ApiPropertyOptional({ type: ChecklistDto, description: 'Required to approve under review; optional for the final decision' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => ChecklistDto)
  checklist?: ChecklistDto;
}

export class CreateConsentDto {
  @ApiPropertyOptional({ description: "TTO only: the team position of an inventor without an account whose signed consent is on file" })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1000)
  inventorPosition?: number;

  @ApiPropertyOptional({ maxLength: 500, description: 'TTO only: where the signed consent is kept' })
  @IsOptionalNotNull()
  @text(2, 500)
  evidence?: string;
}

export class AnswerObjectionDto {
  @ApiProperty({ enum: ['upheld', 'dismissed'] }) @IsIn(['upheld', 'dismissed'], oneOf(['upheld', 'dismissed'])) status!: 'upheld' | 'dismissed';
  @ApiProperty({ minLength: 2, maxLength: 4000 }) @text(2, 4000) reasons!: string;
}

export class EmpowermentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['mine', 'review'], default: 'mine', description: "mine: the caller's team applications; review: the caller's institutions' queue" })
  @IsOptionalNotNull()
  @IsIn(['mine', 'review'], oneOf(['mine', 'review']))
  scope: 'mine' | 'review' = 'mine';

  @ApiPropertyOptional({ enum: EMPOWERMENT_STATUSES })
  @IsOptionalNotNull()
  @IsIn(EMPOWERMENT_STATUSES, oneOf(EMPOWERMENT_STATUSES))
  status?: EmpowermentStatus;
}

class LocalizedDto {
  @ApiProperty({ nullable: true, type: String }) zh!: string | null;
  @ApiProperty({ nullable: true, type: String }) en!: string | null;
}

export class ConsentDto {
  @ApiProperty() position!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) userId!: string | null;
  @ApiProperty() contributionPct!: number;
  @ApiProperty() consented!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) consentedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Signed consent on file, recorded by the TTO' }) evidence!: string | null;
}

export class DecisionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['review', 'final'] }) stage!: 'review' | 'final';
  @ApiProperty({ enum: EMPOWERMENT_DECISIONS }) decision!: EmpowermentDecision;
  @ApiProperty() reasons!: string;
  @ApiProperty({ type: ChecklistDto, nullable: true }) checklist!: ChecklistDto | null;
  @ApiProperty({ format: 'uuid', description: 'The policy version this decision used' }) policyId!: string;
  @ApiProperty({ type: PolicySettingsDto, description: 'The settings in force when decided (never changes)' }) policySettings!: PolicySettingsDto;
  @ApiProperty({ nullable: true, type: String, description: 'null: decided by the notice-end job' }) decidedByName!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ShareDto {
  @ApiProperty({ enum: OWNERSHIP_HOLDER_TYPES }) holderType!: OwnershipHolderType;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) holderId!: string | null;
  @ApiProperty() holderName!: string;
  @ApiProperty({ description: 'Basis points (1/100 %)' }) shareBp!: number;
  @ApiProperty() sharePct!: number;
}

export class EmpowermentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ type: LocalizedDto }) achievementTitle!: LocalizedDto;
  @ApiProperty({ format: 'uuid' }) institutionId!: string;
  @ApiProperty() institutionName!: string;
  @ApiProperty() applicantName!: string;
  @ApiProperty({ enum: EMPOWERMENT_MODELS }) model!: EmpowermentModel;
  @ApiProperty({ nullable: true, type: Number }) teamOwnershipPct!: number | null;
  @ApiProperty({ nullable: true, type: Number }) useRightYears!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'reward_after: the promised team share of net income, %' }) rewardSharePct!: number | null;
  @ApiProperty({ enum: EMPOWERMENT_STATUSES }) status!: EmpowermentStatus;
  @ApiProperty({ format: 'uuid' }) policyId!: string;
  @ApiProperty({ type: PolicySettingsDto }) policySettings!: PolicySettingsDto;
  @ApiProperty({ type: [ConsentDto] }) consents!: ConsentDto[];
  @ApiProperty({ type: [DecisionDto] }) decisions!: DecisionDto[];
  @ApiProperty({ type: DisclosureDto, nullable: true }) disclosure!: DisclosureDto | null;
  @ApiProperty({ type: [ShareDto], description: 'The ledger this application would produce (ownership_first), else empty' }) proposedShares!: ShareDto[];
  @ApiProperty({ description: 'What the caller may do now' }) canConsent!: boolean;
  @ApiProperty() canReview!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt!: string | null;
}

export class EmpowermentSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ type: LocalizedDto }) achievementTitle!: LocalizedDto;
  @ApiProperty() institutionName!: string;
  @ApiProperty() applicantName!: string;
  @ApiProperty({ enum: EMPOWERMENT_MODELS }) model!: EmpowermentModel;
  @ApiProperty({ nullable: true, type: Number }) teamOwnershipPct!: number | null;
  @ApiProperty({ nullable: true, type: Number }) useRightYears!: number | null;
  @ApiProperty({ enum: EMPOWERMENT_STATUSES }) status!: EmpowermentStatus;
  @ApiProperty() consentsGiven!: number;
  @ApiProperty() consentsNeeded!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) noticeEndsAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class EmpowermentPageDto {
  @ApiProperty({ type: [EmpowermentSummaryDto] }) items!: EmpowermentSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class UseRightDto {
  @ApiProperty({ format: 'uuid' }) empowermentId!: string;
  @ApiProperty() years!: number;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
}

export class RewardPromiseDto {
  @ApiProperty({ format: 'uuid' }) empowermentId!: string;
  @ApiProperty({ description: 'Team share of net transfer income, %' }) teamSharePct!: number;
}

export class OwnershipHistoryDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) empowermentId!: string | null;
  @ApiProperty({ type: [ShareDto] }) shares!: ShareDto[];
}

export class OwnershipDto {
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ type: [ShareDto], description: 'Current co-owner shares; sharePct sums to exactly 100' }) shares!: ShareDto[];
  @ApiProperty() totalPct!: number;
  @ApiProperty({ type: [UseRightDto] }) useRights!: UseRightDto[];
  @ApiProperty({ type: [RewardPromiseDto] }) rewardPromises!: RewardPromiseDto[];
  @ApiProperty({ type: [OwnershipHistoryDto] }) history!: OwnershipHistoryDto[];
}
