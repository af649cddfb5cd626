import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type OrganizationMemberView, OrganizationsApi } from '@ttx/web/api-client';
import { reloadOn } from '@ttx/web/core';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';

/** The members of one organisation (drawer content of the review page): who asks to be verified. */
@Component({
  selector: 'ttx-organization-members',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, NzTableModule, NzTagModule],
  template: `
    <nz-table [nzData]="members()" [nzLoading]="loading()" [nzShowPagination]="false" nzSize="small"
      [nzNoResult]="'admin.organizations.noMembers' | transloco" data-testid="org-members">
      <thead>
        <tr>
          <th>{{ 'admin.organizations.col.memberName' | transloco }}</th>
          <th>{{ 'admin.organizations.col.email' | transloco }}</th>
          <th>{{ 'admin.organizations.col.role' | transloco }}</th>
        </tr>
      </thead>
      <tbody>
        @for (m of members(); track m.id) {
          <tr data-testid="org-member-row">
            <td>
              {{ m.displayName }}
              @if (m.isAdmin) { <nz-tag nzColor="blue" data-testid="org-member-admin">{{ 'admin.organizations.orgAdmin' | transloco }}</nz-tag> }
            </td>
            <td>{{ m.email }}</td>
            <td>{{ 'roles.' + m.role | transloco }}</td>
          </tr>
        }
      </tbody>
    </nz-table>
  `,
})
export class OrganizationMembers {
  private readonly api = inject(OrganizationsApi);
  readonly organizationId = input.required<string>();
  protected readonly members = signal<OrganizationMemberView[]>([]);
  protected readonly loading = signal(true);

  constructor() {
    reloadOn(() => this.organizationId(), (id) => this.load(id));
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.members.set([]);
    try {
      this.members.set(await this.api.members(id));
    } catch {
      /* shown by the error interceptor */
    } finally {
      this.loading.set(false);
    }
  }
}
