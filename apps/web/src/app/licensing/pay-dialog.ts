import { HttpContext } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { type InvoiceView, LicensingApi, type PaymentView } from '@ttx/web/api-client';
import { LanguageService, SKIP_ERROR_TOAST, toProblem } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { fenToYuanInput } from '@ttx/shared/policy';
import { newIdempotencyKey } from '../market/market-text';
import { checkPaymentAmount, yuan } from './licensing-format';

/**
 * Pays (part of) an invoice. One Idempotency-Key per opening of the dialog: a double click or a retry
 * after a lost response replays the same payment instead of paying twice. Only a definite refusal
 * (4xx other than 409/429: nothing was recorded) takes a fresh key, so the corrected amount is not
 * refused as "same key, other body".
 */
@Component({
  selector: 'ttx-pay-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslocoPipe, NzAlertModule, NzInputModule, NzModalModule],
  template: `
    <nz-modal [nzVisible]="!!invoice()" [nzTitle]="'licensing.pay.title' | transloco" (nzOnCancel)="closed.emit()" (nzOnOk)="pay()"
      [nzOkLoading]="paying()" [nzOkText]="'licensing.pay.confirm' | transloco" [nzCancelText]="'licensing.pay.cancel' | transloco">
      <ng-container *nzModalContent>
        @if (invoice(); as inv) {
          <p data-testid="pay-invoice">{{ 'licensing.pay.invoice' | transloco: { number: inv.number, outstanding: money(inv.outstanding) } }}</p>
          <label>{{ 'licensing.pay.amount' | transloco }}
            <input nz-input name="amount" [ngModel]="amountText()" (ngModelChange)="amountText.set($event); error.set(null)" data-testid="pay-amount" />
          </label>
          <p class="hint">{{ 'licensing.pay.partialHint' | transloco }}</p>
          @if (error(); as e) {
            <nz-alert nzType="error" [nzMessage]="e.key ? (e.key | transloco) : e.text" [nzDescription]="e.lines.join('; ')" data-testid="pay-error" />
          }
        }
      </ng-container>
    </nz-modal>
  `,
  styles: `.hint { color: var(--ttx-text-secondary); font-size: 12px; margin-top: 4px; } label { display: block; }`,
})
export class PayDialog {
  private readonly api = inject(LicensingApi);
  private readonly language = inject(LanguageService);
  /** The invoice to pay; null closes the dialog. */
  readonly invoice = input<InvoiceView | null>(null);
  readonly closed = output<void>();
  readonly paid = output<PaymentView>();

  protected readonly amountText = signal('');
  protected readonly paying = signal(false);
  protected readonly error = signal<{ key: string | null; text: string; lines: string[] } | null>(null);
  /** The Idempotency-Key of this opening of the dialog. */
  private key = '';

  constructor() {
    effect(() => {
      const inv = this.invoice();
      untracked(() => {
        if (!inv) return;
        this.key = newIdempotencyKey();
        this.amountText.set(fenToYuanInput(inv.outstanding));
        this.error.set(null);
        this.paying.set(false);
      });
    });
  }

  protected money(fen: number): string {
    return yuan(fen, this.language.lang());
  }

  async pay(): Promise<void> {
    const inv = this.invoice();
    if (!inv || this.paying()) return;
    const { error, fen } = checkPaymentAmount(this.amountText());
    if (error || fen === null) {
      this.error.set({ key: `licensing.pay.errors.${error}`, text: '', lines: [] });
      return;
    }
    this.paying.set(true);
    try {
      const payment = await this.api.pay({ invoiceId: inv.id, amount: fen }, this.key, new HttpContext().set(SKIP_ERROR_TOAST, true));
      this.paid.emit(payment);
    } catch (e) {
      const problem = toProblem(e);
      const status = (e as { status?: number }).status ?? 0;
      if (status >= 400 && status < 500 && status !== 409 && status !== 429) this.key = newIdempotencyKey();
      this.error.set(
        problem
          ? { key: null, text: problem.detail ?? problem.title, lines: (problem.errors ?? []).map((f) => `${f.field}: ${f.message}`) }
          : { key: status === 0 ? 'errors.network' : 'errors.unknown', text: '', lines: [] },
      );
    } finally {
      this.paying.set(false);
    }
  }
}
