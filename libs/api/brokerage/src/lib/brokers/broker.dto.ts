import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsString, IsUUID, Length, Matches, MaxLength, NotContains, ValidateNested } from 'class-validator';
import { ApiFen, IsOptionalNotNull, PageQueryDto } from '@ttx/api/core';
import { LocalizedTextDto, LocalizedTextViewDto } from '@ttx/api/catalog';
import { CREDIT_EVENT_KINDS, CREDIT_GRADES, type CreditEventKind, type CreditGrade } from '@ttx/shared/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UpsertBrokerProfileDto {
  @ApiProperty({ example: 'JSJJR-2024-110108-0017', description: 'Technology manager certification number (技术经理人证书编号)' })
  @Transform(trim)
  @Matches(/^[A-Za-z0-9-]{6,40}$/, { message: 'must be 6–40 letters, digits or dashes' })
  certificationNumber!: string;

  @ApiProperty({ type: [String], example: ['05', '05.01'] })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(/^[0-9]{2}(\.[0-9]{2})?$/, { each: true, message: 'each must be a field code like 05 or 05.01' })
  fieldCodes!: string[];

  @ApiPropertyOptional({ type: LocalizedTextDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  bio?: LocalizedTextDto;

  @ApiPropertyOptional({ format: 'uuid', description: 'The agency (needed when the caller is a broker of several)' })
  @IsOptionalNotNull()
  @IsUUID('4')
  organizationId?: string;
}

export class RecordCreditEventDto {
  @ApiProperty({ enum: CREDIT_EVENT_KINDS })
  @IsIn(CREDIT_EVENT_KINDS, { message: `must be one of ${CREDIT_EVENT_KINDS.join(', ')}` })
  kind!: CreditEventKind;

  @ApiProperty({ type: String, format: 'date-time' })
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt!: string;

  @ApiProperty({ description: 'Why (shown in the audit log and, for breaches, on the public breach list)' })
  @Transform(trim)
  @IsString()
  @Length(4, 2000)
  @NotContains('\u0000', { message: 'must not contain NUL characters' })
  reason!: string;
}

export class ReverseCreditEventDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(4, 2000)
  @NotContains('\u0000', { message: 'must not contain NUL characters' })
  reason!: string;
}

export class BrokersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '05' })
  @IsOptionalNotNull()
  @Matches(/^[0-9]{2}(\.[0-9]{2})?$/, { message: 'must be a field code like 05 or 05.01' })
  field?: string;

  @ApiPropertyOptional({ description: 'Name or organisation contains' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CreditEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CREDIT_EVENT_KINDS }) kind!: CreditEventKind;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) dealRoomId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reversedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) reverseReason!: string | null;
  @ApiProperty({ enum: ['live', 'repaired', 'reversed', 'positive'], description: 'How the event counts in the rating now' }) effect!: 'live' | 'repaired' | 'reversed' | 'positive';
  @ApiProperty({ description: 'Points it takes off the score now (0 when repaired, reversed or positive)' }) penalty!: number;
}

export class BreachDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: string;
  @ApiProperty() reason!: string;
}

export class CreditRatingDto {
  @ApiProperty({ description: '0–100' }) score!: number;
  @ApiProperty({ enum: CREDIT_GRADES }) grade!: CreditGrade;
  @ApiProperty() completedDeals!: number;
  @ApiProperty() liveNegativeEvents!: number;
  @ApiProperty() repairedEvents!: number;
  @ApiProperty({ type: [BreachDto], description: 'Unrepaired breaches of trust (public)' }) breaches!: BreachDto[];
  @ApiProperty({ type: LocalizedTextViewDto, description: 'The published formula' }) formula!: LocalizedTextViewDto;
}

export class TrackRecordDto {
  @ApiProperty({ description: 'Rooms closed with a deal' }) closedDeals!: number;
  @ApiProperty({ description: 'Rooms closed without a deal' }) closedLost!: number;
  @ApiProperty({ description: 'Rooms still open' }) activeRooms!: number;
  @ApiFen({ description: 'Sum of agreed commission amounts (fen) in rooms closed with a deal' }) commissionFen!: number;
}

export class BrokerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() certificationNumber!: string;
  @ApiProperty({ type: [String] }) fieldCodes!: string[];
  @ApiProperty({ type: LocalizedTextViewDto }) bio!: LocalizedTextViewDto;
  @ApiProperty({ type: CreditRatingDto }) rating!: CreditRatingDto;
  @ApiProperty({ type: TrackRecordDto }) trackRecord!: TrackRecordDto;
}

export class BrokerPageDto {
  @ApiProperty({ type: [BrokerDto] }) items!: BrokerDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CreditEventListDto {
  @ApiProperty({ type: [CreditEventDto] }) items!: CreditEventDto[];
}
