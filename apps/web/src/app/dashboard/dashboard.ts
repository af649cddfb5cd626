import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore, isRole } from '@ttx/web/core';
import { EmptyCard } from '@ttx/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NotificationList } from './notification-list';

/** `/dashboard/:role` — an (as yet) empty dashboard for one role, plus notifications. */
@Component({
  selector: 'ttx-dashboard',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, NzAlertModule, NzGridModule, EmptyCard, NotificationList],
  templateUrl: './dashboard.html',
})
export class Dashboard {
  protected readonly auth = inject(AuthStore);
  /** Route parameter; absent on `/dashboard` for a user without roles. */
  readonly role = input<string>();
  protected readonly activeRole = computed(() => {
    const role = this.role();
    return isRole(role) ? role : null;
  });
}
