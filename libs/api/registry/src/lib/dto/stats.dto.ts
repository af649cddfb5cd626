import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, Length } from 'class-validator';
import { ApiFen, IsOptionalNotNull } from '@ttx/api/core';
import { STATS_GROUP_BY, type StatsGroupBy } from '@ttx/shared/contracts';

export class StatsQueryDto {
  @ApiProperty({ enum: STATS_GROUP_BY }) @IsIn(STATS_GROUP_BY, { message: `must be one of ${STATS_GROUP_BY.join(', ')}` }) groupBy!: StatsGroupBy;
  @ApiPropertyOptional({ format: 'date', description: 'Registration date from (inclusive)' }) @IsOptionalNotNull() @IsISO8601({ strict: true }) @Length(10, 10) from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Registration date to (inclusive)' }) @IsOptionalNotNull() @IsISO8601({ strict: true }) @Length(10, 10) to?: string;
}

export class StatsExportQueryDto extends StatsQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' }) @IsOptionalNotNull() @IsIn(['csv', 'xlsx']) format?: 'csv' | 'xlsx';
}

export class StatsItemDto {
  @ApiProperty() key!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Region name (zh) for region/province keys' }) label!: string | null;
  @ApiProperty() count!: number;
  @ApiFen({ description: 'fen' }) contractAmount!: number;
  @ApiFen({ description: 'fen' }) techTransactionAmount!: number;
}

export class StatsResultDto {
  @ApiProperty({ type: [StatsItemDto] }) items!: StatsItemDto[];
}
