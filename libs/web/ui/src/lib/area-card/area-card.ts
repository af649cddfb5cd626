import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';

/** One business area on the home page: icon, title, a sentence. */
@Component({
  selector: 'ttx-area-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzCardModule, NzIconModule],
  template: `
    <nz-card [nzBordered]="true" class="area">
      <nz-icon [nzType]="icon()" nzTheme="outline" class="icon" />
      <h3>{{ heading() }}</h3>
      <p>{{ description() }}</p>
    </nz-card>
  `,
  styles: `
    :host { display: block; height: 100%; }
    .area { height: 100%; }
    .icon { font-size: 28px; color: var(--ant-primary-color); }
    h3 { margin: 12px 0 8px; font-size: 17px; }
    p { margin: 0; color: rgba(0, 0, 0, 0.65); }
  `,
})
export class AreaCard {
  readonly icon = input.required<string>();
  readonly heading = input.required<string>();
  readonly description = input.required<string>();
}
