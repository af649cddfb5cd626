import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { RouterLink } from '@angular/router';
import { AuthStore, isRole, ROLE_NAV } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NotificationList } from './notification-list';

/** `/dashboard/:role` — where the role's work is (the same areas as its menu), plus notifications. */
@Component({
  selector: 'ttx-dashboard',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzAlertModule, NzButtonModule, NzCardModule, NzGridModule, NzIconModule, NotificationList],
  templateUrl: './dashboard.html',
  styles: `
    .area { display: flex; gap: 12px; align-items: flex-start; padding: 8px 0; }
    .area nz-icon { font-size: 20px; margin-top: 2px; }
    .area p { margin: 0; color: var(--ttx-text-secondary); }
  `,
})
export class Dashboard {
  protected readonly auth = inject(AuthStore);
  /** Route parameter; absent on `/dashboard` for a user without roles. */
  readonly role = input<string>();
  protected readonly activeRole = computed(() => {
    const role = this.role();
    return isRole(role) ? role : null;
  });
  /**
   * Names of the user's organisations still awaiting the platform admin's verification (roles there
   * start with it), joined for the notice; null when none. Without it such a user was told to create
   * or join an organisation although they already had.
   */
  protected readonly pendingOrganizations = computed(() => {
    const names = new Set((this.auth.user()?.memberships ?? []).filter((m) => !m.verified).map((m) => m.organizationName));
    return names.size ? [...names].join(', ') : null;
  });
  /** The role's areas with a line on what is done there (`dashboard.areas.<id>`). */
  protected readonly areas = computed(() => {
    const role = this.activeRole();
    return role ? ROLE_NAV[role] : [];
  });
}
