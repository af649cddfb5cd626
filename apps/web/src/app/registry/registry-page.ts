import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { CONTRACT_STATUSES } from '@ttx/shared/contracts';
import { type ContractPageView, type ContractStatus, RegistryApi } from '@ttx/web/api-client';
import { AuthStore, LanguageService, reloadOn } from '@ttx/web/core';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { Role } from '@ttx/shared/contracts';
import { DEADLINE_COLOURS, formatYuan, STATUS_COLOURS } from './registry-format';
import { AccessibleLabel } from '@ttx/web/ui';

export const SELLER_ROLES: Role[] = ['tto_manager', 'enterprise_member', 'broker'];

/** Sellers: their contracts; registrars: the queue of their region with deadline colours and warnings. */
@Component({
  selector: 'ttx-registry-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzBadgeModule, NzButtonModule, NzSelectModule, NzTableModule, NzTagModule],
  template: `
    <div class="ttx-page">
      <h1 data-testid="registry-heading">{{ (registrar() ? 'registry.queue' : 'registry.mine') | transloco }}</h1>
      <div style="display: flex; gap: 8px; margin-bottom: 16px; flex-wrap: wrap">
        <nz-select style="width: 180px" nzAllowClear [ttxLabel]="'registry.col.status' | transloco" [nzPlaceHolder]="'registry.allStatuses' | transloco" [ngModel]="status()"
          (ngModelChange)="status.set($event ?? null); page.set(1)" data-testid="registry-status">
          @for (s of statuses; track s) {
            <nz-option [nzValue]="s" [nzLabel]="'registry.status.' + s | transloco" />
          }
        </nz-select>
        @if (seller()) {
          <a nz-button nzType="primary" routerLink="/registry/new" data-testid="registry-new">{{ 'registry.new' | transloco }}</a>
        }
        @if (registrar()) {
          <a nz-button routerLink="/registry/import" data-testid="registry-import">{{ 'registry.import' | transloco }}</a>
        }
        <a nz-button routerLink="/registry/stats" data-testid="registry-stats">{{ 'registry.stats' | transloco }}</a>
        <a nz-button nzType="link" routerLink="/registry/verify">{{ 'registry.verify' | transloco }}</a>
      </div>
      <nz-table [nzData]="result()?.items ?? []" [nzTotal]="result()?.total ?? 0" [nzPageIndex]="page()" [nzPageSize]="20"
        [nzFrontPagination]="false" [nzLoading]="loading()" (nzPageIndexChange)="page.set($event)" data-testid="registry-table">
        <thead>
          <tr>
            <th>{{ 'registry.col.project' | transloco }}</th>
            <th>{{ 'registry.col.kind' | transloco }}</th>
            <th>{{ 'registry.col.parties' | transloco }}</th>
            <th nzAlign="right">{{ 'registry.col.techAmount' | transloco }}</th>
            <th>{{ 'registry.col.status' | transloco }}</th>
            <th>{{ 'registry.col.number' | transloco }}</th>
            @if (registrar()) {
              <th>{{ 'registry.col.deadline' | transloco }}</th>
              <th>{{ 'registry.col.warnings' | transloco }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (c of result()?.items ?? []; track c.id) {
            <tr [attr.data-testid]="'registry-row-' + c.id">
              <td><a [routerLink]="['/registry/contracts', c.id]" data-testid="registry-row-link">{{ c.projectName }}</a></td>
              <td>{{ 'registry.kind.' + c.kind | transloco }}</td>
              <td>{{ c.sellerName }} → {{ c.buyerName }}</td>
              <td nzAlign="right">{{ yuan(c.techTransactionAmount) }}</td>
              <td><nz-tag [nzColor]="statusColour(c.status)" data-testid="registry-row-status">{{ 'registry.status.' + c.status | transloco }}</nz-tag></td>
              <td>{{ c.registrationNumber ?? '—' }}</td>
              @if (registrar()) {
                <td>
                  @if (c.deadline) {
                    <nz-tag [nzColor]="deadlineColour(c.deadline)" [attr.data-testid]="'deadline-' + c.deadline">{{ c.reviewDueOn }} · {{ 'registry.deadline.' + c.deadline | transloco }}</nz-tag>
                  }
                </td>
                <td>
                  @if (c.warningCount > 0) {
                    <nz-badge [nzCount]="c.warningCount" nzColor="#fa541c" data-testid="registry-row-warnings" />
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
  `,
})
export class RegistryPage {
  private readonly api = inject(RegistryApi);
  private readonly auth = inject(AuthStore);
  private readonly language = inject(LanguageService);

  protected readonly statuses = CONTRACT_STATUSES;
  protected readonly status = signal<ContractStatus | null>(null);
  protected readonly page = signal(1);
  protected readonly result = signal<ContractPageView | null>(null);
  protected readonly loading = signal(false);
  protected readonly registrar = computed(() => this.auth.hasRole('registrar'));
  protected readonly seller = computed(() => SELLER_ROLES.some((r) => this.auth.hasRole(r)));

  constructor() {
    reloadOn(() => [this.status(), this.page()] as const, ([status, page]) => this.load(status, page));
  }

  async load(status: ContractStatus | null, page: number): Promise<void> {
    this.loading.set(true);
    try {
      this.result.set(await this.api.contracts({ page, pageSize: 20, ...(status ? { status } : {}) }));
    } catch {
      /* shown by the error interceptor */
    } finally {
      this.loading.set(false);
    }
  }

  protected yuan(fen: number): string {
    return formatYuan(fen, this.language.lang());
  }
  protected statusColour(s: string): string {
    return STATUS_COLOURS[s] ?? 'default';
  }
  protected deadlineColour(d: string): string {
    return DEADLINE_COLOURS[d] ?? 'default';
  }
}
