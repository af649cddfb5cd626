import { ChangeDetectionStrategy, Component, untracked, computed, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { NEGATIVE_RULE_KINDS, type NegativeRuleKind } from '@ttx/shared/contracts';
import { type NegativeRuleView, type PolicyInput, type PolicyVersionView, type PolicyView, RightsApi } from '@ttx/web/api-client';
import { AuthStore, LanguageService } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { formatTime } from './rights-text';
import { AccessibleLabel } from '@ttx/web/ui';

const SETTINGS = ['minTeamOwnershipPct', 'minUseRightYears', 'teamNetIncomeSharePct', 'ttoRetentionPct', 'noticeDays', 'registrationReviewDays', 'deferralMonths'] as const;
type Setting = (typeof SETTINGS)[number];

/** TTO: the institution's rights policy (a new version per save, history kept) and its negative list. */
@Component({
  selector: 'ttx-policy-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzButtonModule, NzCardModule, NzInputModule, NzInputNumberModule, NzSelectModule, NzTableModule, NzTagModule],
  template: `
    <div class="ttx-page">
      <a routerLink="/rights">← {{ 'rights.home.title' | transloco }}</a>
      <h1 data-testid="policy-heading">{{ 'rights.policyPage.title' | transloco }}</h1>
      @if (policy(); as p) {
        <nz-card [nzTitle]="'rights.policyPage.current' | transloco: { version: p.version }">
          <nz-table [nzData]="settings" [nzShowPagination]="false" nzSize="small" data-testid="policy-settings">
            <thead>
              <tr>
                <th>{{ 'rights.policyPage.setting' | transloco }}</th>
                <th>{{ 'rights.policyPage.effective' | transloco }}</th>
                <th>{{ 'rights.policyPage.override' | transloco }}</th>
              </tr>
            </thead>
            <tbody>
              @for (k of settings; track k) {
                <tr>
                  <td>{{ 'rights.policy.' + k | transloco }}</td>
                  <td>{{ p.settings[k] }} @if (p.overrides[k] === undefined) { <nz-tag>{{ 'rights.policyPage.inherited' | transloco }}</nz-tag> }</td>
                  <td><nz-input-number [ttxLabel]="'rights.policy.' + k | transloco" [ngModel]="draft()[k]" (ngModelChange)="setDraft(k, $event)" [nzMin]="0" [attr.data-testid]="'policy-input-' + k" /></td>
                </tr>
              }
            </tbody>
          </nz-table>
          <div class="row">
            <input nz-input style="width: 420px" [ttxLabel]="'rights.policyPage.note' | transloco" [placeholder]="'rights.policyPage.note' | transloco" [ngModel]="note()" (ngModelChange)="note.set($event)" />
            <button nz-button nzType="primary" [disabled]="busy()" (click)="save()" data-testid="policy-save">{{ 'rights.policyPage.save' | transloco }}</button>
          </div>
          <p class="muted">{{ 'rights.policyPage.saveHint' | transloco }}</p>
        </nz-card>
        <nz-card [nzTitle]="'rights.policyPage.history' | transloco">
          @for (v of versions(); track v.id) {
            <p [attr.data-testid]="'policy-version-' + v.version">
              v{{ v.version }} · {{ time(v.createdAt) }} · {{ v.createdByName ?? '—' }} · {{ v.note ?? '' }}
              @for (o of overrideEntries(v.overrides); track o.key) {
                <nz-tag>{{ 'rights.policy.' + o.key | transloco }}: {{ o.value }}</nz-tag>
              }
            </p>
          } @empty {
            <p class="muted">{{ 'rights.policyPage.noVersions' | transloco }}</p>
          }
        </nz-card>
        <nz-card [nzTitle]="'rights.policyPage.negativeList' | transloco" data-testid="negative-list">
          @for (r of rules(); track r.id) {
            <div class="row">
              <nz-tag>{{ 'rights.ruleKind.' + r.kind | transloco }}</nz-tag>
              <code>{{ r.value }}</code>
              <span>{{ language.lang() === 'zh-CN' ? r.reasonZh : r.reasonEn }}</span>
              <button nz-button nzSize="small" nzDanger [disabled]="busy()" (click)="remove(r.id)">{{ 'rights.policyPage.remove' | transloco }}</button>
            </div>
          }
          <div class="row">
            <nz-select style="width: 160px" [ttxLabel]="'rights.policyPage.ruleKind' | transloco" [ngModel]="ruleKind()" (ngModelChange)="ruleKind.set($event)">
              @for (k of ruleKinds; track k) {
                <nz-option [nzValue]="k" [nzLabel]="'rights.ruleKind.' + k | transloco" />
              }
            </nz-select>
            <input nz-input style="width: 160px" [ttxLabel]="'rights.policyPage.ruleValue' | transloco" [placeholder]="'rights.policyPage.value' | transloco" [ngModel]="ruleValue()" (ngModelChange)="ruleValue.set($event)" />
            <input nz-input style="width: 200px" [ttxLabel]="'rights.policyPage.reasonZh' | transloco" [placeholder]="'rights.policyPage.reasonZh' | transloco" [ngModel]="reasonZh()" (ngModelChange)="reasonZh.set($event)" />
            <input nz-input style="width: 200px" [ttxLabel]="'rights.policyPage.reasonEn' | transloco" [placeholder]="'rights.policyPage.reasonEn' | transloco" [ngModel]="reasonEn()" (ngModelChange)="reasonEn.set($event)" />
            <button nz-button [disabled]="busy()" (click)="addRule()">{{ 'rights.policyPage.add' | transloco }}</button>
          </div>
        </nz-card>
      }
    </div>
  `,
  styles: `nz-card { margin-bottom: 16px; } .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 8px 0; } .muted { color: var(--ttx-text-secondary); }`,
})
export class PolicyPage {
  private readonly api = inject(RightsApi);
  private readonly auth = inject(AuthStore);
  protected readonly language = inject(LanguageService);
  protected readonly settings = SETTINGS;
  protected readonly ruleKinds = NEGATIVE_RULE_KINDS;

  /** The first verified institution where the caller is TTO manager. */
  private readonly institutionId = computed(() => this.auth.user()?.memberships.find((m) => m.role === 'tto_manager' && m.verified)?.organizationId ?? null);
  protected readonly policy = signal<PolicyView | null>(null);
  protected readonly versions = signal<PolicyVersionView[]>([]);
  protected readonly rules = signal<NegativeRuleView[]>([]);
  protected readonly draft = signal<Partial<Record<Setting, number | null>>>({});
  protected readonly note = signal('');
  protected readonly busy = signal(false);
  protected readonly ruleKind = signal<NegativeRuleKind>('funding_source');
  protected readonly ruleValue = signal('');
  protected readonly reasonZh = signal('');
  protected readonly reasonEn = signal('');

  constructor() {
    effect(() => {
      const id = this.institutionId();
      if (id) untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    const p = await this.api.policy(id);
    this.policy.set(p);
    this.draft.set({ ...(p.overrides as Partial<Record<Setting, number>>) });
    this.versions.set(await this.api.policyVersions(id));
    this.rules.set(await this.api.negativeList(id));
  }

  protected setDraft(k: Setting, v: number | null): void {
    this.draft.update((d) => ({ ...d, [k]: v }));
  }

  protected time(iso: string): string {
    return formatTime(iso, this.language.lang());
  }

  /** A version's overrides as labelled settings in the table's order (raw JSON showed English keys in the zh UI). */
  protected overrideEntries(overrides: PolicyVersionView['overrides']): { key: Setting; value: number }[] {
    return SETTINGS.filter((k) => overrides[k] !== undefined).map((k) => ({ key: k, value: overrides[k] }));
  }

  private async run(action: (id: string) => Promise<unknown>): Promise<void> {
    const id = this.institutionId();
    if (!id) return;
    this.busy.set(true);
    try {
      await action(id);
      await this.load(id);
    } catch {
      /* the error interceptor shows the problem */
    } finally {
      this.busy.set(false);
    }
  }

  save(): Promise<void> {
    const body: PolicyInput = Object.fromEntries(Object.entries(this.draft()).filter(([, v]) => typeof v === 'number'));
    if (this.note().trim()) body.note = this.note().trim();
    return this.run((id) => this.api.updatePolicy(id, body));
  }

  addRule(): Promise<void> {
    return this.run((id) => this.api.addNegativeRule(id, { kind: this.ruleKind(), value: this.ruleValue(), reasonZh: this.reasonZh(), reasonEn: this.reasonEn() }));
  }

  remove(ruleId: string): Promise<void> {
    return this.run((id) => this.api.removeNegativeRule(id, ruleId));
  }
}
