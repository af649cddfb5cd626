import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';

/** A card with a title and an empty state ("No items yet"); extra content is projected below. */
@Component({
  selector: 'ttx-empty-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzCardModule, NzEmptyModule],
  template: `
    <nz-card [nzTitle]="heading()">
      <nz-empty [nzNotFoundContent]="emptyText()" data-testid="empty-card-empty"></nz-empty>
      <ng-content />
    </nz-card>
  `,
})
export class EmptyCard {
  readonly heading = input.required<string>();
  readonly emptyText = input.required<string>();
}
