import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  MinLength,
  NotContains,
  ValidateNested,
} from 'class-validator';
import { ApiFen, Fen, IsOptionalNotNull, PageQueryDto } from '@ttx/api/core';
import {
  CONTRACT_KINDS,
  CONTRACT_STATUSES,
  PARTY_TYPES,
  REJECTION_REASONS,
  RISK_WARNING_KINDS,
  type ContractKind,
  type ContractStatus,
  type PartyType,
  type RejectionReason,
  type RiskWarningKind,
} from '@ttx/shared/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });
const SUB_KINDS = ['commissioned', 'cooperative', 'patent_right', 'patent_application_right', 'patent_licence', 'technical_secret'] as const;

export class PartyDto {
  @ApiProperty({ maxLength: 200 }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) @NotContains('\u0000') name!: string;
  @ApiProperty({ description: 'Unified social credit code (GB 32100) for Chinese parties; a registration id for foreign ones', maxLength: 18 })
  @Transform(trim)
  @IsString()
  @Matches(/^[0-9A-Z]{1,18}$/, { message: 'must be up to 18 digits or capital letters' })
  creditCode!: string;
  @ApiPropertyOptional({ description: 'ISO 3166-1 numeric country code, 156 = China', default: '156' })
  @IsOptionalNotNull()
  @Matches(/^\d{3}$/, { message: 'must be a 3-digit ISO 3166 numeric code' })
  countryCode?: string;
  @ApiPropertyOptional({ description: 'GB/T 2260 region code (required for Chinese parties)' })
  @IsOptionalNotNull()
  @Matches(/^\d{6}$/, { message: 'must be a 6-digit GB/T 2260 code' })
  regionCode?: string;
  @ApiProperty({ enum: PARTY_TYPES }) @IsIn(PARTY_TYPES, oneOf(PARTY_TYPES)) type!: PartyType;
}

export class NonTechnicalDto {
  @Fen({ min: 0, optional: true, description: 'Equipment (设备), fen' }) equipment?: number;
  @Fen({ min: 0, optional: true, description: 'Materials (材料), fen' }) materials?: number;
  @Fen({ min: 0, optional: true, description: 'Construction (工程), fen' }) construction?: number;
  @Fen({ min: 0, optional: true, description: 'Other non-technical parts, fen' }) other?: number;
}

export class InstalmentDto {
  @ApiProperty({ format: 'date' }) @IsISO8601({ strict: true }) @Length(10, 10) dueOn!: string;
  @Fen({ min: 0, description: 'fen' }) amountFen!: number;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptionalNotNull() @IsString() @MaxLength(200) note?: string;
}

export class CreateContractDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Filing (seller) organisation; defaults to the caller’s only one' })
  @IsOptionalNotNull()
  @IsUUID('4')
  organizationId?: string;
  @ApiProperty({ enum: CONTRACT_KINDS }) @IsIn(CONTRACT_KINDS, oneOf(CONTRACT_KINDS)) kind!: ContractKind;
  @ApiPropertyOptional({ enum: SUB_KINDS, description: 'development: commissioned|cooperative; transfer: patent_right|patent_application_right|patent_licence|technical_secret' })
  @IsOptionalNotNull()
  @IsIn(SUB_KINDS, oneOf(SUB_KINDS))
  subKind?: string;
  @ApiProperty({ maxLength: 200 }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) @NotContains('\u0000') projectName!: string;
  @ApiPropertyOptional({ description: 'Technology field code of the catalog taxonomy, e.g. 01.02' })
  @IsOptionalNotNull()
  @Matches(/^\d{2}(\.\d{2})?$/, { message: 'must look like 01 or 01.02' })
  fieldCode?: string;
  @ApiProperty({ format: 'date' }) @IsISO8601({ strict: true }) @Length(10, 10) signedOn!: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptionalNotNull() @IsISO8601({ strict: true }) @Length(10, 10) validFrom?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptionalNotNull() @IsISO8601({ strict: true }) @Length(10, 10) validTo?: string;
  @ApiPropertyOptional({ enum: PARTY_TYPES, description: 'The seller is the filing organisation; its entity type' })
  @IsOptionalNotNull()
  @IsIn(PARTY_TYPES, oneOf(PARTY_TYPES))
  sellerType?: PartyType;
  @ApiProperty({ type: PartyDto }) @IsObject() @ValidateNested() @Type(() => PartyDto) buyer!: PartyDto;
  @Fen({ min: 0, description: 'Contract amount in fen' }) contractAmount!: number;
  @ApiPropertyOptional({ type: NonTechnicalDto }) @IsOptionalNotNull() @ValidateNested() @Type(() => NonTechnicalDto) nonTechnical?: NonTechnicalDto;
  @ApiPropertyOptional({ type: [InstalmentDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => InstalmentDto)
  paymentSchedule?: InstalmentDto[];
  @Fen({ min: 0, optional: true, description: 'Transfers: expected new investment, fen' }) expectedInvestment?: number;
  @Fen({ min: 0, optional: true, description: 'Transfers: expected new output value, fen' }) expectedOutput?: number;
}

export class AmendContractDto {
  @Fen({ min: 0, optional: true, description: 'New contract amount in fen' }) contractAmount?: number;
  @ApiPropertyOptional({ type: NonTechnicalDto }) @IsOptionalNotNull() @ValidateNested() @Type(() => NonTechnicalDto) nonTechnical?: NonTechnicalDto;
  @ApiPropertyOptional({ format: 'date' }) @IsOptionalNotNull() @IsISO8601({ strict: true }) @Length(10, 10) validTo?: string;
  @ApiProperty({ maxLength: 1000, description: 'Why the contract is amended (kept in its history)' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(1000)
  note!: string;
}

export class TerminateContractDto {
  @ApiProperty({ maxLength: 1000 }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(1000) note!: string;
}

export class RejectContractDto {
  @ApiProperty({ enum: REJECTION_REASONS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(REJECTION_REASONS, { each: true, ...oneOf(REJECTION_REASONS) })
  reasons!: RejectionReason[];
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptionalNotNull() @Transform(trim) @IsString() @MaxLength(2000) note?: string;
}

export class ListContractsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES }) @IsOptionalNotNull() @IsIn(CONTRACT_STATUSES, oneOf(CONTRACT_STATUSES)) status?: ContractStatus;
}

export class PartyViewDto {
  @ApiProperty() name!: string;
  @ApiProperty() creditCode!: string;
  @ApiProperty() countryCode!: string;
  @ApiProperty({ type: String, nullable: true }) regionCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) regionName!: string | null;
  @ApiProperty({ enum: PARTY_TYPES }) type!: PartyType;
}

export class NonTechnicalViewDto {
  @ApiFen() equipment!: number;
  @ApiFen() materials!: number;
  @ApiFen() construction!: number;
  @ApiFen() other!: number;
}

export class RiskWarningDto {
  @ApiProperty({ enum: RISK_WARNING_KINDS }) kind!: RiskWarningKind;
  @ApiProperty({ description: 'English explanation of the evidence' }) message!: string;
  @ApiProperty({ description: 'Machine-readable evidence', type: 'object', additionalProperties: true }) evidence!: Record<string, unknown>;
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty() size!: number;
  @ApiProperty() createdAt!: string;
}

export class ContractEventDto {
  @ApiProperty() at!: string;
  @ApiProperty() action!: string;
  @ApiProperty({ type: String, nullable: true }) actorId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

export class ContractSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CONTRACT_KINDS }) kind!: ContractKind;
  @ApiProperty({ type: String, nullable: true }) subKind!: string | null;
  @ApiProperty({ enum: CONTRACT_STATUSES }) status!: ContractStatus;
  @ApiProperty() projectName!: string;
  @ApiProperty() signedOn!: string;
  @ApiProperty() sellerName!: string;
  @ApiProperty() buyerName!: string;
  @ApiProperty() sellerRegion!: string;
  @ApiFen({ description: 'fen' }) contractAmount!: number;
  @ApiFen({ description: 'fen' }) techTransactionAmount!: number;
  @ApiProperty({ type: String, nullable: true }) registrationNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Accepted contracts: decide by this date (review deadline)' }) reviewDueOn!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['ok', 'due_soon', 'overdue'] }) deadline!: 'ok' | 'due_soon' | 'overdue' | null;
  @ApiProperty({ description: 'Risk warnings (registrars only; 0 otherwise)' }) warningCount!: number;
}

