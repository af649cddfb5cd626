import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ACHIEVEMENT_STATUSES } from '@ttx/shared/contracts';
import { type AchievementPageView, type AchievementStatus, CatalogApi } from '@ttx/web/api-client';
import { AuthStore, LanguageService, reloadOn } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type Localized, pickText } from './catalog-text';
import { AccessibleLabel } from '@ttx/web/ui';

/** Institution portal: the institution's achievements with status filter and every lifecycle action the caller may take. */
@Component({
  selector: 'ttx-my-achievements',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzButtonModule, NzPopconfirmModule, NzSelectModule, NzTableModule, NzTagModule],
  template: `
    <div class="ttx-page">
      <h1 data-testid="mine-heading">{{ 'catalog.mine.title' | transloco }}</h1>
      <div style="display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 16px">
        <nz-select
          style="width: 180px"
          [ttxLabel]="'catalog.mine.colStatus' | transloco"
          nzAllowClear
          [nzPlaceHolder]="'catalog.mine.allStatuses' | transloco"
          [ngModel]="status()"
          (ngModelChange)="status.set($event ?? null); page.set(1)"
          data-testid="mine-status"
        >
          @for (s of statuses; track s) {
            <nz-option [nzValue]="s" [nzLabel]="'catalog.status.' + s | transloco" />
          }
        </nz-select>
        <a nz-button nzType="primary" routerLink="/catalog/new" data-testid="mine-new">{{ 'catalog.mine.new' | transloco }}</a>
      </div>
      <nz-table
        [nzData]="result()?.items ?? []"
        [nzTotal]="result()?.total ?? 0"
        [nzPageIndex]="page()"
        [nzPageSize]="20"
        [nzFrontPagination]="false"
        [nzLoading]="loading()"
        (nzPageIndexChange)="page.set($event)"
        data-testid="mine-table"
      >
        <thead>
          <tr>
            <th>{{ 'catalog.mine.colTitle' | transloco }}</th>
            <th>{{ 'catalog.facet.kind' | transloco }}</th>
            <th>{{ 'catalog.mine.colStatus' | transloco }}</th>
            <th>{{ 'catalog.mine.colActions' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (a of result()?.items ?? []; track a.id) {
            <tr [attr.data-testid]="'mine-row-' + a.id">
              <td><a [routerLink]="['/catalog', a.id]">{{ pick(a.title) }}</a></td>
              <td>{{ 'catalog.kind.' + a.kind | transloco }}</td>
              <td><nz-tag data-testid="mine-row-status">{{ 'catalog.status.' + a.status | transloco }}</nz-tag></td>
              <td>
                @if (a.status === 'draft' || a.status === 'withdrawn') {
                  <button nz-button nzSize="small" (click)="act('submit', a.id)" data-testid="mine-submit">{{ 'catalog.mine.submit' | transloco }}</button>
                }
                @if (a.status === 'submitted' && tto()) {
                  <button nz-button nzSize="small" nzType="primary" (click)="act('publish', a.id)" data-testid="mine-publish">
                    {{ 'catalog.mine.publish' | transloco }}
                  </button>
                }
                @if (a.status !== 'archived' && (a.status !== 'published' || tto())) {
                  <a nz-button nzSize="small" nzType="link" [routerLink]="['/catalog', a.id, 'edit']" data-testid="mine-edit">{{ 'catalog.mine.edit' | transloco }}</a>
                }
                @if (a.status === 'submitted' || (a.status === 'published' && tto())) {
                  <button
                    nz-button
                    nzSize="small"
                    nz-popconfirm
                    [nzPopconfirmTitle]="'catalog.mine.withdrawConfirm' | transloco"
                    (nzOnConfirm)="act('withdraw', a.id)"
                    data-testid="mine-withdraw"
                  >
                    {{ 'catalog.mine.withdraw' | transloco }}
                  </button>
                }
                @if (a.status !== 'archived' && tto()) {
                  <button
                    nz-button
                    nzSize="small"
                    nzDanger
                    nz-popconfirm
                    [nzPopconfirmTitle]="'catalog.mine.archiveConfirm' | transloco"
                    (nzOnConfirm)="act('archive', a.id)"
                    data-testid="mine-archive"
                  >
                    {{ 'catalog.mine.archive' | transloco }}
                  </button>
                }
              </td>
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
  `,
})
export class MyAchievements {
  private readonly api = inject(CatalogApi);
  protected readonly auth = inject(AuthStore);
  private readonly language = inject(LanguageService);

  protected readonly statuses = ACHIEVEMENT_STATUSES;
  protected readonly status = signal<AchievementStatus | null>(null);
  protected readonly page = signal(1);
  protected readonly result = signal<AchievementPageView | null>(null);
  protected readonly loading = signal(false);

  constructor() {
    reloadOn(() => [this.status(), this.page()] as const, ([status, page]) => this.load(status, page));
  }

  async load(status: AchievementStatus | null, page: number): Promise<void> {
    this.loading.set(true);
    try {
      this.result.set(await this.api.myAchievements({ page, pageSize: 20, ...(status ? { status } : {}) }));
    } catch {
      /* shown by the error interceptor */
    } finally {
      this.loading.set(false);
    }
  }

  /** TTO managers publish, withdraw published listings, edit published ones and archive. */
  protected readonly tto = computed(() => this.auth.hasRole('tto_manager'));

  async act(action: 'submit' | 'publish' | 'withdraw' | 'archive', id: string): Promise<void> {
    const calls = {
      submit: (x: string) => this.api.submitAchievement(x),
      publish: (x: string) => this.api.publishAchievement(x),
      withdraw: (x: string) => this.api.withdrawAchievement(x),
      archive: (x: string) => this.api.archiveAchievement(x),
    };
    try {
      await calls[action](id);
    } catch {
      return;
    }
    await this.load(this.status(), this.page());
  }

  protected pick(text: Localized): string {
    return pickText(text, this.language.lang());
  }
}
