import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzResultModule } from 'ng-zorro-antd/result';

@Component({
  selector: 'ttx-not-found',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzButtonModule, NzResultModule],
  template: `
    <div class="ttx-page">
      <nz-result nzStatus="404" [nzTitle]="'notFound.title' | transloco" [nzSubTitle]="'notFound.text' | transloco" data-testid="not-found">
        <div nz-result-extra>
          <a nz-button nzType="primary" routerLink="/">{{ 'notFound.home' | transloco }}</a>
        </div>
      </nz-result>
    </div>
  `,
})
export class NotFound {}
