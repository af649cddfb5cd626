import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The TTX mark with the exchange's name; texts come translated from the caller. */
@Component({
  selector: 'ttx-brand',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="mark" aria-hidden="true">TTX</span>
    <span class="name">{{ name() }}</span>
  `,
  styles: `
    :host { display: inline-flex; align-items: center; gap: 10px; white-space: nowrap; max-width: 100%; min-width: 0; }
    .mark { font-weight: 800; letter-spacing: 1px; padding: 2px 8px; border-radius: 4px;
      background: var(--ant-primary-color, #0958d9); color: #fff; font-size: 15px; line-height: 24px; }
    .name { font-weight: 600; font-size: 16px; color: inherit; min-width: 0; overflow: hidden; text-overflow: ellipsis; }
  `,
})
export class Brand {
  readonly name = input.required<string>();
}
