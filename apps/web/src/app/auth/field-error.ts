import { ChangeDetectionStrategy, Component, computed, effect, input, signal } from '@angular/core';
import { AbstractControl } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { fieldMessage } from './form-errors';

/** The message under a form field, translated (server messages are shown as sent). */
@Component({
  selector: 'ttx-field-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    @let m = message();
    @if (m) {
      <span [attr.data-testid]="testId()">{{ m.text ?? (m.key | transloco: m.params) }}</span>
    }
  `,
})
export class FieldError {
  readonly control = input.required<AbstractControl>();
  readonly testId = input<string>();

  /** Bumped on every value/status/touched event of the control (its errors are not signals). */
  private readonly version = signal(0);
  protected readonly message = computed(() => {
    this.version();
    return fieldMessage(this.control());
  });

  constructor() {
    effect((onCleanup) => {
      const sub = this.control().events.subscribe(() => this.version.update((v) => v + 1));
      onCleanup(() => sub.unsubscribe());
    });
  }
}
