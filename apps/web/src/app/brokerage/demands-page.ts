import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { BrokerageApi, type DemandPageView } from '@ttx/web/api-client';
import { AuthStore, LanguageService, reloadOn } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type Localized, pickText } from '../catalog/catalog-text';
import { AccessibleLabel } from '@ttx/web/ui';

/** Open public demands (出题); enterprises switch to "my demands" in every state. */
@Component({
  selector: 'ttx-demands-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzButtonModule, NzRadioModule, NzTableModule, NzTagModule],
  template: `
    <div class="ttx-page">
      <h1 data-testid="demands-heading">{{ 'brokerage.demands.title' | transloco }}</h1>
      <div style="display: flex; gap: 8px; margin-bottom: 16px; flex-wrap: wrap">
        @if (enterprise()) {
          <nz-radio-group role="radiogroup" [attr.aria-label]="'brokerage.demands.scope' | transloco" [ngModel]="mine()" (ngModelChange)="mine.set($event); page.set(1)" data-testid="demands-scope">
            <span nz-radio-button [nzValue]="false" [ttxLabel]="'brokerage.demands.public' | transloco">{{ 'brokerage.demands.public' | transloco }}</span>
            <span nz-radio-button [nzValue]="true" [ttxLabel]="'brokerage.demands.mine' | transloco" data-testid="demands-mine">{{ 'brokerage.demands.mine' | transloco }}</span>
          </nz-radio-group>
          <a nz-button nzType="primary" routerLink="/brokerage/demands/new" data-testid="demands-new">{{ 'brokerage.demands.new' | transloco }}</a>
        }
        <a nz-button routerLink="/brokerage/brokers" data-testid="demands-brokers">{{ 'brokerage.brokers.title' | transloco }}</a>
        @if (auth.hasRole('broker') || auth.hasRole('tto_manager') || enterprise()) {
          <a nz-button routerLink="/brokerage/workspace" data-testid="demands-workspace">{{ 'brokerage.workspace.title' | transloco }}</a>
        }
      </div>
      <nz-table
        [nzData]="result()?.items ?? []"
        [nzTotal]="result()?.total ?? 0"
        [nzPageIndex]="page()"
        [nzPageSize]="20"
        [nzFrontPagination]="false"
        [nzLoading]="loading()"
        (nzPageIndexChange)="page.set($event)"
        data-testid="demands-table"
      >
        <thead>
          <tr>
            <th>{{ 'brokerage.demand.title' | transloco }}</th>
            <th>{{ 'brokerage.demand.enterprise' | transloco }}</th>
            <th>{{ 'brokerage.demand.deadline' | transloco }}</th>
            <th>{{ 'brokerage.demand.status' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (d of result()?.items ?? []; track d.id) {
            <tr [attr.data-testid]="'demand-row-' + d.id">
              <td>
                <a [routerLink]="['/brokerage/demands', d.id]" data-testid="demand-link">{{ pick(d.title) }}</a>
                <div style="color: var(--ttx-text-secondary); font-size: 12px">{{ pick(d.summary) }}</div>
              </td>
              <td>{{ d.organizationName ?? ('brokerage.demand.confidential' | transloco) }}</td>
              <td>{{ d.deadline }}</td>
              <td><nz-tag data-testid="demand-status">{{ 'brokerage.status.' + d.status | transloco }}</nz-tag></td>
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
  `,
})
export class DemandsPage {
  private readonly api = inject(BrokerageApi);
  protected readonly auth = inject(AuthStore);
  private readonly language = inject(LanguageService);
  protected readonly enterprise = computed(() => this.auth.hasRole('enterprise_member'));
  protected readonly mine = signal(false);
  protected readonly page = signal(1);
  protected readonly result = signal<DemandPageView | null>(null);
  protected readonly loading = signal(false);

  constructor() {
    reloadOn(() => [this.mine(), this.page()] as const, ([mine, page]) => this.load(mine, page));
  }

  async load(mine: boolean, page: number): Promise<void> {
    this.loading.set(true);
    try {
      this.result.set(await this.api.demands({ page, pageSize: 20, ...(mine ? { mine: true } : {}) }));
    } catch {
      /* shown by the error interceptor */
    } finally {
      this.loading.set(false);
    }
  }

  protected pick(text: Localized | null): string {
    return pickText(text, this.language.lang());
  }
}
