import { ChangeDetectionStrategy, Component, untracked, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { DISCLOSURE_KINDS, DISCLOSURE_STATUSES, type DisclosureKind, type DisclosureStatus } from '@ttx/shared/contracts';
import { type DisclosurePageView, RightsApi } from '@ttx/web/api-client';
import { LanguageService } from '@ttx/web/core';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { formatTime, STATUS_COLORS } from './rights-text';
import { AccessibleLabel } from '@ttx/web/ui';

/** Public notice board (公示): empowerment decisions and deals, no sign-in needed. */
@Component({
  selector: 'ttx-notice-board',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzSelectModule, NzTableModule, NzTagModule],
  template: `
    <div class="ttx-page">
      <h1 data-testid="notices-heading">{{ 'rights.notices.title' | transloco }}</h1>
      <p>{{ 'rights.notices.intro' | transloco }}</p>
      <div style="display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 16px">
        <nz-select style="width: 160px" nzAllowClear [ttxLabel]="'rights.notices.kindLabel' | transloco" [nzPlaceHolder]="'rights.notices.allKinds' | transloco" [ngModel]="kind()" (ngModelChange)="kind.set($event ?? null); page.set(1)" data-testid="notices-kind">
          @for (k of kinds; track k) {
            <nz-option [nzValue]="k" [nzLabel]="'rights.noticeKind.' + k | transloco" />
          }
        </nz-select>
        <nz-select style="width: 160px" nzAllowClear [ttxLabel]="'rights.notices.statusLabel' | transloco" [nzPlaceHolder]="'rights.notices.allStatuses' | transloco" [ngModel]="status()" (ngModelChange)="status.set($event ?? null); page.set(1)" data-testid="notices-status">
          @for (s of statuses; track s) {
            <nz-option [nzValue]="s" [nzLabel]="'rights.noticeStatus.' + s | transloco" />
          }
        </nz-select>
      </div>
      <nz-table
        [nzData]="result()?.items ?? []"
        [nzTotal]="result()?.total ?? 0"
        [nzPageIndex]="page()"
        [nzPageSize]="20"
        [nzFrontPagination]="false"
        (nzPageIndexChange)="page.set($event)"
        data-testid="notices-table"
      >
        <thead>
          <tr>
            <th>{{ 'rights.notices.colTitle' | transloco }}</th>
            <th>{{ 'rights.notices.colInstitution' | transloco }}</th>
            <th>{{ 'rights.notices.colPeriod' | transloco }}</th>
            <th>{{ 'rights.col.status' | transloco }}</th>
            <th>{{ 'rights.notices.colObjections' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (d of result()?.items ?? []; track d.id) {
            <tr [attr.data-testid]="'notice-row-' + d.subjectId">
              <td>
                <nz-tag>{{ 'rights.noticeKind.' + d.kind | transloco }}</nz-tag>
                <a [routerLink]="['/rights/notices', d.id]">{{ language.lang() === 'zh-CN' ? d.titleZh : d.titleEn }}</a>
              </td>
              <td>{{ d.institutionName ?? '—' }}</td>
              <td>{{ time(d.startsAt) }} – {{ time(d.endsAt) }}</td>
              <td>
                <nz-tag [nzColor]="colors[d.status]" data-testid="notice-row-status">{{ 'rights.noticeStatus.' + d.status | transloco }}</nz-tag>
                @if (d.outcome) {
                  <nz-tag>{{ 'rights.outcome.' + d.outcome | transloco }}</nz-tag>
                }
              </td>
              <td data-testid="notice-row-objections">{{ d.objections.total }}</td>
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
  `,
})
export class NoticeBoard {
  private readonly api = inject(RightsApi);
  protected readonly language = inject(LanguageService);
  protected readonly colors = STATUS_COLORS;
  protected readonly kinds = DISCLOSURE_KINDS;
  protected readonly statuses = DISCLOSURE_STATUSES;
  protected readonly kind = signal<DisclosureKind | null>(null);
  protected readonly status = signal<DisclosureStatus | null>(null);
  protected readonly page = signal(1);
  protected readonly result = signal<DisclosurePageView | null>(null);

  constructor() {
    effect(() => {
      const params = { page: this.page(), pageSize: 20, kind: this.kind() ?? undefined, status: this.status() ?? undefined };
      untracked(() => void this.api.disclosures(params).then((r) => this.result.set(r)));
    });
  }

  protected time(iso: string): string {
    return formatTime(iso, this.language.lang());
  }
}
