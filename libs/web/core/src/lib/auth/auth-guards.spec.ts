import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, RouterStateSnapshot, UrlTree, convertToParamMap, provideRouter } from '@angular/router';
import { provideApiClient } from '@ttx/web/api-client';
import { AUTH_STORAGE_KEY } from './auth-store';
import { authGuard, guestGuard, roleGuard } from './auth-guards';

function signIn(roles: string[]) {
  localStorage.setItem(
    AUTH_STORAGE_KEY,
    JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: { id: 'u', email: 'e', displayName: 'd', roles, memberships: [] } }),
  );
}

function route(params: Record<string, string> = {}, data: Record<string, unknown> = {}) {
  return { paramMap: convertToParamMap(params), data } as unknown as ActivatedRouteSnapshot;
}
const state = { url: '/dashboard/broker' } as RouterStateSnapshot;

function run(guard: typeof authGuard, r = route()) {
  TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideApiClient()] });
  return TestBed.runInInjectionContext(() => guard(r, state));
}

const urlOf = (result: unknown) => (result instanceof UrlTree ? result.toString() : result);

describe('guards', () => {
  beforeEach(() => localStorage.clear());

  it('authGuard sends a guest to /login with the returnUrl', () => {
    expect(urlOf(run(authGuard))).toBe('/login?returnUrl=%2Fdashboard%2Fbroker');
  });

  it('authGuard lets a signed-in user through', () => {
    signIn([]);
    expect(run(authGuard)).toBe(true);
  });

  it('guestGuard sends a signed-in user to the dashboard', () => {
    signIn(['broker']);
    expect(urlOf(run(guestGuard))).toBe('/dashboard');
  });

  it('roleGuard checks the :role parameter', () => {
    signIn(['broker']);
    expect(run(roleGuard, route({ role: 'broker' }))).toBe(true);
  });

  it('roleGuard refuses a role the user lacks, or an unknown one', () => {
    signIn(['broker']);
    expect(urlOf(run(roleGuard, route({ role: 'registrar' })))).toBe('/dashboard');
  });

  it('roleGuard refuses an unknown role parameter', () => {
    signIn(['broker']);
    expect(urlOf(run(roleGuard, route({ role: 'king' })))).toBe('/dashboard');
  });

  it('roleGuard honours data.roles (any of)', () => {
    signIn(['registrar']);
    expect(run(roleGuard, route({}, { roles: ['platform_admin', 'registrar'] }))).toBe(true);
  });
});
