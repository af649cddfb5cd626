import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
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
  ACHIEVEMENT_KINDS,
  ACHIEVEMENT_STATUSES,
  DEAL_TYPES,
  IP_RECORD_STATUSES,
  MATURITY_STAGES,
  type AchievementKind,
  type AchievementStatus,
  type DealType,
  type IpRecordStatus,
  type MaturityStage,
} from '@ttx/shared/contracts';

const trimToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);
const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });

/** A text in Chinese and/or English; an omitted key keeps the stored value on PATCH, null clears it. */
function localized(max: number) {
  class Localized {
    @ApiPropertyOptional({ type: String, nullable: true, maxLength: max, description: 'Chinese' })
    @IsOptional()
    @Transform(trimToNull)
    @IsString()
    @MaxLength(max)
    @NotContains('\u0000', { message: 'must not contain NUL characters' })
    zh?: string | null;

    @ApiPropertyOptional({ type: String, nullable: true, maxLength: max, description: 'English' })
    @IsOptional()
    @Transform(trimToNull)
    @IsString()
    @MaxLength(max)
    @NotContains('\u0000', { message: 'must not contain NUL characters' })
    en?: string | null;
  }
  return Localized;
}
export class LocalizedTitleDto extends localized(300) {}
export class LocalizedTextDto extends localized(5000) {}
export class LocalizedDetailDto extends localized(20000) {}

export class IpRecordDto {
  @ApiProperty({ example: 'CN202310123456.6', description: 'CNIPA application/publication number or CPCC registration (2023SR0123456)' })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Length(4, 40)
  @Matches(/^[0-9A-Z.\-/]+$/, { message: 'may only contain digits, capital letters, ".", "-" and "/"' })
  number!: string;

  @ApiProperty({ example: 'CNIPA', description: 'Issuing office: CNIPA (patents), CPCC (software copyright), or another office code' })
  @IsString()
  @Matches(/^[A-Z]{2,20}$/, { message: 'must be 2–20 capital letters' })
  office!: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  filingDate?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  grantDate?: string | null;

  @ApiProperty({ enum: IP_RECORD_STATUSES })
  @IsIn(IP_RECORD_STATUSES as unknown as string[], oneOf(IP_RECORD_STATUSES))
  status!: IpRecordStatus;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  expiryDate?: string | null;
}

export class InventorDto {
  @ApiProperty({ example: '李伟', maxLength: 80 })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @Length(1, 80)
  @NotContains('\u0000', { message: 'must not contain NUL characters' })
  name!: string;

  @ApiProperty({ example: 60, description: 'Contribution share in percent, at most 2 decimals; the team sums to exactly 100' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  sharePct!: number;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'researcher@demo.ttx' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  email?: string | null;
}

export class PriceRangeDto {
  @Fen({ min: 0, example: 50_000_000 })
  minFen!: number;

  @Fen({ min: 0, example: 200_000_000 })
  maxFen!: number;
}

/** Everything an owner may write; PATCH takes any subset. */
export class UpdateAchievementDto {
  @ApiPropertyOptional({ enum: ACHIEVEMENT_KINDS })
  @IsOptionalNotNull()
  @IsIn(ACHIEVEMENT_KINDS as unknown as string[], oneOf(ACHIEVEMENT_KINDS))
  kind?: AchievementKind;

  @ApiPropertyOptional({ type: LocalizedTitleDto })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTitleDto)
  title?: LocalizedTitleDto;

  @ApiPropertyOptional({ type: LocalizedTextDto })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  abstract?: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedTextDto, description: 'Problem solved' })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  problem?: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedTextDto, description: 'Advantages over existing solutions' })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  advantages?: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedTextDto, description: 'Application scenarios' })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  applications?: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedDetailDto, description: 'Confidential technical detail' })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedDetailDto)
  technicalDetail?: LocalizedDetailDto;

  @ApiPropertyOptional({ type: String, nullable: true, example: '01.01', description: 'A code of GET /api/fields' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{2}(\.\d{2})?$/, { message: 'must be a field code like 01 or 01.02' })
  fieldCode?: string | null;

  @ApiPropertyOptional({ enum: MATURITY_STAGES, nullable: true })
  @IsOptional()
  @IsIn(MATURITY_STAGES as unknown as string[], oneOf(MATURITY_STAGES))
  stage?: MaturityStage | null;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 9, nullable: true, description: 'Technology readiness level' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  trl?: number | null;

  @ApiPropertyOptional({ description: 'Job-related achievement (职务科技成果)' })
  @IsOptionalNotNull()
  @IsBoolean()
  jobRelated?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2022YFB3201400', description: 'Government-funded project number' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @Matches(/^[0-9A-Za-z\-_./()]{1,64}$/, { message: 'must be 1–64 letters, digits or -_./()' })
  fundingProjectNumber?: string | null;

  @ApiPropertyOptional({ enum: DEAL_TYPES, isArray: true })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(DEAL_TYPES.length)
  @ArrayUnique()
  @IsIn(DEAL_TYPES as unknown as string[], { each: true, ...oneOf(DEAL_TYPES) })
  dealTypes?: DealType[];

  @ApiPropertyOptional({ type: PriceRangeDto, nullable: true, description: 'null = negotiable' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PriceRangeDto)
  askingPrice?: PriceRangeDto | null;

  @ApiPropertyOptional({ type: [IpRecordDto], description: 'Replaces the list' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IpRecordDto)
  ipRecords?: IpRecordDto[];

  @ApiPropertyOptional({ type: [InventorDto], description: 'Replaces the team; shares sum to exactly 100' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => InventorDto)
  inventors?: InventorDto[];
}

export class CreateAchievementDto extends UpdateAchievementDto {
  @ApiProperty({ enum: ACHIEVEMENT_KINDS })
  @IsIn(ACHIEVEMENT_KINDS as unknown as string[], oneOf(ACHIEVEMENT_KINDS))
  declare kind: AchievementKind;

  @ApiProperty({ type: LocalizedTitleDto, description: 'At least one language' })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTitleDto)
  declare title: LocalizedTitleDto;

  @ApiProperty({ type: LocalizedTextDto, description: 'At least one language' })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  declare abstract: LocalizedTextDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'Needed only when the caller belongs to several verified institutions' })
  @IsOptionalNotNull()
  @IsUUID('4')
  institutionId?: string;
}

