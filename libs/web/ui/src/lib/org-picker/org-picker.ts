import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzSelectModule } from 'ng-zorro-antd/select';

export interface OrgOption {
  id: string;
  name: string;
}

/**
 * Lets a member of several organisations say which one acts (accepting an NDA, filing an achievement).
 * Renders nothing for one or no organisation: the API then picks the only one itself.
 */
@Component({
  selector: 'ttx-org-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, NzSelectModule],
  template: `
    @if (options().length > 1) {
      <nz-select style="min-width: 260px" [nzPlaceHolder]="placeholder()" [ngModel]="value()" (ngModelChange)="value.set($event)" data-testid="org-picker">
        @for (o of options(); track o.id) {
          <nz-option [nzValue]="o.id" [nzLabel]="o.name" />
        }
      </nz-select>
    }
  `,
})
export class OrgPicker {
  readonly options = input.required<readonly OrgOption[]>();
  readonly placeholder = input('');
  readonly value = model<string | null>(null);
}
