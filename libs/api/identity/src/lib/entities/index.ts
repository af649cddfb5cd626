import { MembershipEntity } from './membership.entity';
import { OrganizationEntity } from './organization.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { UserEntity } from './user.entity';

export { MembershipEntity, OrganizationEntity, RefreshTokenEntity, UserEntity };
export const IDENTITY_ENTITIES = [UserEntity, OrganizationEntity, MembershipEntity, RefreshTokenEntity];
