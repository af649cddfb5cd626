import { ChangeDetectionStrategy, Component, untracked, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type EmpowermentSummaryView, type OwnershipView, RightsApi } from '@ttx/web/api-client';
import { AuthStore, LanguageService } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { formatTime, STATUS_COLORS } from './rights-text';

/** On the achievement page: current co-owners (sum 100 %), use rights, reward promises, and the empowerment applications. */
@Component({
  selector: 'ttx-ownership-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzButtonModule, NzCardModule, NzTableModule, NzTagModule],
  template: `
    @if (ownership(); as o) {
      <nz-card [nzTitle]="'rights.ownership.title' | transloco" data-testid="ownership-panel">
        <nz-table [nzData]="o.shares" [nzShowPagination]="false" nzSize="small" data-testid="ownership-shares">
          <thead>
            <tr>
              <th>{{ 'rights.ownership.holder' | transloco }}</th>
              <th>{{ 'rights.ownership.share' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (s of o.shares; track $index) {
              <tr [attr.data-testid]="'ownership-share-' + $index">
                <td>
                  <nz-tag>{{ 'rights.ownership.' + s.holderType | transloco }}</nz-tag>
                  {{ s.holderName }}
                </td>
                <td>{{ s.sharePct }} %</td>
              </tr>
            }
          </tbody>
        </nz-table>
        <p data-testid="ownership-total">{{ 'rights.ownership.total' | transloco }}: {{ o.totalPct }} %</p>
        @for (u of o.useRights; track u.empowermentId) {
          <p>{{ 'rights.ownership.useRight' | transloco: { years: u.years, end: time(u.endsAt) } }}</p>
        }
        @for (r of o.rewardPromises; track r.empowermentId) {
          <p>{{ 'rights.ownership.rewardPromise' | transloco: { pct: r.teamSharePct } }}</p>
        }
        @if (empowerments().length) {
          <h4>{{ 'rights.ownership.applications' | transloco }}</h4>
          @for (e of empowerments(); track e.id) {
            <div>
              <a [routerLink]="['/rights/empowerments', e.id]" [attr.data-testid]="'ownership-empowerment-' + e.status">{{ 'rights.model.' + e.model | transloco }}</a>
              <nz-tag [nzColor]="colors[e.status]">{{ 'rights.status.' + e.status | transloco }}</nz-tag>
            </div>
          }
        }
        @if (auth.hasRole('researcher')) {
          <a nz-button [routerLink]="['/rights/apply', achievementId()]" style="margin-top: 8px" data-testid="ownership-apply">{{ 'rights.apply.title' | transloco }}</a>
        }
      </nz-card>
    }
  `,
})
export class OwnershipPanel {
  private readonly api = inject(RightsApi);
  protected readonly auth = inject(AuthStore);
  private readonly language = inject(LanguageService);
  protected readonly colors = STATUS_COLORS;

  readonly achievementId = input.required<string>();
  protected readonly ownership = signal<OwnershipView | null>(null);
  protected readonly empowerments = signal<EmpowermentSummaryView[]>([]);

  constructor() {
    effect(() => {
      const id = this.achievementId();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    if (!this.auth.isAuthenticated()) return;
    try {
      this.ownership.set(await this.api.ownership(id));
      this.empowerments.set(await this.api.achievementEmpowerments(id));
    } catch {
      this.ownership.set(null);
    }
  }

  protected time(iso: string): string {
    return formatTime(iso, this.language.lang());
  }
}
