import { DatePipe } from '@angular/common';
import { HttpContext } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { type OrganizationPageView, OrganizationsApi, type OrganizationView } from '@ttx/web/api-client';
import { reloadOn, SKIP_ERROR_TOAST } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { OrganizationMembers } from './organization-members';
import { type ReviewFilter, verifiedParam, verifyErrorMessage, type VerifyErrorMessage } from './organization-review';
import { AccessibleLabel } from '@ttx/web/ui';

/** Platform admin: the organisations waiting for verification (and the verified ones), their members, and "verify". */
@Component({
  selector: 'ttx-organizations-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AccessibleLabel,
    DatePipe,
    FormsModule,
    TranslocoPipe,
    NzAlertModule,
    NzButtonModule,
    NzDrawerModule,
    NzPopconfirmModule,
    NzRadioModule,
    NzTableModule,
    NzTagModule,
    OrganizationMembers,
  ],
  template: `
    <div class="ttx-page">
      <h1 data-testid="orgs-heading">{{ 'admin.organizations.title' | transloco }}</h1>
      <div class="actions">
        <nz-radio-group role="radiogroup" [attr.aria-label]="'admin.organizations.filterLabel' | transloco" [ngModel]="filter()" (ngModelChange)="setFilter($event)" data-testid="orgs-filter">
          @for (f of filters; track f) {
            <span nz-radio-button [ttxLabel]="'admin.organizations.filter.' + f | transloco" [nzValue]="f" [attr.data-testid]="'orgs-filter-' + f">{{ 'admin.organizations.filter.' + f | transloco }}</span>
          }
        </nz-radio-group>
      </div>
      @if (error(); as e) {
        <nz-alert nzType="error" nzShowIcon nzCloseable (nzOnClose)="error.set(null)" [nzMessage]="e.key | transloco: { name: e.name }"
          [nzDescription]="e.detail" data-testid="orgs-verify-error" />
      }
      <nz-table [nzData]="items()" [nzLoading]="loading()" [nzFrontPagination]="false" [nzTotal]="result()?.total ?? 0"
        [nzPageIndex]="page()" [nzPageSize]="pageSize" (nzPageIndexChange)="page.set($event)"
        [nzNoResult]="'admin.organizations.empty.' + filter() | transloco" data-testid="orgs-table">
        <thead>
          <tr>
            <th>{{ 'admin.organizations.col.name' | transloco }}</th>
            <th>{{ 'admin.organizations.col.kind' | transloco }}</th>
            <th>{{ 'admin.organizations.col.creditCode' | transloco }}</th>
            <th>{{ 'admin.organizations.col.regionCode' | transloco }}</th>
            <th>{{ 'admin.organizations.col.createdAt' | transloco }}</th>
            <th>{{ 'admin.organizations.col.state' | transloco }}</th>
            <th>{{ 'admin.organizations.col.actions' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (o of items(); track o.id) {
            <tr data-testid="org-row" [attr.data-org-id]="o.id">
              <td data-testid="org-name">
                {{ o.name }}
                @if (o.isSme) { <nz-tag>{{ 'admin.organizations.sme' | transloco }}</nz-tag> }
              </td>
              <td>{{ 'admin.organizations.kind.' + o.kind | transloco }}</td>
              <td><code>{{ o.creditCode }}</code></td>
              <td>{{ o.regionCode }}</td>
              <td>{{ o.createdAt | date: 'yyyy-MM-dd' }}</td>
              <td data-testid="org-state">
                @if (o.verified) {
                  <nz-tag nzColor="green">{{ 'admin.organizations.verifiedAt' | transloco: { at: (o.verifiedAt | date: 'yyyy-MM-dd HH:mm') ?? '' } }}</nz-tag>
                } @else {
                  <nz-tag nzColor="orange">{{ 'admin.organizations.unverified' | transloco }}</nz-tag>
                }
              </td>
              <td class="row-actions">
                <button nz-button nzSize="small" (click)="showMembers(o)" data-testid="org-members-open">{{ 'admin.organizations.members' | transloco }}</button>
                @if (!o.verified) {
                  <button nz-button nzSize="small" nzType="primary" nz-popconfirm [nzLoading]="verifying() === o.id"
                    [nzPopconfirmTitle]="'admin.organizations.verifyConfirm' | transloco: { name: o.name }"
                    (nzOnConfirm)="verify(o)" data-testid="org-verify">
                    {{ 'admin.organizations.verify' | transloco }}
                  </button>
                }
              </td>
            </tr>
          }
        </tbody>
      </nz-table>
      <nz-drawer [nzVisible]="!!selected()" nzWidth="min(560px, 100vw)" (nzOnClose)="selected.set(null)"
        [nzTitle]="'admin.organizations.membersOf' | transloco: { name: selected()?.name ?? '' }">
        <ng-container *nzDrawerContent>
          @if (selected(); as s) { <ttx-organization-members [organizationId]="s.id" /> }
        </ng-container>
      </nz-drawer>
    </div>
  `,
  styles: `
    .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 16px; }
    nz-alert { display: block; margin-bottom: 16px; }
    .row-actions { display: flex; gap: 8px; }
  `,
})
export class OrganizationsPage {
  private readonly api = inject(OrganizationsApi);
  protected readonly filters: readonly ReviewFilter[] = ['unverified', 'verified', 'all'];
  protected readonly pageSize = 20;
  /** The review queue first: what waits for a decision. */
  protected readonly filter = signal<ReviewFilter>('unverified');
  protected readonly page = signal(1);
  protected readonly result = signal<OrganizationPageView | null>(null);
  protected readonly items = computed(() => this.result()?.items ?? []);
  protected readonly loading = signal(true);
  protected readonly selected = signal<OrganizationView | null>(null);
  protected readonly verifying = signal<string | null>(null);
  protected readonly error = signal<VerifyErrorMessage | null>(null);

  constructor() {
    reloadOn(() => [this.filter(), this.page()] as const, ([filter, page]) => this.load(filter, page));
  }

  protected setFilter(filter: ReviewFilter): void {
    this.filter.set(filter);
    this.page.set(1);
  }

  protected showMembers(o: OrganizationView): void {
    this.selected.set(o);
  }

  private async load(filter: ReviewFilter, page: number): Promise<void> {
    this.loading.set(true);
    try {
      this.result.set(await this.api.list({ page, pageSize: this.pageSize, verified: verifiedParam(filter) }));
    } catch {
      /* shown by the error interceptor */
    } finally {
      this.loading.set(false);
    }
  }

  protected async verify(o: OrganizationView): Promise<void> {
    if (this.verifying()) return;
    this.verifying.set(o.id);
    this.error.set(null);
    try {
      // The row stays in place, now verified, even under "unverified": the admin sees what the click did.
      const updated = await this.api.verify(o.id, new HttpContext().set(SKIP_ERROR_TOAST, true));
      this.replace(updated);
    } catch (e) {
      this.error.set(verifyErrorMessage(e, o.name));
      // Someone else may have verified it meanwhile: show the current state.
      void this.load(this.filter(), this.page());
    } finally {
      this.verifying.set(null);
    }
  }

  private replace(updated: OrganizationView): void {
    const r = this.result();
    if (r) this.result.set({ ...r, items: r.items.map((i) => (i.id === updated.id ? updated : i)) });
  }
}
