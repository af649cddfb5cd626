import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type AttachmentView, CatalogApi } from '@ttx/web/api-client';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzListModule } from 'ng-zorro-antd/list';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';

/** Readable size: 1.2 MB, 340 KB, 12 B. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/**
 * An achievement's attachments (part of its confidential detail). Downloads go through the API client,
 * so the access token travels with them; `editable` adds upload and remove for the owner's writers.
 */
@Component({
  selector: 'ttx-attachment-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, NzButtonModule, NzListModule, NzPopconfirmModule],
  template: `
    <nz-list nzSize="small" [nzDataSource]="attachments()" [nzRenderItem]="item" data-testid="attachments">
      <ng-template #item let-a>
        <nz-list-item [attr.data-testid]="'attachment-' + a.id">
          <button nz-button nzType="link" (click)="download(a)" data-testid="attachment-download">{{ a.name }}</button>
          <span class="meta">{{ size(a.sizeBytes) }}</span>
          @if (editable()) {
            <button
              nz-button
              nzType="link"
              nzDanger
              nz-popconfirm
              [nzPopconfirmTitle]="'catalog.attachments.removeConfirm' | transloco"
              (nzOnConfirm)="remove(a)"
              data-testid="attachment-remove"
            >
              {{ 'catalog.form.remove' | transloco }}
            </button>
          }
        </nz-list-item>
      </ng-template>
    </nz-list>
    @if (editable()) {
      <input #picker type="file" hidden (change)="upload(picker)" data-testid="attachment-input" />
      <button nz-button nzType="dashed" [nzLoading]="busy()" (click)="picker.click()" data-testid="attachment-add">
        {{ 'catalog.attachments.add' | transloco }}
      </button>
      <p class="hint">{{ 'catalog.attachments.hint' | transloco }}</p>
    }
  `,
  styles: `
    .meta { color: var(--ttx-text-secondary); margin-left: 8px; }
    .hint { color: var(--ttx-text-secondary); margin-top: 4px; }
  `,
})
export class AttachmentList {
  private readonly api = inject(CatalogApi);

  readonly achievementId = input.required<string>();
  readonly attachments = input.required<AttachmentView[]>();
  readonly editable = input(false);
  /** After an upload or a removal: the parent reloads the achievement. */
  readonly changed = output<void>();
  protected readonly busy = signal(false);
  protected readonly size = fileSize;

  async download(a: AttachmentView): Promise<void> {
    const blob = await this.api.downloadAttachment(this.achievementId(), a.id);
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = a.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async upload(picker: HTMLInputElement): Promise<void> {
    const file = picker.files?.[0];
    picker.value = '';
    if (!file) return;
    this.busy.set(true);
    try {
      await this.api.uploadAttachment(this.achievementId(), file);
      this.changed.emit();
    } catch {
      /* the error interceptor shows the problem (type, size) */
    } finally {
      this.busy.set(false);
    }
  }

  async remove(a: AttachmentView): Promise<void> {
    try {
      await this.api.deleteAttachment(this.achievementId(), a.id);
      this.changed.emit();
    } catch {
      /* shown by the error interceptor */
    }
  }
}
