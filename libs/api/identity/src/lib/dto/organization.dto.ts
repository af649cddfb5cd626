import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsOptionalNotNull, PageQueryDto } from '@ttx/api/core';
import { ORGANIZATION_KINDS, ROLES, type OrganizationKind, type Role } from '@ttx/shared/contracts';

export class CreateOrganizationDto {
  @ApiProperty({ example: '合肥工业大学', minLength: 2, maxLength: 200 })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @Length(2, 200)
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS as unknown as string[], { message: `must be one of ${ORGANIZATION_KINDS.join(', ')}` })
  kind!: OrganizationKind;

  @ApiProperty({ example: '12100000400000624D', description: '18-character unified social credit code (GB 32100)' })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Length(18, 18, { message: 'must be exactly 18 characters' })
  creditCode!: string;

  @ApiProperty({ example: '340100', description: '6-digit GB/T 2260 administrative division code' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'must be 6 digits' })
  regionCode!: string;

  @ApiPropertyOptional({ description: 'Small or medium-sized enterprise (中小微企业)' })
  @IsOptionalNotNull()
  @IsBoolean()
  isSme?: boolean;
}

export class AddMemberDto {
  @ApiProperty({ example: 'researcher@demo.ttx' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as unknown as string[], { message: `must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({ description: 'May add members and manage the organisation' })
  @IsOptionalNotNull()
  @IsBoolean()
  isAdmin?: boolean;
}

export class ListOrganizationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Platform admins: filter by verification state' })
  @IsOptionalNotNull()
  @IsIn(['true', 'false'])
  verified?: 'true' | 'false';
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind!: OrganizationKind;
  @ApiProperty() creditCode!: string;
  @ApiProperty() regionCode!: string;
  @ApiProperty() isSme!: boolean;
  @ApiProperty() verified!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) verifiedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class OrganizationPageDto {
  @ApiProperty({ type: () => [OrganizationDto] }) items!: OrganizationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() isAdmin!: boolean;
}
