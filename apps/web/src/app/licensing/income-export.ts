import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LicensingApi } from '@ttx/web/api-client';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { saveBlob } from './licensing-format';

/** CSV / XLSX download of the caller's income statement (a researcher's own lines, a TTO's organisation). */
@Component({
  selector: 'ttx-income-export',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, NzButtonModule],
  template: `
    @for (f of formats; track f) {
      <button nz-button [nzLoading]="busy() === f" (click)="download(f)" [attr.data-testid]="'income-export-' + f">{{ 'licensing.export.' + f | transloco }}</button>
    }
  `,
  styles: `:host { display: inline-flex; gap: 8px; }`,
})
export class IncomeExport {
  private readonly api = inject(LicensingApi);
  /** An institution's statement (its TTO manager); unset: the caller's own lines. */
  readonly organizationId = input<string | undefined>(undefined);
  protected readonly formats = ['csv', 'xlsx'] as const;
  protected readonly busy = signal<'csv' | 'xlsx' | null>(null);

  async download(format: 'csv' | 'xlsx'): Promise<void> {
    this.busy.set(format);
    try {
      saveBlob(await this.api.exportIncome(format, this.organizationId()), `income-${new Date().toISOString().slice(0, 10)}.${format}`);
    } catch {
      /* shown by the error interceptor */
    } finally {
      this.busy.set(null);
    }
  }
}
