import { ChangeDetectionStrategy, Component, untracked, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { EMPOWERMENT_MODELS, type EmpowermentModel } from '@ttx/shared/contracts';
import { checkEmpowermentTerms, pctToBp, splitOwnership } from '@ttx/shared/policy';
import { type AchievementView, CatalogApi, type PolicyView, RightsApi } from '@ttx/web/api-client';
import { LanguageService } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTableModule } from 'ng-zorro-antd/table';
import { pickText } from '../catalog/catalog-text';
import { AccessibleLabel, TWO_COLUMNS } from '@ttx/web/ui';

/** Researcher: apply for empowerment of an achievement, with the institution's policy limits checked live. */
@Component({
  selector: 'ttx-empowerment-apply',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzAlertModule, NzButtonModule, NzDescriptionsModule, NzInputNumberModule, NzRadioModule, NzTableModule],
  template: `
    <div class="ttx-page">
      <a [routerLink]="['/catalog', achievementId()]">← {{ 'rights.apply.back' | transloco }}</a>
      <h1 data-testid="apply-heading">{{ 'rights.apply.title' | transloco }}</h1>
      @if (achievement(); as a) {
        <h3>{{ pick(a.title) }}</h3>
        @if (policy(); as p) {
          <nz-descriptions nzBordered nzSize="small" [nzColumn]="twoColumns" [nzTitle]="'rights.apply.policy' | transloco: { version: p.version }" data-testid="apply-policy">
            <nz-descriptions-item [nzTitle]="'rights.policy.minTeamOwnershipPct' | transloco">≥ {{ p.settings.minTeamOwnershipPct }} %</nz-descriptions-item>
            <nz-descriptions-item [nzTitle]="'rights.policy.minUseRightYears' | transloco">≥ {{ p.settings.minUseRightYears }}</nz-descriptions-item>
            <nz-descriptions-item [nzTitle]="'rights.policy.teamNetIncomeSharePct' | transloco">{{ p.settings.teamNetIncomeSharePct }} %</nz-descriptions-item>
            <nz-descriptions-item [nzTitle]="'rights.policy.noticeDays' | transloco">{{ p.settings.noticeDays }}</nz-descriptions-item>
          </nz-descriptions>
        }
        <h3 style="margin-top: 16px">{{ 'rights.apply.model' | transloco }}</h3>
        <nz-radio-group role="radiogroup" [attr.aria-label]="'rights.apply.model' | transloco" [ngModel]="model()" (ngModelChange)="model.set($event)" data-testid="apply-model">
          @for (m of models; track m) {
            <span nz-radio [nzValue]="m" [ttxLabel]="'rights.model.' + m | transloco" [attr.data-testid]="'apply-model-' + m">{{ 'rights.model.' + m | transloco }}</span>
          }
        </nz-radio-group>
        <p class="hint">{{ 'rights.modelHint.' + model() | transloco }}</p>
        @if (model() === 'ownership_first') {
          <span class="field">{{ 'rights.apply.teamOwnershipPct' | transloco }}
            <nz-input-number [ttxLabel]="'rights.apply.teamOwnershipPct' | transloco" [ngModel]="pct()" (ngModelChange)="pct.set($event)" [nzMin]="0" [nzMax]="100" [nzStep]="1" data-testid="apply-pct" />
          </span>
        }
        @if (model() === 'long_term_use') {
          <span class="field">{{ 'rights.apply.useRightYears' | transloco }}
            <nz-input-number [ttxLabel]="'rights.apply.useRightYears' | transloco" [ngModel]="years()" (ngModelChange)="years.set($event)" [nzMin]="1" [nzMax]="50" data-testid="apply-years" />
          </span>
        }
        @if (problem(); as p) {
          <nz-alert nzType="warning" nzShowIcon [nzMessage]="'rights.rule.' + p.rule | transloco: limits()" data-testid="apply-problem" style="margin-top: 8px" />
        } @else {
          <nz-alert nzType="success" nzShowIcon [nzMessage]="'rights.apply.withinPolicy' | transloco" data-testid="apply-ok" style="margin-top: 8px" />
        }
        @if (preview().length) {
          <h3 style="margin-top: 16px">{{ 'rights.apply.preview' | transloco }}</h3>
          <nz-table [nzData]="preview()" [nzShowPagination]="false" nzSize="small" data-testid="apply-preview">
            <tbody>
              @for (s of preview(); track s.name) {
                <tr><td>{{ s.name }}</td><td>{{ s.pct }} %</td></tr>
              }
            </tbody>
          </nz-table>
        }
        <p style="margin-top: 16px">
          <button nz-button nzType="primary" [disabled]="!!problem() || busy()" (click)="submit()" data-testid="apply-submit">{{ 'rights.apply.submit' | transloco }}</button>
        </p>
      }
    </div>
  `,
  styles: `.hint { color: var(--ttx-text-secondary); } .field { display: inline-flex; gap: 8px; align-items: center; }`,
})
export class EmpowermentApply {
  protected readonly twoColumns = TWO_COLUMNS;
  private readonly catalogApi = inject(CatalogApi);
  private readonly rightsApi = inject(RightsApi);
  private readonly router = inject(Router);
  private readonly language = inject(LanguageService);

