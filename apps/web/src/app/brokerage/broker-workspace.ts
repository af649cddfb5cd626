import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { DEAL_ROOM_STAGES } from '@ttx/shared/contracts';
import { BrokerageApi, type BrokerView, type DealRoomListView } from '@ttx/web/api-client';
import { AuthStore } from '@ttx/web/core';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { gradeColor } from './brokerage-text';

/** The caller's deal rooms by stage; a broker also sees their own rating and track record. */
@Component({
  selector: 'ttx-broker-workspace',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, NzCardModule, NzTagModule],
  template: `
    <div class="ttx-page">
      <h1 data-testid="workspace-heading">{{ 'brokerage.workspace.title' | transloco }}</h1>
      @if (me(); as b) {
        <p data-testid="workspace-rating">
          <nz-tag [nzColor]="color(b.rating.grade)">{{ b.rating.grade }} · {{ b.rating.score }}</nz-tag>
          {{ 'brokerage.workspace.record' | transloco: { won: b.trackRecord.closedDeals, lost: b.trackRecord.closedLost, active: b.trackRecord.activeRooms } }}
          <a [routerLink]="['/brokerage/brokers', b.id]">{{ 'brokerage.workspace.profile' | transloco }}</a>
        </p>
      }
      <div style="display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 12px">
        @for (s of stages; track s) {
          <nz-card [nzTitle]="'brokerage.roomStage.' + s | transloco" [attr.data-testid]="'stage-' + s">
            @for (r of byStage()[s] ?? []; track r.id) {
              <p><a [routerLink]="['/brokerage/rooms', r.id]" data-testid="workspace-room">{{ r.demandTitle }} ↔ {{ r.achievementTitle }}</a></p>
            } @empty {
              <p style="color: var(--ttx-text-secondary)">—</p>
            }
          </nz-card>
        }
      </div>
    </div>
  `,
})
export class BrokerWorkspace {
  private readonly api = inject(BrokerageApi);
  private readonly auth = inject(AuthStore);
  protected readonly stages = DEAL_ROOM_STAGES;
  protected readonly rooms = signal<DealRoomListView | null>(null);
  protected readonly me = signal<BrokerView | null>(null);
  protected readonly color = gradeColor;
  protected readonly byStage = computed(() => {
    const out: Partial<Record<string, DealRoomListView['items']>> = {};
    for (const r of this.rooms()?.items ?? []) (out[r.stage] ??= []).push(r);
    return out;
  });

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this.rooms.set(await this.api.dealRooms());
      if (this.auth.hasRole('broker')) this.me.set(await this.api.myBrokerProfile());
    } catch {
      /* a broker without a profile yet sees no rating */
    }
  }
}
