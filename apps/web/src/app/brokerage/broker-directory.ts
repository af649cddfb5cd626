import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { reloadOn } from '@ttx/web/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { BrokerageApi, type BrokerPageView } from '@ttx/web/api-client';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { gradeColor } from './brokerage-text';

/** Public directory of technology managers, best rated first. */
@Component({
  selector: 'ttx-broker-directory',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzTableModule, NzTagModule],
  template: `
    <div class="ttx-page">
      <h1 data-testid="brokers-heading">{{ 'brokerage.brokers.title' | transloco }}</h1>
      <nz-table [nzData]="result()?.items ?? []" [nzTotal]="result()?.total ?? 0" [nzPageIndex]="page()" [nzPageSize]="20" [nzFrontPagination]="false" (nzPageIndexChange)="page.set($event)" data-testid="brokers-table">
        <thead>
          <tr>
            <th>{{ 'brokerage.brokers.name' | transloco }}</th>
            <th>{{ 'brokerage.brokers.organization' | transloco }}</th>
            <th>{{ 'brokerage.brokers.rating' | transloco }}</th>
            <th>{{ 'brokerage.brokers.closedDeals' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (b of result()?.items ?? []; track b.id) {
            <tr [attr.data-testid]="'broker-row-' + b.id">
              <td><a [routerLink]="['/brokerage/brokers', b.id]">{{ b.displayName }}</a></td>
              <td>{{ b.organizationName }}</td>
              <td>
                <nz-tag [nzColor]="color(b.rating.grade)" data-testid="broker-grade">{{ b.rating.grade }} · {{ b.rating.score }}</nz-tag>
                @if (b.rating.breaches.length) {
                  <nz-tag nzColor="red" data-testid="broker-breach">{{ 'brokerage.brokers.breach' | transloco }}</nz-tag>
                }
              </td>
              <td>{{ b.trackRecord.closedDeals }}</td>
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
  `,
})
export class BrokerDirectory {
  private readonly api = inject(BrokerageApi);
  protected readonly page = signal(1);
  protected readonly result = signal<BrokerPageView | null>(null);
  protected readonly color = gradeColor;

  constructor() {
    reloadOn(() => this.page(), (page) => this.load(page));
  }

  async load(page: number): Promise<void> {
    try {
      this.result.set(await this.api.brokers({ page, pageSize: 20 }));
    } catch {
      /* shown by the error interceptor */
    }
  }
}
