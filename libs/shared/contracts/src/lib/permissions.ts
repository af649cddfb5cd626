import type { Role } from './identity';

/**
 * Every non-public endpoint names one permission. `authenticated` is granted to any signed-in user
 * (even without a membership); the rest come from roles.
 */
export const PERMISSIONS = [
  'authenticated',
  'organization:create',
  'organization:manage-members',
  'organization:verify',
  'notification:read',
  'platform:admin',
  'achievement:write',
  'achievement:publish',
  'achievement:nda',
  'demand:write',
  'broker:write',
  'deal-room:open',
  'credit:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const BASE: Permission[] = ['authenticated', 'organization:create', 'notification:read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  researcher: [...BASE, 'achievement:write'],
  tto_manager: [...BASE, 'organization:manage-members', 'achievement:write', 'achievement:publish', 'deal-room:open'],
  enterprise_member: [...BASE, 'organization:manage-members', 'achievement:nda', 'demand:write'],
  broker: [...BASE, 'organization:manage-members', 'broker:write', 'deal-room:open'],
  registrar: [...BASE, 'organization:manage-members'],
  evaluator: [...BASE, 'organization:manage-members'],
  platform_admin: [...BASE, 'organization:manage-members', 'organization:verify', 'platform:admin', 'credit:manage'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>(BASE);
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r] ?? []) out.add(p);
  return out;
}