export class AcceptNdaDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Needed only when the caller belongs to several enterprises' })
  @IsOptionalNotNull()
  @IsUUID('4')
  organizationId?: string;
}

export class MyAchievementsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ACHIEVEMENT_STATUSES })
  @IsOptionalNotNull()
  @IsIn(ACHIEVEMENT_STATUSES as unknown as string[], oneOf(ACHIEVEMENT_STATUSES))
  status?: AchievementStatus;

  @ApiPropertyOptional({ maxLength: 100, description: 'Title (Chinese or English) contains this, case-insensitive' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export const SEARCH_SORTS = ['relevance', 'newest'] as const;

export class SearchAchievementsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Chinese and/or English; Chinese matches as a substring, English by word stem' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: '01.01', description: 'A field code; a top-level code includes its children' })
  @IsOptionalNotNull()
  @Matches(/^\d{2}(\.\d{2})?$/, { message: 'must be a field code like 01 or 01.02' })
  field?: string;

  @ApiPropertyOptional({ enum: ACHIEVEMENT_KINDS })
  @IsOptionalNotNull()
  @IsIn(ACHIEVEMENT_KINDS as unknown as string[], oneOf(ACHIEVEMENT_KINDS))
  kind?: AchievementKind;

  @ApiPropertyOptional({ enum: MATURITY_STAGES })
  @IsOptionalNotNull()
  @IsIn(MATURITY_STAGES as unknown as string[], oneOf(MATURITY_STAGES))
  stage?: MaturityStage;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({ enum: DEAL_TYPES })
  @IsOptionalNotNull()
  @IsIn(DEAL_TYPES as unknown as string[], oneOf(DEAL_TYPES))
  dealType?: DealType;

  @ApiPropertyOptional({ enum: SEARCH_SORTS, description: 'Default: relevance with q, newest without' })
  @IsOptionalNotNull()
  @IsIn(SEARCH_SORTS as unknown as string[], oneOf(SEARCH_SORTS))
  sort?: (typeof SEARCH_SORTS)[number];
}

// ---- responses ----

export class LocalizedTextViewDto {
  @ApiProperty({ type: String, nullable: true }) zh!: string | null;
  @ApiProperty({ type: String, nullable: true }) en!: string | null;
}

export class PriceRangeViewDto {
  @ApiFen() minFen!: number;
  @ApiFen() maxFen!: number;
}

export class IpRecordViewDto {
  @ApiProperty() number!: string;
  @ApiProperty() office!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) filingDate!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) grantDate!: string | null;
  @ApiProperty({ enum: IP_RECORD_STATUSES }) status!: IpRecordStatus;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expiryDate!: string | null;
}

export class InventorViewDto {
  @ApiProperty() name!: string;
  @ApiProperty() sharePct!: number;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

export class AchievementAttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'As sniffed from the content, not as declared' }) mimeType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256 of the content (hex)' }) sha256!: string;
  @ApiProperty({ type: String, format: 'date-time' }) uploadedAt!: string;
}

export class ConfidentialPartDto {
  @ApiProperty({ type: LocalizedTextViewDto }) technicalDetail!: LocalizedTextViewDto;
  @ApiProperty({ type: [InventorViewDto], description: 'The team with contribution shares' }) inventors!: InventorViewDto[];
  @ApiProperty({ type: [AchievementAttachmentDto], description: 'Download at /api/achievements/{id}/attachments/{attachmentId}' }) attachments!: AchievementAttachmentDto[];
}

