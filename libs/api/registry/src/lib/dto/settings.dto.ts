import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNumber, Max, Min } from 'class-validator';

export class RegistrySettingsDto {
  @ApiProperty({ description: 'Review threshold of the contract amount, fen' }) @IsInt() @Min(1) @Max(10_000_000_000_000) reviewThresholdFen!: number;
  @ApiProperty() @IsNumber() @Min(0.01) @Max(0.9) splitMarginRatio!: number;
  @ApiProperty() @IsInt() @Min(1) @Max(365) splitWindowDays!: number;
  @ApiProperty() @IsInt() @Min(1) @Max(730) circularWindowDays!: number;
  @ApiProperty() @IsNumber() @Min(1) @Max(10) outlierZScore!: number;
  @ApiProperty() @IsInt() @Min(2) @Max(100000) outlierMinSample!: number;
}
