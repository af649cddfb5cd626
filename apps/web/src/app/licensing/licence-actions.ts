import { HttpContext } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { type LicenceDetailView, LicensingApi } from '@ttx/web/api-client';
import { SKIP_ERROR_TOAST, toProblem } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { AccessibleLabel } from '@ttx/web/ui';

/** What went wrong: the API's words, or null for no answer (network). */
interface Failure {
  text: string | null;
}

/** The API's limit on a termination reason (TerminateLicenceDto). */
const REASON_MAX = 1000;

/**
 * The licensor's TTO activates a draft licence (invoices then follow its terms) or terminates a draft or
 * active one, giving the reason the API records in the audit chain. Both ask for confirmation first.
 */
@Component({
  selector: 'ttx-licence-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, TranslocoPipe, NzAlertModule, NzButtonModule, NzInputModule, NzModalModule, NzPopconfirmModule],
  template: `
    <div class="actions">
      @if (licence().status === 'draft') {
        <button nz-button nzType="primary" nz-popconfirm [nzPopconfirmTitle]="'licensing.actions.activateConfirm' | transloco" (nzOnConfirm)="activate()"
          [nzLoading]="busy()" data-testid="licence-activate">{{ 'licensing.actions.activate' | transloco }}</button>
      }
      @if (licence().status === 'draft' || licence().status === 'active') {
        <button nz-button nzDanger (click)="openTerminate()" [disabled]="busy()" data-testid="licence-terminate">{{ 'licensing.actions.terminate' | transloco }}</button>
      }
    </div>
    @if (error(); as e) { <nz-alert nzType="error" [nzMessage]="e.text ?? ('errors.network' | transloco)" data-testid="licence-action-error" /> }
    <nz-modal [nzVisible]="terminating()" [nzTitle]="'licensing.actions.terminateTitle' | transloco" (nzOnCancel)="terminating.set(false)" (nzOnOk)="terminate()"
      [nzOkLoading]="busy()" nzOkDanger [nzOkText]="'licensing.actions.terminate' | transloco" [nzCancelText]="'licensing.form.cancel' | transloco">
      <ng-container *nzModalContent>
        <p>{{ 'licensing.actions.terminateHint' | transloco }}</p>
        <textarea nz-input rows="4" [maxlength]="reasonMax" [ttxLabel]="'licensing.actions.reason' | transloco" [placeholder]="'licensing.actions.reason' | transloco" [ngModel]="reason()"
          (ngModelChange)="reason.set($event); reasonMissing.set(false)" data-testid="terminate-reason"></textarea>
        @if (reasonMissing()) { <p class="error" data-testid="terminate-reason-error">{{ 'licensing.actions.reasonRequired' | transloco }}</p> }
        @if (modalError(); as e) { <nz-alert nzType="error" [nzMessage]="e.text ?? ('errors.network' | transloco)" data-testid="terminate-error" /> }
      </ng-container>
    </nz-modal>
  `,
  styles: `
    .actions { display: flex; gap: 8px; margin: 8px 0 16px; }
    .error { color: var(--ttx-error); margin: 4px 0 0; }
  `,
})
export class LicenceActions {
  private readonly api = inject(LicensingApi);
  readonly licence = input.required<LicenceDetailView>();
  readonly changed = output<LicenceDetailView>();

  protected readonly reasonMax = REASON_MAX;
  protected readonly busy = signal(false);
  protected readonly error = signal<Failure | null>(null);
  protected readonly terminating = signal(false);
  protected readonly reason = signal('');
  protected readonly reasonMissing = signal(false);
  protected readonly modalError = signal<Failure | null>(null);

  protected async activate(): Promise<void> {
    this.error.set(null);
    const done = await this.run(() => this.api.activate(this.licence().id, new HttpContext().set(SKIP_ERROR_TOAST, true)), (m) => this.error.set(m));
    if (done) this.changed.emit(done);
  }

  protected openTerminate(): void {
    this.reason.set('');
    this.reasonMissing.set(false);
    this.modalError.set(null);
    this.terminating.set(true);
  }

  protected async terminate(): Promise<void> {
    const reason = this.reason().trim();
    if (!reason) return this.reasonMissing.set(true);
    const done = await this.run(() => this.api.terminate(this.licence().id, { reason }, new HttpContext().set(SKIP_ERROR_TOAST, true)), (m) => this.modalError.set(m));
    if (!done) return;
    this.terminating.set(false);
    this.changed.emit(done);
  }

  /** Runs one call; a refusal (e.g. 409 licence-not-draft when someone else acted first) is shown as the API words it. */
  private async run(call: () => Promise<LicenceDetailView>, fail: (f: Failure) => void): Promise<LicenceDetailView | null> {
    if (this.busy()) return null;
    this.busy.set(true);
    try {
      return await call();
    } catch (e) {
      const p = toProblem(e);
      fail({ text: p ? (p.detail ?? p.title) : null });
      return null;
    } finally {
      this.busy.set(false);
    }
  }
}
