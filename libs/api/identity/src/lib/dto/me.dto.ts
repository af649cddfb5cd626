import { ApiProperty } from '@nestjs/swagger';
import { ORGANIZATION_KINDS, ROLES, type OrganizationKind, type Role } from '@ttx/shared/contracts';

export class MembershipDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) organizationKind!: OrganizationKind;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() isAdmin!: boolean;
  @ApiProperty({ description: 'Roles in unverified organisations grant nothing yet' }) verified!: boolean;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true, description: 'Effective roles (from verified organisations)' })
  roles!: Role[];
  @ApiProperty({ type: () => [MembershipDto] }) memberships!: MembershipDto[];
}
