import { Route } from '@angular/router';
import { AREAS, authGuard, guestGuard, roleGuard } from '@ttx/web/core';
import { dashboardRedirect } from './dashboard/dashboard-redirect';

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
  // Other areas of the exchange: placeholders until their feature libs land.
  ...AREAS.filter((area) => area !== 'catalog' && area !== 'brokerage').map(
    (area): Route => ({ path: area, canActivate: [authGuard], loadComponent: comingSoon, data: { area: `nav.${area}` } }),
  ),
  {
    path: 'admin/organizations',
    canActivate: [roleGuard],
    data: { roles: ['platform_admin'], area: 'nav.adminOrganizations' },
    loadComponent: comingSoon,
  },
  { path: '**', loadComponent: () => import('./not-found/not-found').then((m) => m.NotFound) },
];