export const ACCESS_LEVELS = ['owner', 'admin', 'nda', 'public'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export class AchievementSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) institutionId!: string;
  @ApiProperty() institutionName!: string;
  @ApiProperty({ enum: ACHIEVEMENT_KINDS }) kind!: AchievementKind;
  @ApiProperty({ enum: ACHIEVEMENT_STATUSES }) status!: AchievementStatus;
  @ApiProperty({ type: LocalizedTextViewDto }) title!: LocalizedTextViewDto;
  @ApiProperty({ type: LocalizedTextViewDto }) abstract!: LocalizedTextViewDto;
  @ApiProperty({ type: String, nullable: true }) fieldCode!: string | null;
  @ApiProperty({ enum: MATURITY_STAGES, nullable: true }) stage!: MaturityStage | null;
  @ApiProperty({ type: Number, nullable: true }) trl!: number | null;
  @ApiProperty({ enum: DEAL_TYPES, isArray: true }) dealTypes!: DealType[];
  @ApiProperty({ type: PriceRangeViewDto, nullable: true }) askingPrice!: PriceRangeViewDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}

export class AchievementDto extends AchievementSummaryDto {
  @ApiProperty({ type: LocalizedTextViewDto }) problem!: LocalizedTextViewDto;
  @ApiProperty({ type: LocalizedTextViewDto }) advantages!: LocalizedTextViewDto;
  @ApiProperty({ type: LocalizedTextViewDto }) applications!: LocalizedTextViewDto;
  @ApiProperty() jobRelated!: boolean;
  @ApiProperty({ type: String, nullable: true }) fundingProjectNumber!: string | null;
  @ApiProperty({ type: [IpRecordViewDto] }) ipRecords!: IpRecordViewDto[];
  @ApiProperty({ type: [String], description: 'Inventor names (shares are in the confidential part)' }) inventorNames!: string[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ enum: ACCESS_LEVELS, description: 'Why the caller sees what it sees' }) access!: AccessLevel;
  @ApiProperty({ description: "Whether the caller's organisation accepted this listing's NDA" }) ndaAccepted!: boolean;
  @ApiProperty({ type: ConfidentialPartDto, nullable: true, description: 'Owner, platform admins and NDA-accepting enterprises only' })
  confidential!: ConfidentialPartDto | null;
}

export class AchievementPageDto {
  @ApiProperty({ type: [AchievementSummaryDto] }) items!: AchievementSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class HighlightDto {
  @ApiProperty({ type: LocalizedTextViewDto, description: 'HTML-escaped; matches wrapped in <mark>' }) title!: LocalizedTextViewDto;
  @ApiProperty({ type: LocalizedTextViewDto, description: 'HTML-escaped snippet; matches wrapped in <mark>' }) abstract!: LocalizedTextViewDto;
}

export class SearchHitDto extends AchievementSummaryDto {
  @ApiProperty({ type: HighlightDto }) highlight!: HighlightDto;
}

export class FacetBucketDto {
  @ApiProperty() key!: string;
  @ApiProperty() count!: number;
  @ApiPropertyOptional({ description: 'Display name (institutions)' }) label?: string;
}

export class SearchFacetsDto {
  @ApiProperty({ type: [FacetBucketDto] }) field!: FacetBucketDto[];
  @ApiProperty({ type: [FacetBucketDto] }) kind!: FacetBucketDto[];
  @ApiProperty({ type: [FacetBucketDto] }) stage!: FacetBucketDto[];
  @ApiProperty({ type: [FacetBucketDto] }) dealType!: FacetBucketDto[];
  @ApiProperty({ type: [FacetBucketDto] }) institution!: FacetBucketDto[];
}

export class SearchResultDto {
  @ApiProperty({ type: [SearchHitDto] }) items!: SearchHitDto[];
  @ApiProperty({ description: 'Exact up to the count cap; at the cap (totalExact false) a lower bound, shown as "10,000+"' }) total!: number;
  @ApiProperty({
    description:
      'False when more than the count cap (10,000) match: total and facet counts are then lower bounds taken over the first 10,000 matches, and relevance ranks those (sort=newest orders all matches)',
  })
  totalExact!: boolean;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: SearchFacetsDto }) facets!: SearchFacetsDto;
}

export class NdaAcceptanceDto {
  @ApiProperty({ format: 'uuid' }) achievementId!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: String, format: 'date-time' }) acceptedAt!: string;
}

export class TechnologyFieldDto {
  @ApiProperty({ example: '01.01' }) code!: string;
  @ApiProperty({ type: String, nullable: true }) parentCode!: string | null;
  @ApiProperty({ type: LocalizedTextViewDto }) name!: LocalizedTextViewDto;
  @ApiProperty({ type: () => [TechnologyFieldDto] }) children!: TechnologyFieldDto[];
}
