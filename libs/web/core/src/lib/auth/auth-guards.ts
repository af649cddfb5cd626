import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { ROLES, type Role } from '@ttx/shared/contracts';
import { AuthStore } from './auth-store';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Lets signed-in users through; others go to /login with a returnUrl. */
export const authGuard: CanActivateFn = (_route, state) => {
  const store = inject(AuthStore);
  return store.isAuthenticated()
    ? true
    : inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** For /login and /register: a signed-in user goes to the dashboard instead. */
export const guestGuard: CanActivateFn = () =>
  inject(AuthStore).isAuthenticated() ? inject(Router).createUrlTree(['/dashboard']) : true;

/**
 * Requires one of `data.roles`, or — when the route has a `:role` parameter and no `data.roles` —
 * that role. Otherwise redirects to /dashboard (or /login when signed out).
 */
export const roleGuard: CanActivateFn = (route, state) => {
  const store = inject(AuthStore);
  const router = inject(Router);
  if (!store.isAuthenticated()) {
    return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
  }
  const fromData = route.data['roles'] as readonly Role[] | undefined;
  const param = route.paramMap.get('role');
  const required: readonly Role[] = fromData ?? (isRole(param) ? [param] : []);
  if (required.length === 0 && !fromData && param !== null) return router.createUrlTree(['/dashboard']);
  return required.length === 0 || required.some((r) => store.hasRole(r)) ? true : router.createUrlTree(['/dashboard']);
};
