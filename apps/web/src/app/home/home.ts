import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AREAS, AuthStore } from '@ttx/web/core';
import { AreaCard } from '@ttx/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzIconModule } from 'ng-zorro-antd/icon';

const AREA_ICONS: Record<(typeof AREAS)[number], string> = {
  catalog: 'book',
  rights: 'safety-certificate',
  market: 'appstore',
  licensing: 'file-protect',
  registry: 'audit',
  brokerage: 'cluster',
};

/** Public landing page: what the exchange is, its six areas, and a call to action. */
@Component({
  selector: 'ttx-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzButtonModule, NzGridModule, NzIconModule, AreaCard],
  templateUrl: './home.html',
  styleUrl: './home.scss',
})
export class Home {
  protected readonly auth = inject(AuthStore);
  protected readonly areas = AREAS.map((id) => ({ id, icon: AREA_ICONS[id] }));
}
