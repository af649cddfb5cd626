export * from './lib/identity.module';
export * from './lib/entities';
export * from './lib/me/me.service';
export * from './lib/organizations/organizations.service';
export * from './lib/auth/auth.service';
export * from './lib/seed/demo-seeder';
export * from './lib/members/member-directory.service';
export * from './lib/organizations/region-codes';
export type { OrganizationDto } from './lib/dto/organization.dto';
