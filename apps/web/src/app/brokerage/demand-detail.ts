import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type AchievementMatchListView, BrokerageApi, type DemandView } from '@ttx/web/api-client';
import { AuthStore, LanguageService, reloadOn } from '@ttx/web/core';
import { TWO_COLUMNS } from '@ttx/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzListModule } from 'ng-zorro-antd/list';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type Localized, pickText, priceRange } from '../catalog/catalog-text';

/** A demand with its ranked matches; each match shows its score and the reasons, in the active language. */
@Component({
  selector: 'ttx-demand-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzButtonModule, NzDescriptionsModule, NzListModule, NzTagModule],
  template: `
    <div class="ttx-page">
      @if (demand(); as d) {
        <h1 data-testid="demand-title">{{ pick(d.title) }}</h1>
        <nz-descriptions nzBordered [nzColumn]="twoColumns">
          <nz-descriptions-item [nzTitle]="'brokerage.demand.status' | transloco">
            <nz-tag data-testid="demand-detail-status">{{ 'brokerage.status.' + d.status | transloco }}</nz-tag>
          </nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'brokerage.demand.enterprise' | transloco">{{ d.organizationName ?? ('brokerage.demand.confidential' | transloco) }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'brokerage.demand.field' | transloco">{{ d.fieldCode ?? '—' }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'brokerage.demand.stage' | transloco">{{ d.desiredStage ? ('catalog.stage.' + d.desiredStage | transloco) : '—' }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'brokerage.demand.budget' | transloco">{{ budget() ?? '—' }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'brokerage.demand.deadline' | transloco">{{ d.deadline }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'brokerage.demand.summary' | transloco" [nzSpan]="2">{{ pick(d.summary) }}</nz-descriptions-item>
          @if (d.detail) {
            <nz-descriptions-item [nzTitle]="'brokerage.demand.detail' | transloco" [nzSpan]="2">{{ pick(d.detail) }}</nz-descriptions-item>
          }
        </nz-descriptions>
        @if (d.access === 'owner' && (d.status === 'open' || d.status === 'in_talks')) {
          <button nz-button style="margin-top: 12px" (click)="satisfy()" data-testid="demand-satisfy">{{ 'brokerage.demand.satisfy' | transloco }}</button>
        }
        <h2 style="margin-top: 24px">{{ 'brokerage.matches.title' | transloco }}</h2>
        @if (matchesHidden()) {
          <p data-testid="matches-hidden">{{ 'brokerage.matches.hidden' | transloco }}</p>
        } @else {
          <nz-list [nzLoading]="loadingMatches()" data-testid="matches">
            @for (m of matches()?.items ?? []; track m.achievementId) {
              <nz-list-item [attr.data-testid]="'match-' + m.achievementId">
                <div style="width: 100%">
                  <div style="display: flex; justify-content: space-between; gap: 8px">
                    <a [routerLink]="['/catalog', m.achievementId]" data-testid="match-title">{{ pick(m.achievement.title) }}</a>
                    <span>
                      <nz-tag nzColor="blue" data-testid="match-score">{{ 'brokerage.matches.score' | transloco: { score: m.score } }}</nz-tag>
                      @if (canOpenRoom()) {
                        <button nz-button nzSize="small" nzType="primary" (click)="openRoom(m.achievementId)" data-testid="match-open-room">
                          {{ 'brokerage.rooms.open' | transloco }}
                        </button>
                      }
                    </span>
                  </div>
                  <ul style="margin: 4px 0 0 16px; color: #555" data-testid="match-reasons">
                    @for (r of m.reasonDetails; track r.code) {
                      <li data-testid="match-reason">{{ lang() === 'zh-CN' ? r.zh : r.en }}</li>
                    }
                  </ul>
                </div>
              </nz-list-item>
            } @empty {
              <p>{{ 'brokerage.matches.none' | transloco }}</p>
            }
          </nz-list>
        }
      }
    </div>
  `,
})
export class DemandDetail {
  protected readonly twoColumns = TWO_COLUMNS;
  readonly id = input.required<string>();
  private readonly api = inject(BrokerageApi);
  private readonly router = inject(Router);
  protected readonly auth = inject(AuthStore);
  private readonly language = inject(LanguageService);
  protected readonly lang = this.language.lang;
  protected readonly demand = signal<DemandView | null>(null);
  protected readonly matches = signal<AchievementMatchListView | null>(null);
  protected readonly loadingMatches = signal(false);
  protected readonly budget = computed(() => priceRange(this.demand()?.budget ?? null, this.lang()));
  /** Matches are for the enterprise, invited parties, brokers and admins. */
  protected readonly matchesHidden = computed(() => {
    const d = this.demand();
    return !!d && d.access === 'public' && !this.auth.hasRole('broker');
  });
  protected readonly canOpenRoom = computed(() => {
    const d = this.demand();
    return !!d && (d.status === 'open' || d.status === 'in_talks') && (this.auth.hasRole('broker') || this.auth.hasRole('tto_manager'));
  });

  constructor() {
    reloadOn(() => this.id(), (id) => this.load(id));
  }

  async load(id: string): Promise<void> {
    try {
      const d = await this.api.demand(id);
      this.demand.set(d);
      if (this.matchesHidden() || !this.auth.user()) return;
      this.loadingMatches.set(true);
      this.matches.set(await this.api.demandMatches(id));
    } catch {
      /* shown by the error interceptor */
    } finally {
      this.loadingMatches.set(false);
    }
  }

  async satisfy(): Promise<void> {
    try {
      this.demand.set(await this.api.satisfyDemand(this.id()));
    } catch {
      /* shown by the error interceptor */
    }
  }

  async openRoom(achievementId: string): Promise<void> {
    try {
      const room = await this.api.openDealRoom(this.id(), achievementId);
      await this.router.navigate(['/brokerage/rooms', room.id]);
    } catch {
      /* shown by the error interceptor */
    }
  }

  protected pick(text: Localized | null): string {
    return pickText(text, this.lang());
  }
}
