import { type Permission, permissionsOf, ROLES, type Role } from '@ttx/shared/contracts';

/** Business areas of the exchange; the catalog is live, the others show a "coming soon" page for now. */
export const AREAS = ['catalog', 'rights', 'market', 'licensing', 'registry', 'brokerage'] as const;
export type Area = (typeof AREAS)[number];

export interface NavItem {
  /** Stable id, also used in data-testid="nav-<id>". */
  id: string;
  /** Transloco key of the label. */
  labelKey: string;
  /** NG-ZORRO icon type (registered statically in the app). */
  icon: string;
  /** Router link, or an absolute href for server-rendered pages (`external`). */
  link: string;
  external?: boolean;
}

export const ROLE_ICONS: Record<Role, string> = {
  researcher: 'experiment',
  tto_manager: 'bank',
  enterprise_member: 'shop',
  broker: 'team',
  registrar: 'audit',
  evaluator: 'solution',
  platform_admin: 'control',
};

const AREA_ITEMS: Record<Area, NavItem> = {
  catalog: { id: 'catalog', labelKey: 'nav.catalog', icon: 'book', link: '/catalog' },
  rights: { id: 'rights', labelKey: 'nav.rights', icon: 'safety-certificate', link: '/rights' },
  market: { id: 'market', labelKey: 'nav.market', icon: 'appstore', link: '/market' },
  licensing: { id: 'licensing', labelKey: 'nav.licensing', icon: 'file-protect', link: '/licensing' },
  registry: { id: 'registry', labelKey: 'nav.registry', icon: 'audit', link: '/registry' },
  brokerage: { id: 'brokerage', labelKey: 'nav.brokerage', icon: 'cluster', link: '/brokerage' },
};

/** The institution portal of the catalog (researchers and TTO managers file and publish there). */
const CATALOG_MINE: NavItem = { id: 'catalog-mine', labelKey: 'nav.catalogMine', icon: 'bank', link: '/catalog/mine' };

/** Licensing statements: a researcher's income lines, the TTO's receivables and payment splits. */
const LICENSING_INCOME: NavItem = { id: 'licensing-income', labelKey: 'nav.licensingIncome', icon: 'account-book', link: '/licensing/income' };
const LICENSING_FINANCE: NavItem = { id: 'licensing-finance', labelKey: 'nav.licensingFinance', icon: 'account-book', link: '/licensing/finance' };

const ADMIN_ITEMS = {
  organizations: { id: 'admin-organizations', labelKey: 'nav.adminOrganizations', icon: 'apartment', link: '/admin/organizations' },
  queues: { id: 'admin-queues', labelKey: 'nav.adminQueues', icon: 'tool', link: '/api/admin/queues', external: true },
} satisfies Record<string, NavItem>;

/**
 * What each role works on, in menu order (see API.md): researchers file achievements and follow
 * empowerment and royalties; TTO managers run the institution's whole pipeline; enterprises buy,
 * license and post demands; brokers match demands to achievements; sellers (TTOs, enterprises,
 * agencies) file technology contracts that registrars register;
 * evaluators appraise achievements and listings; platform admins verify organisations and watch
 * the queues.
 */
export const ROLE_NAV: Record<Role, readonly NavItem[]> = {
  researcher: [AREA_ITEMS.catalog, CATALOG_MINE, AREA_ITEMS.rights, LICENSING_INCOME],
  tto_manager: [AREA_ITEMS.catalog, CATALOG_MINE, AREA_ITEMS.rights, AREA_ITEMS.market, AREA_ITEMS.licensing, LICENSING_FINANCE, AREA_ITEMS.registry],
  enterprise_member: [AREA_ITEMS.market, AREA_ITEMS.licensing, AREA_ITEMS.brokerage, AREA_ITEMS.catalog, AREA_ITEMS.registry],
  broker: [AREA_ITEMS.brokerage, AREA_ITEMS.market, AREA_ITEMS.catalog, AREA_ITEMS.registry],
  registrar: [AREA_ITEMS.registry],
  evaluator: [AREA_ITEMS.catalog, AREA_ITEMS.market],
  platform_admin: [ADMIN_ITEMS.organizations, ADMIN_ITEMS.queues, AREA_ITEMS.registry],
};

/**
 * What a signed-in user may do whatever their roles, each shown when the roles hold the permission its
 * endpoint names. Registering an organisation (POST /api/organizations, `organization:create`) is how a new
 * user gets a role at all, so it must be in reach before any dashboard is.
 */
const ACCOUNT_ITEMS: readonly (NavItem & { permission: Permission })[] = [
  { id: 'organization-new', labelKey: 'nav.organizationNew', icon: 'apartment', link: '/organizations/new', permission: 'organization:create' },
];

export function dashboardItem(role: Role): NavItem {
  return { id: `dashboard-${role}`, labelKey: `roles.${role}`, icon: ROLE_ICONS[role], link: `/dashboard/${role}` };
}

export interface RoleNav {
  /** One dashboard per role the user holds, in the canonical role order. */
  dashboards: NavItem[];
  /** The union of the roles' areas, without duplicates, in the first role's order. */
  areas: NavItem[];
  /** Account actions the roles' permissions allow (any signed-in user's included). */
  account: NavItem[];
}

/** Orders a user's roles canonically and drops unknown values. */
export function sortRoles(roles: readonly string[]): Role[] {
  return ROLES.filter((r) => roles.includes(r));
}

export function navForRoles(roles: readonly string[]): RoleNav {
  const ordered = sortRoles(roles);
  const seen = new Set<string>();
  const areas: NavItem[] = [];
  for (const role of ordered) {
    for (const item of ROLE_NAV[role]) {
      if (!seen.has(item.id)) {
        seen.add(item.id);
        areas.push(item);
      }
    }
  }
  const allowed = permissionsOf(ordered);
  const account = ACCOUNT_ITEMS.filter((i) => allowed.has(i.permission));
  return { dashboards: ordered.map(dashboardItem), areas, account };
}

/** The route `/dashboard` sends a user to; null when the user has no role yet. */
export function firstDashboard(roles: readonly string[]): string | null {
  const [first] = sortRoles(roles);
  return first ? `/dashboard/${first}` : null;
}
