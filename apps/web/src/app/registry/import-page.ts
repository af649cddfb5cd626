import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type ImportStatusView, RegistryApi } from '@ttx/web/api-client';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzTableModule } from 'ng-zorro-antd/table';
import { saveBlob } from './registry-format';
import { AccessibleLabel } from '@ttx/web/ui';

const POLL_MS = 500;

/** Registrars: template download, upload, a progress bar fed by the worker's job progress, the bad rows. */
@Component({
  selector: 'ttx-import-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, TranslocoPipe, NzAlertModule, NzButtonModule, NzProgressModule, NzTableModule],
  template: `
    <div class="ttx-page" style="max-width: 1000px">
      <h1>{{ 'registry.import' | transloco }}</h1>
      <p>{{ 'registry.importPage.intro' | transloco }}</p>
      <div style="display: flex; gap: 8px; margin-bottom: 16px; flex-wrap: wrap; align-items: center">
        <button nz-button (click)="template('csv')" data-testid="imp-template">{{ 'registry.importPage.template' | transloco }}</button>
        <button nz-button (click)="template('xlsx')">{{ 'registry.importPage.templateXlsx' | transloco }}</button>
        <input type="file" accept=".csv,.xlsx" [ttxLabel]="'registry.importPage.choose' | transloco" (change)="pick($event)" data-testid="imp-file" />
        <button nz-button nzType="primary" [disabled]="!file() || running()" (click)="start()" data-testid="imp-start">{{ 'registry.importPage.start' | transloco }}</button>
      </div>
      @if (status(); as s) {
        <nz-progress [nzPercent]="percent()" [nzStatus]="s.status === 'failed' ? 'exception' : s.status === 'done' ? 'success' : 'active'" data-testid="imp-progress" />
        <p data-testid="imp-summary">
          {{ 'registry.importPage.processed' | transloco: { processed: s.processed } }} ·
          {{ 'registry.importPage.imported' | transloco: { count: s.imported } }} ·
          {{ 'registry.importPage.duplicates' | transloco: { count: s.duplicates } }} ·
          {{ 'registry.importPage.errors' | transloco: { count: s.errorCount } }}
        </p>
        @if (s.status === 'done') { <nz-alert nzType="success" [nzMessage]="'registry.importPage.done' | transloco" data-testid="imp-done" /> }
        @if (s.status === 'failed') { <nz-alert nzType="error" [nzMessage]="'registry.importPage.failed' | transloco" [nzDescription]="s.failure ?? ''" /> }
        @if (s.errors.length) {
          <nz-table [nzData]="s.errors" [nzPageSize]="20" nzSize="small" style="margin-top: 16px" data-testid="imp-errors">
            <thead><tr><th>{{ 'registry.col.row' | transloco }}</th><th>{{ 'registry.col.field' | transloco }}</th><th>{{ 'registry.col.message' | transloco }}</th></tr></thead>
            <tbody>
              @for (e of s.errors; track $index) {
                <tr data-testid="imp-error-row"><td>{{ e.row }}</td><td>{{ e.field }}</td><td>{{ e.message }}</td></tr>
              }
            </tbody>
          </nz-table>
        }
      }
    </div>
  `,
})
export class ImportPage {
  private readonly api = inject(RegistryApi);
  protected readonly file = signal<File | null>(null);
  protected readonly status = signal<ImportStatusView | null>(null);
  protected readonly running = signal(false);
  protected readonly percent = signal(0);
  private timer?: ReturnType<typeof setTimeout>;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  pick(e: Event): void {
    this.file.set((e.target as HTMLInputElement).files?.[0] ?? null);
  }

  async template(format: 'csv' | 'xlsx'): Promise<void> {
    saveBlob(await this.api.contractImportTemplate(format), `contracts-template.${format}`);
  }

  async start(): Promise<void> {
    const file = this.file();
    if (!file) return;
    this.running.set(true);
    this.percent.set(0);
    try {
      const { importId } = await this.api.startContractImport(file);
      await this.poll(importId);
    } catch {
      this.running.set(false);
    }
  }

  private async poll(id: string): Promise<void> {
    const s = await this.api.contractImport(id);
    this.status.set(s);
    const done = s.status === 'done' || s.status === 'failed';
    this.percent.set(done ? 100 : s.total ? Math.min(99, Math.floor((s.processed / s.total) * 100)) : 0);
    if (done) this.running.set(false);
    else this.timer = setTimeout(() => void this.poll(id).catch(() => this.running.set(false)), POLL_MS);
  }
}
