import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { ApiFen, Fen, IsOptionalNotNull } from '@ttx/api/core';
import { LocalizedTextViewDto } from '@ttx/api/catalog';
import { DISTRIBUTION_RECIPIENTS, INVOICE_KINDS, INVOICE_STATUSES, type DistributionRecipientType, type InvoiceKind, type InvoiceStatus } from '@ttx/shared/contracts';
import { trim } from './terms.dto';

export class CreatePaymentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') invoiceId!: string;
  @Fen({ description: 'Fen; partial payments are allowed, more than the open amount is refused' }) amount!: number;
  @ApiPropertyOptional({ maxLength: 200, description: 'Bank transfer reference' }) @IsOptionalNotNull() @Transform(trim) @IsString() @MaxLength(200) reference?: string;
}

export class InvoiceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ format: 'uuid' }) licenceId!: string;
  @ApiProperty({ enum: INVOICE_KINDS }) kind!: InvoiceKind;
  @ApiProperty({ description: '`lump-sum`, `milestone:<id>`, `royalty:2026-Q3`, `minimum:2026`' }) periodKey!: string;
  @ApiFen() amount!: number;
  @ApiFen() paid!: number;
  @ApiFen() outstanding!: number;
  @ApiProperty({ enum: INVOICE_STATUSES }) status!: InvoiceStatus;
  @ApiProperty({ format: 'date' }) issuedAt!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty() overdue!: boolean;
}

export class InvoiceListDto {
  @ApiProperty({ type: [InvoiceDto] }) items!: InvoiceDto[];
}

export class PaymentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ format: 'uuid' }) licenceId!: string;
  @ApiFen() amount!: number;
  @ApiFen({ description: 'Deal costs charged to this payment before the split' }) costs!: number;
  @ApiProperty({ format: 'date-time' }) paidAt!: string;
  @ApiProperty({ nullable: true, type: String }) reference!: string | null;
}

export class DistributionEntryDto {
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiFen() paymentAmount!: number;
  @ApiProperty({ format: 'uuid' }) licenceId!: string;
  @ApiProperty({ enum: DISTRIBUTION_RECIPIENTS }) recipientType!: DistributionRecipientType;
  @ApiProperty({ nullable: true, type: String }) recipientId!: string | null;
  @ApiProperty() recipientName!: string;
  @ApiProperty({ description: 'Basis points of the payment the policy gives this line (before rounding)' }) share!: number;
  @ApiFen() amount!: number;
  @ApiProperty({ format: 'date-time' }) paidAt!: string;
}

export class DistributionListDto {
  @ApiProperty({ type: [DistributionEntryDto] }) items!: DistributionEntryDto[];
}

export class DistributionsQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') licenceId!: string;
}

export class IncomeLineDto extends DistributionEntryDto {
  @ApiProperty() licenceNumber!: string;
  @ApiProperty({ type: LocalizedTextViewDto }) title!: LocalizedTextViewDto;
}

export class IncomeStatementDto {
  @ApiProperty({ enum: ['user', 'organization'] }) recipientType!: 'user' | 'organization';
  @ApiProperty() recipientId!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [IncomeLineDto] }) items!: IncomeLineDto[];
}

export class IncomeQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "An institution's lines (its TTO manager); omitted: the caller's own lines" }) @IsOptionalNotNull() @IsUUID('4') organizationId?: string;
}

export class IncomeExportQueryDto extends IncomeQueryDto {
  @ApiProperty({ enum: ['csv', 'xlsx'] }) @IsIn(['csv', 'xlsx']) format!: 'csv' | 'xlsx';
}

export class ReceivableInvoiceDto extends InvoiceDto {
  @ApiProperty() licenceNumber!: string;
  @ApiProperty() licenseeName!: string;
}

export class ReceivablesDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiFen() outstanding!: number;
  @ApiFen() overdue!: number;
  @ApiFen() received!: number;
  @ApiProperty({ type: [ReceivableInvoiceDto] }) invoices!: ReceivableInvoiceDto[];
}

export class ReceivablesQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Defaults to the caller's (first) institution" }) @IsOptionalNotNull() @IsUUID('4') organizationId?: string;
}
