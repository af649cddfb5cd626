import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { PaymentTerms } from '@ttx/shared/contracts';
import { LanguageService } from '@ttx/web/core';
import { termLines, yuan } from './licensing-format';

/** The payment terms of a licence as readable lines (use-first-pay-later first: it decides when anything is due). */
@Component({
  selector: 'ttx-licence-terms',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <ul class="terms" data-testid="licence-terms">
      @for (line of lines(); track $index) {
        <li [attr.data-testid]="line.testId">{{ line.key | transloco: line.params }}</li>
      } @empty {
        <li>{{ 'licensing.terms.none' | transloco }}</li>
      }
    </ul>
  `,
  styles: `.terms { margin: 0; padding-left: 20px; }`,
})
export class LicenceTerms {
  private readonly language = inject(LanguageService);
  readonly terms = input.required<PaymentTerms>();
  readonly deferredUntil = input<string | null>(null);
  protected readonly lines = computed(() => termLines(this.terms(), (fen) => yuan(fen, this.language.lang()), this.deferredUntil()));
}
