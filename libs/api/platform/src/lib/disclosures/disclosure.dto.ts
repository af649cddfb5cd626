import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, MaxLength, MinLength, NotContains } from 'class-validator';
import { IsOptionalNotNull, PageQueryDto } from '@ttx/api/core';
import {
  DISCLOSURE_KINDS,
  DISCLOSURE_STATUSES,
  OBJECTION_STATUSES,
  type DisclosureKind,
  type DisclosureStatus,
  type ObjectionStatus,
} from '@ttx/shared/contracts';

const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });

export class ObjectionCountsDto {
  @ApiProperty() total!: number;
  @ApiProperty() open!: number;
  @ApiProperty() upheld!: number;
  @ApiProperty() dismissed!: number;
}

/** Public view: the objector is never named, only what was said and how it was answered. */
export class ObjectionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: OBJECTION_STATUSES }) status!: ObjectionStatus;
  @ApiProperty({ nullable: true, type: String }) answer!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) answeredAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class DisclosureDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DISCLOSURE_KINDS }) kind!: DisclosureKind;
  @ApiProperty({ description: 'What the notice is about, e.g. "empowerment" or "deal"' }) subjectType!: string;
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) institutionId!: string | null;
  @ApiProperty({ nullable: true, type: String }) institutionName!: string | null;
  @ApiProperty() titleZh!: string;
  @ApiProperty() titleEn!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Kind-specific facts shown on the notice' })
  summary!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ enum: DISCLOSURE_STATUSES }) status!: DisclosureStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Set by the subject owner once decided, e.g. "final"' })
  outcome!: string | null;
  @ApiProperty({ type: ObjectionCountsDto }) objections!: ObjectionCountsDto;
}

export class DisclosureDetailDto extends DisclosureDto {
  @ApiProperty({ type: [ObjectionDto] }) objectionList!: ObjectionDto[];
}

export class DisclosurePageDto {
  @ApiProperty({ type: [DisclosureDto] }) items!: DisclosureDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class DisclosureQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DISCLOSURE_KINDS })
  @IsOptionalNotNull()
  @IsIn(DISCLOSURE_KINDS, oneOf(DISCLOSURE_KINDS))
  kind?: DisclosureKind;

  @ApiPropertyOptional({ enum: DISCLOSURE_STATUSES })
  @IsOptionalNotNull()
  @IsIn(DISCLOSURE_STATUSES, oneOf(DISCLOSURE_STATUSES))
  status?: DisclosureStatus;
}

export class CreateObjectionDto {
  @ApiProperty({ minLength: 5, maxLength: 2000, description: 'Why the proposed decision should not stand' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  @NotContains('\u0000', { message: 'must not contain NUL characters' })
  text!: string;
}
