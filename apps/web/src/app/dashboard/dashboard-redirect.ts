import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthStore, firstDashboard } from '@ttx/web/core';

/** `/dashboard` → `/dashboard/<first role>`; stays on the welcome page when the user has no role. */
export const dashboardRedirect: CanActivateFn = () => {
  const target = firstDashboard(inject(AuthStore).roles());
  return target ? inject(Router).parseUrl(target) : true;
};