export class ContractPageDto {
  @ApiProperty({ type: [ContractSummaryDto] }) items!: ContractSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ContractDto extends ContractSummaryDto {
  @ApiProperty({ type: String, nullable: true }) fieldCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) validFrom!: string | null;
  @ApiProperty({ type: String, nullable: true }) validTo!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Review period in days, fixed at submission from the rights policy of the seller\'s region' }) reviewDeadlineDays!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The rights policy row the review period came from' }) reviewPolicyId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The market deal this contract was drafted from' }) dealId!: string | null;
  @ApiProperty({ type: PartyViewDto }) seller!: PartyViewDto;
  @ApiProperty({ type: PartyViewDto }) buyer!: PartyViewDto;
  @ApiProperty({ type: NonTechnicalViewDto }) nonTechnical!: NonTechnicalViewDto;
  @ApiProperty({ type: [InstalmentDto] }) paymentSchedule!: InstalmentDto[];
  @ApiFen({ nullable: true }) expectedInvestment!: number | null;
  @ApiFen({ nullable: true }) expectedOutput!: number | null;
  @ApiProperty({ description: 'Training and intermediary contracts are registered by reference' }) byReference!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['filed', 'import'] }) source!: 'filed' | 'import';
  @ApiProperty({ type: String, nullable: true }) acceptedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) registeredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) registeredOn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Printed on the certificate; confirmed by GET /api/contracts/verify/:code' }) verificationCode!: string | null;
  @ApiProperty({ type: [String], nullable: true, enum: REJECTION_REASONS }) rejectionReasons!: RejectionReason[] | null;
  @ApiProperty({ type: String, nullable: true }) rejectionNote!: string | null;
  @ApiProperty({ type: [RiskWarningDto] }) warnings!: RiskWarningDto[];
  @ApiProperty({ type: [ContractEventDto] }) history!: ContractEventDto[];
  @ApiProperty({ type: [AttachmentDto], description: 'The contract text and proofs' }) attachments!: AttachmentDto[];
  @ApiProperty({ description: 'What the caller may do now', type: [String] }) actions!: string[];
}

export class VerifyResultDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty() registrationNumber!: string;
  @ApiProperty({ enum: CONTRACT_KINDS }) kind!: ContractKind;
  @ApiProperty() projectName!: string;
  @ApiProperty() sellerName!: string;
  @ApiProperty() buyerName!: string;
  @ApiFen() contractAmount!: number;
  @ApiFen() techTransactionAmount!: number;
  @ApiProperty() registeredOn!: string;
  @ApiProperty({ enum: CONTRACT_STATUSES }) status!: ContractStatus;
  @ApiProperty({ description: 'SHA-256 of the certificate content; equals the hash printed on the certificate' }) contentHash!: string;
}