  readonly achievementId = input.required<string>();
  protected readonly models = EMPOWERMENT_MODELS;
  protected readonly achievement = signal<AchievementView | null>(null);
  protected readonly policy = signal<PolicyView | null>(null);
  protected readonly model = signal<EmpowermentModel>('ownership_first');
  protected readonly pct = signal<number | null>(70);
  protected readonly years = signal<number | null>(10);
  protected readonly busy = signal(false);

  protected readonly problem = computed(() => {
    const p = this.policy();
    if (!p) return null;
    return checkEmpowermentTerms(p.settings, { model: this.model(), teamOwnershipPct: this.pct(), useRightYears: this.years() });
  });
  protected readonly limits = computed(() => ({
    min: this.model() === 'ownership_first' ? this.policy()?.settings.minTeamOwnershipPct : this.policy()?.settings.minUseRightYears,
  }));
  /** The ledger an approval would write (same largest-remainder split as the server). */
  protected readonly preview = computed(() => {
    const inventors = this.achievement()?.confidential?.inventors ?? [];
    const bp = pctToBp(this.pct() ?? NaN);
    if (this.model() !== 'ownership_first' || !inventors.length || bp === null || this.problem()) return [];
    const split = splitOwnership(bp, inventors.map((i, k) => ({ key: String(k), contributionBp: pctToBp(i.sharePct) ?? 0 })));
    return [
      { name: this.achievement()?.institutionName ?? '', pct: split.institutionBp / 100 },
      ...split.members.map((s, k) => ({ name: inventors[k].name, pct: s.shareBp / 100 })),
    ];
  });

  constructor() {
    effect(() => {
      const id = this.achievementId();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    const a = await this.catalogApi.achievement(id);
    this.achievement.set(a);
    this.policy.set(await this.rightsApi.policy(a.institutionId));
  }

  protected pick(t: { zh: string | null; en: string | null }): string {
    return pickText(t, this.language.lang());
  }

  async submit(): Promise<void> {
    this.busy.set(true);
    try {
      const m = this.model();
      const e = await this.rightsApi.applyForEmpowerment(this.achievementId(), {
        model: m,
        ...(m === 'ownership_first' ? { teamOwnershipPct: this.pct() ?? undefined } : {}),
        ...(m === 'long_term_use' ? { useRightYears: this.years() ?? undefined } : {}),
      });
      await this.router.navigate(['/rights/empowerments', e.id]);
    } catch {
      /* the error interceptor shows the problem */
    } finally {
      this.busy.set(false);
    }
  }
}
