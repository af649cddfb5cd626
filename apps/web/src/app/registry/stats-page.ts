import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { RegistryApi, type StatsItemView } from '@ttx/web/api-client';
import { LanguageService, reloadOn } from '@ttx/web/core';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective, provideEchartsCore } from 'ngx-echarts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzInputModule } from 'ng-zorro-antd/input';
import { saveBlob } from './registry-format';
import { AccessibleLabel } from '@ttx/web/ui';

type Group = 'month' | 'kind' | 'province' | 'field' | 'partyType';
const GROUPS: Group[] = ['month', 'kind', 'province', 'field', 'partyType'];
type StatsQuery = { groupBy: Group; from?: string; to?: string };
/** Charts show 10k yuan (万元), as the official statistics do. */
const wan = (fen: number) => Math.round(fen / 1_000_000) / 100;

/** Public statistics dashboard over registered contracts (trend, kind, region, field, party type) with export. */
@Component({
  selector: 'ttx-stats-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, TranslocoPipe, NgxEchartsDirective, NzButtonModule, NzCardModule, NzInputModule],
  providers: [provideEchartsCore({ echarts: () => import('echarts') })],
  styles: `
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(460px, 100%), 1fr)); gap: 16px; }
    .chart { height: 320px; }
  `,
  template: `
    <div class="ttx-page">
      <h1 data-testid="stats-heading">{{ 'registry.stats' | transloco }}</h1>
      <div style="display: flex; gap: 8px; margin-bottom: 16px; align-items: center; flex-wrap: wrap">
        <span>{{ 'registry.statsPage.from' | transloco }}</span>
        <input nz-input type="date" style="width: 160px" [ttxLabel]="'registry.statsPage.from' | transloco" [ngModel]="from()" (ngModelChange)="from.set($event)" data-testid="stats-from" />
        <span>{{ 'registry.statsPage.to' | transloco }}</span>
        <input nz-input type="date" style="width: 160px" [ttxLabel]="'registry.statsPage.toLabel' | transloco" [ngModel]="to()" (ngModelChange)="to.set($event)" data-testid="stats-to" />
        <button nz-button (click)="export('csv')" data-testid="stats-csv">{{ 'registry.statsPage.exportCsv' | transloco }}</button>
        <button nz-button (click)="export('xlsx')">{{ 'registry.statsPage.exportXlsx' | transloco }}</button>
        <strong data-testid="stats-total">{{ 'registry.statsPage.total' | transloco }}: {{ total().count }} · ¥{{ total().tech }} {{ 'registry.statsPage.techAmount' | transloco }}</strong>
      </div>
      <div class="grid">
        <nz-card [nzTitle]="'registry.statsPage.trend' | transloco"><div echarts class="chart" [options]="trend()" data-testid="chart-trend"></div></nz-card>
        <nz-card [nzTitle]="'registry.statsPage.byKind' | transloco"><div echarts class="chart" [options]="pie('kind', 'registry.kind.')" data-testid="chart-kind"></div></nz-card>
        <nz-card [nzTitle]="'registry.statsPage.byRegion' | transloco"><div echarts class="chart" [options]="regions()" data-testid="chart-region"></div></nz-card>
        <nz-card [nzTitle]="'registry.statsPage.byParty' | transloco"><div echarts class="chart" [options]="pie('partyType', 'registry.partyType.')"></div></nz-card>
        <nz-card [nzTitle]="'registry.statsPage.byField' | transloco"><div echarts class="chart" [options]="bars('field')"></div></nz-card>
      </div>
    </div>
  `,
})
export class StatsPage {
  private readonly api = inject(RegistryApi);
  private readonly i18n = inject(TranslocoService);
  private readonly language = inject(LanguageService);
  protected readonly from = signal('');
  protected readonly to = signal('');
  private readonly data = signal<Record<Group, StatsItemView[]>>({ month: [], kind: [], province: [], field: [], partyType: [] });

  protected readonly total = computed(() => {
    const k = this.data().kind;
    return { count: k.reduce((a, i) => a + i.count, 0), tech: wan(k.reduce((a, i) => a + i.techTransactionAmount, 0)).toLocaleString(this.language.lang()) };
  });

  protected readonly trend = computed<EChartsCoreOption>(() => {
    const m = this.data().month;
    this.language.lang();
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      xAxis: { type: 'category', data: m.map((i) => i.key) },
      yAxis: [{ type: 'value', name: this.t('registry.statsPage.count') }, { type: 'value', name: this.t('registry.statsPage.techAmount') }],
      series: [
        { name: this.t('registry.statsPage.count'), type: 'bar', data: m.map((i) => i.count) },
        { name: this.t('registry.statsPage.techAmount'), type: 'line', yAxisIndex: 1, smooth: true, data: m.map((i) => wan(i.techTransactionAmount)) },
      ],
    };
  });

  protected readonly regions = computed<EChartsCoreOption>(() => {
    const items = [...this.data().province].sort((a, b) => a.techTransactionAmount - b.techTransactionAmount).slice(-15);
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 90 },
      xAxis: { type: 'value', name: this.t('registry.statsPage.techAmount') },
      yAxis: { type: 'category', data: items.map((i) => i.label ?? i.key) },
      series: [{ type: 'bar', data: items.map((i) => wan(i.techTransactionAmount)) }],
    };
  });

  constructor() {
    // params() reads from/to, so the effect reloads when either changes.
    reloadOn(() => GROUPS.map((g) => this.params(g)), (params) => this.load(params));
  }

  protected pie(group: Group, prefix: string): EChartsCoreOption {
    this.language.lang();
    return {
      tooltip: { trigger: 'item' },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: this.data()[group].map((i) => ({ name: this.t(prefix + i.key), value: wan(i.techTransactionAmount) })) }],
    };
  }

  protected bars(group: Group): EChartsCoreOption {
    const items = this.data()[group];
    return { tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: items.map((i) => i.key) }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: items.map((i) => i.count) }] };
  }

  private t(key: string): string {
    return this.i18n.translate(key);
  }

  private params(groupBy: Group): StatsQuery {
    return { groupBy, ...(this.from() ? { from: this.from() } : {}), ...(this.to() ? { to: this.to() } : {}) };
  }

  async load(params: StatsQuery[]): Promise<void> {
    try {
      const results = await Promise.all(params.map((p) => this.api.contractStats(p)));
      this.data.set(Object.fromEntries(GROUPS.map((g, i) => [g, results[i]])) as Record<Group, StatsItemView[]>);
    } catch {
      /* interceptor */
    }
  }

  async export(format: 'csv' | 'xlsx'): Promise<void> {
    saveBlob(await this.api.exportContractStats(this.params('province'), format), `contract-stats.${format}`);
  }
}
