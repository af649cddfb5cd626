import type { AuthUser } from '@ttx/api/core';
import type { MeView } from '@ttx/shared/contracts';

/** Membership questions every rights endpoint asks; `me` comes from identity's MeService. */
export const isAdmin = (user: AuthUser) => user.roles.includes('platform_admin');
export const isMember = (me: MeView | undefined, orgId: string) => !!me?.memberships.some((m) => m.organizationId === orgId && m.verified);
export const isTtoOf = (me: MeView | undefined, orgId: string) =>
  !!me?.memberships.some((m) => m.organizationId === orgId && m.verified && m.role === 'tto_manager');
