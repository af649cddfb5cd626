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
  'rights:policy',
  'empowerment:apply',
  'empowerment:review',
  'contract:file',
  'contract:register',
  'listing:write',
  'market:trade',
  'evaluation:write',
  'demand:write',
  'broker:write',
  'deal-room:open',
  'credit:manage',
  'licence:manage',
  'licence:pay',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const BASE: Permission[] = ['authenticated', 'organization:create', 'notification:read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  researcher: [...BASE, 'achievement:write', 'empowerment:apply'],
  tto_manager: [
    ...BASE,
    'organization:manage-members',
    'achievement:write',
    'achievement:publish',
    'rights:policy',
    'empowerment:review',
    'contract:file',
    'listing:write',
    'deal-room:open',
    'licence:manage',
  ],
  enterprise_member: [...BASE, 'organization:manage-members', 'achievement:nda', 'contract:file', 'market:trade', 'demand:write', 'licence:pay'],
  broker: [...BASE, 'organization:manage-members', 'contract:file', 'broker:write', 'deal-room:open'],
  registrar: [...BASE, 'organization:manage-members', 'contract:register'],
  evaluator: [...BASE, 'organization:manage-members', 'evaluation:write'],
  platform_admin: [...BASE, 'organization:manage-members', 'organization:verify', 'platform:admin', 'rights:policy', 'credit:manage'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>(BASE);
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r] ?? []) out.add(p);
  return out;
}
