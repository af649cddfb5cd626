import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { Fen } from '@ttx/api/core';

export class RegistrySettingsDto {
  @Fen({ description: 'Review threshold of the contract amount, fen' }) reviewThresholdFen!: number;
  @ApiProperty() @IsNumber() @Min(0.01) @Max(0.9) splitMarginRatio!: number;
  @ApiProperty() @IsInt() @Min(1) @Max(365) splitWindowDays!: number;
  @ApiProperty() @IsInt() @Min(1) @Max(730) circularWindowDays!: number;
  @ApiProperty() @IsNumber() @Min(1) @Max(10) outlierZScore!: number;
  @ApiProperty() @IsInt() @Min(2) @Max(100000) outlierMinSample!: number;
}
