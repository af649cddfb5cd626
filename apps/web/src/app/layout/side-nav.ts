import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore, navForRoles, type NavItem } from '@ttx/web/core';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMenuModule } from 'ng-zorro-antd/menu';

/** A user without roles yet still has `/dashboard` (the welcome page). */
const WELCOME: NavItem = { id: 'dashboard', labelKey: 'nav.dashboard', icon: 'dashboard', link: '/dashboard' };

/** Side navigation built from the user's roles (see ROLE_NAV in @ttx/web/core): dashboards, areas, account actions. */
@Component({
  selector: 'ttx-side-nav',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzMenuModule, NzIconModule],
  templateUrl: './side-nav.html',
})
export class SideNav {
  private readonly auth = inject(AuthStore);
  /** The menu groups in order, each with items (an empty one is left out). */
  protected readonly groups = computed(() => {
    const nav = navForRoles(this.auth.roles());
    return [
      { titleKey: 'nav.dashboards', items: nav.dashboards.length ? nav.dashboards : [WELCOME] },
      { titleKey: 'nav.areas', items: nav.areas },
      { titleKey: 'nav.account', items: nav.account },
    ].filter((g) => g.items.length);
  });
}
