import { Route } from '@angular/router';
import { AREAS, authGuard, guestGuard, roleGuard } from '@ttx/web/core';
import { dashboardRedirect } from './dashboard/dashboard-redirect';

/** Areas with their own pages; the others show a placeholder. */
const BUILT_AREAS = new Set<string>(['catalog', 'rights', 'market', 'licensing', 'registry', 'brokerage']);

const comingSoon = () => import('./coming-soon/coming-soon').then((m) => m.ComingSoon);
const dashboard = () => import('./dashboard/dashboard').then((m) => m.Dashboard);

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', loadComponent: () => import('./home/home').then((m) => m.Home) },
  { path: 'login', canActivate: [guestGuard], loadComponent: () => import('./auth/login').then((m) => m.Login) },
  { path: 'register', canActivate: [guestGuard], loadComponent: () => import('./auth/register').then((m) => m.Register) },
  {
    path: 'dashboard',
    canActivate: [authGuard],
    children: [
      // `/dashboard` goes to the first role's dashboard; a user without roles sees a welcome page.
      { path: '', pathMatch: 'full', canActivate: [dashboardRedirect], loadComponent: dashboard },
      { path: ':role', canActivate: [roleGuard], loadComponent: dashboard },
    ],
  },
  // The public catalog (no login needed).
  { path: 'catalog', loadComponent: () => import('./catalog/catalog-page').then((m) => m.CatalogPage) },
  {
    path: 'catalog/mine',
    canActivate: [roleGuard],
    data: { roles: ['researcher', 'tto_manager'] },
    loadComponent: () => import('./catalog/my-achievements').then((m) => m.MyAchievements),
  },
  {
    path: 'catalog/new',
    canActivate: [roleGuard],
    data: { roles: ['researcher', 'tto_manager'] },
    loadComponent: () => import('./catalog/achievement-editor').then((m) => m.AchievementEditor),
  },
  {
    path: 'catalog/:id/edit',
    canActivate: [roleGuard],
    data: { roles: ['researcher', 'tto_manager'] },
    loadComponent: () => import('./catalog/achievement-editor').then((m) => m.AchievementEditor),
  },
  { path: 'catalog/:id', loadComponent: () => import('./catalog/achievement-detail').then((m) => m.AchievementDetail) },
  // Rights: the notice board (公示) is public; the rest needs a signed-in user.
  { path: 'rights', canActivate: [authGuard], loadComponent: () => import('./rights/rights-home').then((m) => m.RightsHome) },
  { path: 'rights/notices', loadComponent: () => import('./rights/notice-board').then((m) => m.NoticeBoard) },
  { path: 'rights/notices/:id', loadComponent: () => import('./rights/notice-detail').then((m) => m.NoticeDetail) },
  {
    path: 'rights/apply/:achievementId',
    canActivate: [roleGuard],
    data: { roles: ['researcher'] },
    loadComponent: () => import('./rights/empowerment-apply').then((m) => m.EmpowermentApply),
  },
  {
    path: 'rights/policy',
    canActivate: [roleGuard],
    data: { roles: ['tto_manager'] },
    loadComponent: () => import('./rights/policy-page').then((m) => m.PolicyPage),
  },
  { path: 'rights/empowerments/:id', canActivate: [authGuard], loadComponent: () => import('./rights/empowerment-detail').then((m) => m.EmpowermentDetail) },
  // Contract registry: sellers file, registrars review; statistics and certificate checks are public.
  { path: 'registry', canActivate: [authGuard], loadComponent: () => import('./registry/registry-page').then((m) => m.RegistryPage) },
  {
    path: 'registry/new',
    canActivate: [roleGuard],
    data: { roles: ['tto_manager', 'enterprise_member', 'broker'] },
    loadComponent: () => import('./registry/contract-form').then((m) => m.ContractForm),
  },
  {
    path: 'registry/import',
    canActivate: [roleGuard],
    data: { roles: ['registrar'] },
    loadComponent: () => import('./registry/import-page').then((m) => m.ImportPage),
  },
  { path: 'registry/stats', loadComponent: () => import('./registry/stats-page').then((m) => m.StatsPage) },
  { path: 'registry/verify', loadComponent: () => import('./registry/verify-page').then((m) => m.VerifyPage) },
  { path: 'registry/verify/:code', loadComponent: () => import('./registry/verify-page').then((m) => m.VerifyPage) },
  { path: 'registry/contracts/:id', canActivate: [authGuard], loadComponent: () => import('./registry/contract-detail').then((m) => m.ContractDetail) },
  // The market: public browsing, listing detail and auction rooms; inbox and seller view need a login.
  { path: 'market', loadComponent: () => import('./market/market-page').then((m) => m.MarketPage) },
  { path: 'market/inbox', canActivate: [authGuard], loadComponent: () => import('./market/market-inbox').then((m) => m.MarketInbox) },
  {
    path: 'market/mine/new',
    canActivate: [roleGuard],
    data: { roles: ['tto_manager'] },
    loadComponent: () => import('./market/listing-form').then((m) => m.ListingFormPage),
  },
  {
    path: 'market/mine',
    canActivate: [roleGuard],
    data: { roles: ['tto_manager'] },
    loadComponent: () => import('./market/my-listings').then((m) => m.MyListings),
  },
  { path: 'market/listings/:id', loadComponent: () => import('./market/listing-detail').then((m) => m.ListingDetail) },
  { path: 'market/auctions/:id', loadComponent: () => import('./market/auction-room').then((m) => m.AuctionRoom) },
  // Brokerage: public demands and broker directory; posting, matches, rooms and the workspace need a login.
  { path: 'brokerage', pathMatch: 'full', redirectTo: 'brokerage/demands' },
  { path: 'brokerage/demands', loadComponent: () => import('./brokerage/demands-page').then((m) => m.DemandsPage) },
  {
    path: 'brokerage/demands/new',
    canActivate: [roleGuard],
    data: { roles: ['enterprise_member'] },
    loadComponent: () => import('./brokerage/demand-editor').then((m) => m.DemandEditor),
  },
  { path: 'brokerage/demands/:id', loadComponent: () => import('./brokerage/demand-detail').then((m) => m.DemandDetail) },
  { path: 'brokerage/brokers', loadComponent: () => import('./brokerage/broker-directory').then((m) => m.BrokerDirectory) },
  { path: 'brokerage/brokers/:id', loadComponent: () => import('./brokerage/broker-detail').then((m) => m.BrokerDetail) },
  { path: 'brokerage/workspace', canActivate: [authGuard], loadComponent: () => import('./brokerage/broker-workspace').then((m) => m.BrokerWorkspace) },
  { path: 'brokerage/rooms/:id', canActivate: [authGuard], loadComponent: () => import('./brokerage/deal-room').then((m) => m.DealRoom) },
  // Licensing: the organisation's licences (licensee or licensor), a TTO's offline licence, finance view, a researcher's income.
  { path: 'licensing', canActivate: [authGuard], loadComponent: () => import('./licensing/licences-page').then((m) => m.LicencesPage) },
  {
    path: 'licensing/new',
    canActivate: [roleGuard],
    data: { roles: ['tto_manager'] },
    loadComponent: () => import('./licensing/licence-form').then((m) => m.LicenceFormPage),
  },
  {
    path: 'licensing/finance',
    canActivate: [roleGuard],
    data: { roles: ['tto_manager'] },
    loadComponent: () => import('./licensing/finance-page').then((m) => m.FinancePage),
  },
  {
    path: 'licensing/income',
    canActivate: [roleGuard],
    data: { roles: ['researcher', 'tto_manager'] },
    loadComponent: () => import('./licensing/income-page').then((m) => m.IncomePage),
  },
  { path: 'licensing/licences/:id', canActivate: [authGuard], loadComponent: () => import('./licensing/licence-detail').then((m) => m.LicenceDetail) },
  // Other areas of the exchange: placeholders until their feature libs land.
  ...AREAS.filter((area) => !BUILT_AREAS.has(area)).map(
    (area): Route => ({ path: area, canActivate: [authGuard], loadComponent: comingSoon, data: { area: `nav.${area}` } }),
  ),
  // Any signed-in user may register an organisation (`organization:create` is in every user's permissions).
  { path: 'organizations/new', canActivate: [authGuard], loadComponent: () => import('./organizations/organization-create').then((m) => m.OrganizationCreate) },
  {
    path: 'admin/organizations',
    canActivate: [roleGuard],
    data: { roles: ['platform_admin'] },
    loadComponent: () => import('./admin/organizations-page').then((m) => m.OrganizationsPage),
  },
  { path: '**', loadComponent: () => import('./not-found/not-found').then((m) => m.NotFound) },
];
