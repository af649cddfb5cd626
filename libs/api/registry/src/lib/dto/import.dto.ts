import { ApiProperty } from '@nestjs/swagger';
import { IMPORT_STATUSES, type ImportStatus } from '@ttx/shared/contracts';

export class ImportAcceptedDto {
  @ApiProperty({ format: 'uuid' }) importId!: string;
}

export class ImportErrorDto {
  @ApiProperty({ description: '1-based data row (the header is row 0)' }) row!: number;
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
}

export class ImportStatusDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status!: ImportStatus;
  @ApiProperty() fileName!: string;
  @ApiProperty({ description: 'Rows read so far' }) processed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Rows in the file, once known' }) total!: number | null;
  @ApiProperty() imported!: number;
  @ApiProperty({ description: 'Rows already registered before (natural key), skipped' }) duplicates!: number;
  @ApiProperty() errorCount!: number;
  @ApiProperty({ type: [ImportErrorDto], description: 'The first 1,000 bad rows' }) errors!: ImportErrorDto[];
  @ApiProperty({ type: String, nullable: true }) failure!: string | null;
}
