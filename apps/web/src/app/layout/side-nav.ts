import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthStore, navForRoles } from '@ttx/web/core';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMenuModule } from 'ng-zorro-antd/menu';

/** Side navigation built from the user's roles (see ROLE_NAV in @ttx/web/core). */
@Component({
  selector: 'ttx-side-nav',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzMenuModule, NzIconModule],
  templateUrl: './side-nav.html',
})
export class SideNav {
  private readonly auth = inject(AuthStore);
  protected readonly nav = computed(() => navForRoles(this.auth.roles()));
}
