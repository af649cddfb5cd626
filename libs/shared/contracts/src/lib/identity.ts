export const ROLES = [
  'researcher',
  'tto_manager',
  'enterprise_member',
  'broker',
  'registrar',
  'evaluator',
  'platform_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANIZATION_KINDS = ['institution', 'enterprise', 'agency', 'administration', 'evaluator'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Which roles a member of each kind of organisation may hold. */
export const ROLES_BY_ORG_KIND: Record<OrganizationKind, readonly Role[]> = {
  institution: ['researcher', 'tto_manager'],
  enterprise: ['enterprise_member'],
  agency: ['broker'],
  administration: ['registrar', 'platform_admin'],
  evaluator: ['evaluator'],
};

/** The role the creator of an organisation gets (as its admin member). */
export const CREATOR_ROLE: Record<OrganizationKind, Role> = {
  institution: 'tto_manager',
  enterprise: 'enterprise_member',
  agency: 'broker',
  administration: 'registrar',
  evaluator: 'evaluator',
};

export interface MembershipView {
  organizationId: string;
  organizationName: string;
  organizationKind: OrganizationKind;
  role: Role;
  isAdmin: boolean;
  verified: boolean;
}

export interface MeView {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  memberships: MembershipView[];
}

export interface ProblemFieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: ProblemFieldError[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
