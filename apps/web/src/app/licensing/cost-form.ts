import { HttpContext } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { yuanToFen } from '@ttx/shared/policy';
import { LicensingApi } from '@ttx/web/api-client';
import { SKIP_ERROR_TOAST, toProblem } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { AccessibleLabel } from '@ttx/web/ui';

/** The TTO records a deal cost (evaluation, legal, fees, taxes); it is charged to the next payments before the split. */
@Component({
  selector: 'ttx-cost-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, TranslocoPipe, NzAlertModule, NzButtonModule, NzInputModule],
  template: `
    <form class="cost" (ngSubmit)="submit()" data-testid="cost-form">
      <input nz-input name="amount" style="width: 160px" [ttxLabel]="'licensing.cost.amount' | transloco" [placeholder]="'licensing.cost.amount' | transloco" [ngModel]="amount()" (ngModelChange)="amount.set($event)" data-testid="cost-amount" />
      <input nz-input name="description" style="flex: 1 1 240px" [ttxLabel]="'licensing.cost.purpose' | transloco" [placeholder]="'licensing.cost.description' | transloco" [ngModel]="description()" (ngModelChange)="description.set($event)" data-testid="cost-description" />
      <button nz-button type="submit" [nzLoading]="saving()" data-testid="cost-submit">{{ 'licensing.cost.submit' | transloco }}</button>
    </form>
    @if (error(); as e) { <nz-alert nzType="error" [nzMessage]="e.key ? (e.key | transloco) : e.text" data-testid="cost-error" /> }
    @if (done()) { <nz-alert nzType="success" [nzMessage]="'licensing.cost.saved' | transloco" data-testid="cost-saved" /> }
  `,
  styles: `.cost { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0; }`,
})
export class CostForm {
  private readonly api = inject(LicensingApi);
  readonly licenceId = input.required<string>();
  readonly saved = output<void>();
  protected readonly amount = signal('');
  protected readonly description = signal('');
  protected readonly saving = signal(false);
  protected readonly done = signal(false);
  protected readonly error = signal<{ key: string | null; text: string } | null>(null);

  async submit(): Promise<void> {
    if (this.saving()) return;
    this.done.set(false);
    const fen = yuanToFen(this.amount());
    if (fen === null || fen <= 0) return this.error.set({ key: 'licensing.cost.errors.amount', text: '' });
    if (this.description().trim().length < 2) return this.error.set({ key: 'licensing.cost.errors.description', text: '' });
    this.error.set(null);
    this.saving.set(true);
    try {
      await this.api.addCost(this.licenceId(), { amount: fen, description: this.description().trim() }, new HttpContext().set(SKIP_ERROR_TOAST, true));
      this.amount.set('');
      this.description.set('');
      this.done.set(true);
      this.saved.emit();
    } catch (e) {
      const p = toProblem(e);
      this.error.set({ key: p ? null : 'errors.unknown', text: p ? (p.detail ?? p.title) : '' });
    } finally {
      this.saving.set(false);
    }
  }
}
