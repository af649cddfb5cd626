import { ROLES } from '@ttx/shared/contracts';
import { ROLE_NAV, firstDashboard, navForRoles, sortRoles } from './role-nav';

describe('role → navigation', () => {
  it('gives every role a dashboard and at least one area', () => {
    for (const role of ROLES) {
      const nav = navForRoles([role]);
      expect(nav.dashboards.map((d) => d.link)).toEqual([`/dashboard/${role}`]);
      expect(nav.areas.length).toBeGreaterThan(0);
    }
  });

  it('differs between roles', () => {
    const signatures = ROLES.map((r) => ROLE_NAV[r].map((i) => i.id).join(','));
    expect(new Set(signatures).size).toBe(ROLES.length);
  });

  it('shows the registry to registrars, brokerage to brokers, admin pages only to platform admins', () => {
    expect(navForRoles(['registrar']).areas.map((i) => i.id)).toEqual(['registry']);
    expect(navForRoles(['broker']).areas[0].id).toBe('brokerage');
    for (const role of ROLES.filter((r) => r !== 'platform_admin')) {
      expect(navForRoles([role]).areas.some((i) => i.id.startsWith('admin-'))).toBe(false);
    }
    const admin = navForRoles(['platform_admin']).areas;
    expect(admin.find((i) => i.id === 'admin-queues')).toMatchObject({ link: '/api/admin/queues', external: true });
  });

  it('merges several roles without duplicates, in canonical role order', () => {
    const nav = navForRoles(['tto_manager', 'researcher']);
    expect(nav.dashboards.map((d) => d.id)).toEqual(['dashboard-researcher', 'dashboard-tto_manager']);
    const ids = nav.areas.map((i) => i.id);
    expect(ids).toEqual(['catalog', 'catalog-mine', 'rights', 'licensing-income', 'market', 'licensing', 'licensing-finance', 'registry']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('links the licensing statements: income for researchers, finance for TTO managers, licences for enterprises', () => {
    expect(navForRoles(['researcher']).areas.find((i) => i.id === 'licensing-income')?.link).toBe('/licensing/income');
    expect(navForRoles(['tto_manager']).areas.find((i) => i.id === 'licensing-finance')?.link).toBe('/licensing/finance');
    expect(navForRoles(['enterprise_member']).areas.find((i) => i.id === 'licensing')?.link).toBe('/licensing');
    expect(navForRoles(['enterprise_member']).areas.some((i) => i.id.startsWith('licensing-'))).toBe(false);
  });

  it('links the institution portal for researchers and TTO managers only', () => {
    expect(navForRoles(['researcher']).areas.find((i) => i.id === 'catalog-mine')?.link).toBe('/catalog/mine');
    expect(navForRoles(['tto_manager']).areas.some((i) => i.id === 'catalog-mine')).toBe(true);
    expect(navForRoles(['enterprise_member']).areas.some((i) => i.id === 'catalog-mine')).toBe(false);
  });

  it('has no dashboards or areas for a user without roles, only the way to register an organisation; drops unknown roles', () => {
    expect(navForRoles([])).toEqual({ dashboards: [], areas: [], account: [expect.objectContaining({ id: 'organization-new', link: '/organizations/new' })] });
    expect(sortRoles(['nobody', 'broker'])).toEqual(['broker']);
  });

  // POST /api/organizations needs `organization:create`, which every signed-in user holds (shared ROLE_PERMISSIONS).
  it('offers registering an organisation to every role', () => {
    for (const role of ROLES) expect(navForRoles([role]).account.map((i) => i.link)).toEqual(['/organizations/new']);
  });

  it('sends /dashboard to the first role', () => {
    expect(firstDashboard(['evaluator', 'researcher'])).toBe('/dashboard/researcher');
    expect(firstDashboard([])).toBeNull();
  });
});
