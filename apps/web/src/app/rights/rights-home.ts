import { ChangeDetectionStrategy, Component, untracked, effect, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type EmpowermentPageView, RightsApi } from '@ttx/web/api-client';
import { AuthStore, LanguageService } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type Localized, pickText } from '../catalog/catalog-text';
import { formatTime, STATUS_COLORS } from './rights-text';

type Tab = 'mine' | 'review';

/**
 * Rights home: for TTO managers the review queue (first), for researchers their team's applications. Only roles
 * the API lets apply (`empowerment:apply`) get "My applications": for anyone else it could only ever be empty.
 */
@Component({
  selector: 'ttx-rights-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzButtonModule, NzTableModule, NzTabsModule, NzTagModule],
  template: `
    <div class="ttx-page">
      <h1 data-testid="rights-heading">{{ 'rights.home.title' | transloco }}</h1>
      <p>{{ 'rights.home.intro' | transloco }}</p>
      <p style="display: flex; flex-wrap: wrap; gap: 8px">
        <a nz-button routerLink="/rights/notices" data-testid="rights-notices-link">{{ 'rights.notices.title' | transloco }}</a>
        @if (isTto()) {
          <a nz-button routerLink="/rights/policy" data-testid="rights-policy-link">{{ 'rights.home.policy' | transloco }}</a>
        }
      </p>
      @if (!tabs().length) {
        <p data-testid="rights-nothing">{{ 'rights.home.nothing' | transloco }}</p>
      }
      <nz-tabs>
        @for (tab of tabs(); track tab) {
          <nz-tab [nzTitle]="'rights.home.' + tab | transloco">
            <nz-table [nzData]="pages()[tab]?.items ?? []" [nzTotal]="pages()[tab]?.total ?? 0" [nzPageIndex]="pages()[tab]?.page ?? 1" [nzPageSize]="pageSize"
              [nzFrontPagination]="false" nzSize="small" (nzPageIndexChange)="load(tab, $event)" [attr.data-testid]="'rights-table-' + tab">
              <thead>
                <tr>
                  <th>{{ 'rights.col.achievement' | transloco }}</th>
                  <th>{{ 'rights.col.model' | transloco }}</th>
                  <th>{{ 'rights.col.applicant' | transloco }}</th>
                  <th>{{ 'rights.col.consents' | transloco }}</th>
                  <th>{{ 'rights.col.status' | transloco }}</th>
                  <th>{{ 'rights.col.noticeEnds' | transloco }}</th>
                </tr>
              </thead>
              <tbody>
                @for (e of pages()[tab]?.items ?? []; track e.id) {
                  <tr [attr.data-testid]="'rights-row-' + e.id">
                    <td><a [routerLink]="['/rights/empowerments', e.id]">{{ pick(e.achievementTitle) }}</a></td>
                    <td>{{ 'rights.model.' + e.model | transloco }}</td>
                    <td>{{ e.applicantName }}</td>
                    <td>{{ e.consentsGiven }} / {{ e.consentsNeeded }}</td>
                    <td><nz-tag [nzColor]="colors[e.status]">{{ 'rights.status.' + e.status | transloco }}</nz-tag></td>
                    <td>{{ time(e.noticeEndsAt) }}</td>
                  </tr>
                }
              </tbody>
            </nz-table>
          </nz-tab>
        }
      </nz-tabs>
    </div>
  `,
})
export class RightsHome {
  private readonly api = inject(RightsApi);
  private readonly auth = inject(AuthStore);
  private readonly language = inject(LanguageService);
  protected readonly colors = STATUS_COLORS;
  protected readonly pageSize = 20;
  protected readonly pages = signal<Partial<Record<Tab, EmpowermentPageView>>>({});
  protected readonly tabs = signal<Tab[]>([]);
  protected readonly isTto = () => this.auth.hasRole('tto_manager');

  constructor() {
    effect(() => {
      if (!this.auth.isAuthenticated()) return;
      const tabs: Tab[] = [
        ...(this.auth.can('empowerment:review') ? (['review'] as const) : []),
        ...(this.auth.can('empowerment:apply') ? (['mine'] as const) : []),
      ];
      this.tabs.set(tabs);
      // Untracked: the API call reads the access token, and a sign-out must not refetch without one.
      untracked(() => {
        for (const scope of tabs) void this.load(scope, 1);
      });
    });
  }

  /** Each tab pages on its own; the page shown is the one the API answered with. */
  protected async load(scope: Tab, page: number): Promise<void> {
    try {
      const p = await this.api.empowerments({ scope, page, pageSize: this.pageSize });
      this.pages.update((x) => ({ ...x, [scope]: p }));
    } catch {
      /* shown by the error interceptor */
    }
  }

  protected pick(t: Localized): string {
    return pickText(t, this.language.lang());
  }

  protected time(iso: string | null): string {
    return formatTime(iso, this.language.lang());
  }
}
