import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzResultModule } from 'ng-zorro-antd/result';

/** Placeholder for an area whose feature lib has not landed yet. */
@Component({
  selector: 'ttx-coming-soon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzButtonModule, NzResultModule],
  template: `
    <div class="ttx-page">
      <nz-result
        nzStatus="info"
        [nzTitle]="'comingSoon.title' | transloco: { area: (area() | transloco) }"
        [nzSubTitle]="'comingSoon.text' | transloco"
        data-testid="coming-soon"
      >
        <div nz-result-extra>
          <a nz-button nzType="primary" routerLink="/dashboard">{{ 'comingSoon.back' | transloco }}</a>
        </div>
      </nz-result>
    </div>
  `,
})
export class ComingSoon {
  /** Translation key of the area's name (route data). */
  readonly area = input('nav.dashboard');
}
