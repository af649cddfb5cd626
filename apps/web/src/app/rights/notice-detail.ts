import { ChangeDetectionStrategy, Component, untracked, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type DisclosureDetailView, RightsApi } from '@ttx/web/api-client';
import { AuthStore, LanguageService } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { formatTime, STATUS_COLORS } from './rights-text';
import { AccessibleLabel } from '@ttx/web/ui';

interface NoticeSummary {
  model?: string;
  teamOwnershipPct?: number | null;
  useRightYears?: number | null;
  rewardSharePct?: number | null;
  reasons?: string;
  achievementId?: string;
  team?: { name: string; contributionPct: number }[];
  proposedShares?: { holderName: string; sharePct: number }[];
}

/** One public notice: what is proposed, its period, the objections with their answers, and the objection form. */
@Component({
  selector: 'ttx-notice-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzAlertModule, NzButtonModule, NzCardModule, NzDescriptionsModule, NzInputModule, NzTableModule, NzTagModule],
  template: `
    <div class="ttx-page">
      <a routerLink="/rights/notices">← {{ 'rights.notices.title' | transloco }}</a>
      @if (item(); as d) {
        <h1 data-testid="notice-title">{{ language.lang() === 'zh-CN' ? d.titleZh : d.titleEn }}</h1>
        <p>
          <nz-tag [nzColor]="colors[d.status]" data-testid="notice-status">{{ 'rights.noticeStatus.' + d.status | transloco }}</nz-tag>
          @if (d.outcome) {
            <nz-tag data-testid="notice-outcome">{{ 'rights.outcome.' + d.outcome | transloco }}</nz-tag>
          }
          {{ time(d.startsAt) }} – {{ time(d.endsAt) }} · {{ d.institutionName }}
        </p>
        <nz-descriptions nzBordered nzSize="small" [nzColumn]="1" data-testid="notice-summary">
          @if (summary().model) {
            <nz-descriptions-item [nzTitle]="'rights.col.model' | transloco">{{ 'rights.model.' + summary().model | transloco }}</nz-descriptions-item>
          }
          @if (summary().teamOwnershipPct) {
            <nz-descriptions-item [nzTitle]="'rights.apply.teamOwnershipPct' | transloco">{{ summary().teamOwnershipPct }} %</nz-descriptions-item>
          }
          @if (summary().useRightYears) {
            <nz-descriptions-item [nzTitle]="'rights.apply.useRightYears' | transloco">{{ summary().useRightYears }}</nz-descriptions-item>
          }
          @if (summary().reasons) {
            <nz-descriptions-item [nzTitle]="'rights.detail.reasons' | transloco">{{ summary().reasons }}</nz-descriptions-item>
          }
          @if (summary().proposedShares?.length) {
            <nz-descriptions-item [nzTitle]="'rights.apply.preview' | transloco">
              @for (s of summary().proposedShares; track $index) {
                <div>{{ s.holderName }} {{ s.sharePct }} %</div>
              }
            </nz-descriptions-item>
          }
          @if (summary().achievementId) {
            <nz-descriptions-item [nzTitle]="'rights.detail.achievement' | transloco">
              <a [routerLink]="['/catalog', summary().achievementId]">{{ 'rights.notices.viewAchievement' | transloco }}</a>
            </nz-descriptions-item>
          }
        </nz-descriptions>

        <nz-card [nzTitle]="('rights.notices.objections' | transloco) + ' (' + d.objections.total + ')'" style="margin-top: 16px" data-testid="notice-objections">
          @for (o of d.objectionList; track o.id) {
            <p [attr.data-testid]="'notice-objection-' + o.id">
              <nz-tag [nzColor]="colors[o.status]">{{ 'rights.objectionStatus.' + o.status | transloco }}</nz-tag>
              {{ o.text }}
              @if (o.answer) {
                <br /><span class="muted">{{ 'rights.notices.answer' | transloco }}: {{ o.answer }}</span>
              }
            </p>
          } @empty {
            <p class="muted">{{ 'rights.notices.noObjections' | transloco }}</p>
          }
          @if (d.status === 'open') {
            @if (auth.isAuthenticated()) {
              <textarea nz-input rows="3" [ttxLabel]="'rights.notices.objectionLabel' | transloco" [placeholder]="'rights.notices.objectionPlaceholder' | transloco" [ngModel]="text()" (ngModelChange)="text.set($event)" data-testid="objection-text"></textarea>
              <button nz-button nzType="primary" style="margin-top: 8px" [disabled]="busy() || text().trim().length < 5" (click)="object()" data-testid="objection-submit">
                {{ 'rights.notices.object' | transloco }}
              </button>
              @if (sent()) {
                <nz-alert nzType="success" [nzMessage]="'rights.notices.objectionSent' | transloco" style="margin-top: 8px" data-testid="objection-sent" />
              }
            } @else {
              <a routerLink="/login" data-testid="objection-login">{{ 'rights.notices.signInToObject' | transloco }}</a>
            }
          }
        </nz-card>
      }
    </div>
  `,
  styles: `.muted { color: var(--ttx-text-secondary); }`,
})
export class NoticeDetail {
  private readonly api = inject(RightsApi);
  protected readonly auth = inject(AuthStore);
  protected readonly language = inject(LanguageService);
  protected readonly colors = STATUS_COLORS;

  readonly id = input.required<string>();
  protected readonly item = signal<DisclosureDetailView | null>(null);
  protected readonly summary = computed(() => (this.item()?.summary ?? {}) as NoticeSummary);
  protected readonly text = signal('');
  protected readonly busy = signal(false);
  protected readonly sent = signal(false);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  async load(id: string): Promise<void> {
    this.item.set(await this.api.disclosure(id));
  }

  protected time(iso: string): string {
    return formatTime(iso, this.language.lang());
  }

  async object(): Promise<void> {
    this.busy.set(true);
    try {
      await this.api.objectTo(this.id(), this.text().trim());
      this.text.set('');
      this.sent.set(true);
      await this.load(this.id());
    } catch {
      /* the error interceptor shows the problem */
    } finally {
      this.busy.set(false);
    }
  }
}
