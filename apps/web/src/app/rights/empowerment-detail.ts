import { ChangeDetectionStrategy, Component, untracked, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { CHECKLIST_ITEMS, type EmpowermentDecision, type ReviewVote } from '@ttx/shared/contracts';
import { type DisclosureDetailView, type EmpowermentView, RightsApi } from '@ttx/web/api-client';
import { AuthStore, LanguageService } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzStepsModule } from 'ng-zorro-antd/steps';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { pickText } from '../catalog/catalog-text';
import { formatTime, STATUS_COLORS, STEPS, stepIndex } from './rights-text';
import { AccessibleLabel, TWO_COLUMNS } from '@ttx/web/ui';

interface ReviewerRow {
  name: string;
  vote: ReviewVote;
  comment: string;
}

/** One empowerment: consents, the TTO review with its due-diligence checklist, the notice and its objections, decisions. */
@Component({
  selector: 'ttx-empowerment-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AccessibleLabel,
    FormsModule,
    RouterLink,
    TranslocoPipe,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzCheckboxModule,
    NzDescriptionsModule,
    NzInputModule,
    NzRadioModule,
    NzSelectModule,
    NzStepsModule,
    NzTableModule,
    NzTagModule,
  ],
  templateUrl: './empowerment-detail.html',
  styles: `
    nz-card { margin-bottom: 16px; }
    .row { display: flex; gap: 8px; align-items: center; margin-bottom: 8px; flex-wrap: wrap; }
    .muted { color: var(--ttx-text-secondary); }
  `,
})
export class EmpowermentDetail {
  protected readonly twoColumns = TWO_COLUMNS;
  private readonly api = inject(RightsApi);
  protected readonly auth = inject(AuthStore);
  protected readonly language = inject(LanguageService);
  protected readonly colors = STATUS_COLORS;
  protected readonly steps = STEPS;
  protected readonly checklistKeys = CHECKLIST_ITEMS;

  readonly id = input.required<string>();
  protected readonly item = signal<EmpowermentView | null>(null);
  protected readonly notice = signal<DisclosureDetailView | null>(null);
  protected readonly busy = signal(false);
  protected readonly missing = signal(false);

  // Decision form
  protected readonly decision = signal<EmpowermentDecision>('approve');
  protected readonly reasons = signal('');
  protected readonly checked = signal<Record<string, boolean>>({});
  protected readonly reviewers = signal<ReviewerRow[]>([{ name: '', vote: 'approve', comment: '' }]);
  protected readonly evidenceTitle = signal('');
  protected readonly evidenceRef = signal('');
  // Offline consent and objection answers, keyed by position / objection id
  protected readonly evidence = signal<Partial<Record<number, string>>>({});
  protected readonly answers = signal<Record<string, { status: 'upheld' | 'dismissed'; reasons: string }>>({});

  protected readonly step = computed(() => stepIndex(this.item()?.status ?? ''));
  protected readonly isTto = computed(() => {
    const e = this.item();
    return !!e && (this.auth.user()?.memberships ?? []).some((m) => m.organizationId === e.institutionId && m.role === 'tto_manager');
  });
  protected readonly noticeEnded = computed(() => this.item()?.disclosure?.status === 'ended');
  /** Final stage: the checklist was recorded at review; only decision and reasons are asked. */
  protected readonly finalStage = computed(() => this.item()?.status === 'in_notice');

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  /** An application that is missing or not the caller's (404) says so on the page; it was an uncaught error. */
  async load(id: string): Promise<void> {
    try {
      const e = await this.api.empowerment(id);
      this.item.set(e);
      this.missing.set(false);
      this.notice.set(e.disclosure ? await this.api.disclosure(e.disclosure.id) : null);
    } catch {
      this.missing.set(!this.item()); // the error interceptor has shown the problem
    }
  }

  protected pick(t: { zh: string | null; en: string | null }): string {
    return pickText(t, this.language.lang());
  }

  protected time(iso: string | null | undefined): string {
    return formatTime(iso, this.language.lang());
  }

  protected toggle(key: string, value: boolean): void {
    this.checked.update((c) => ({ ...c, [key]: value }));
  }

  protected setReviewer(i: number, patch: Partial<ReviewerRow>): void {
    this.reviewers.update((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  }

  protected addReviewer(): void {
    this.reviewers.update((rs) => [...rs, { name: '', vote: 'approve', comment: '' }]);
  }

  protected setEvidence(position: number, text: string): void {
    this.evidence.update((e) => ({ ...e, [position]: text }));
  }

  protected answerOf(id: string) {
    return this.answers()[id] ?? { status: 'dismissed' as const, reasons: '' };
  }

  protected setAnswer(id: string, patch: Partial<{ status: 'upheld' | 'dismissed'; reasons: string }>): void {
    this.answers.update((a) => ({ ...a, [id]: { ...this.answerOf(id), ...patch } }));
  }

  private async run(action: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    try {
      await action();
      await this.load(this.id());
    } catch {
      /* the error interceptor shows the problem */
    } finally {
      this.busy.set(false);
    }
  }

  consent(): Promise<void> {
    return this.run(() => this.api.consent(this.id()));
  }

  recordConsent(position: number): Promise<void> {
    return this.run(() => this.api.consent(this.id(), { inventorPosition: position, evidence: this.evidence()[position] ?? '' }));
  }

  answer(objectionId: string): Promise<void> {
    return this.run(() => this.api.answerObjection(this.id(), objectionId, this.answerOf(objectionId)));
  }

  decide(): Promise<void> {
    const checklist = this.finalStage()
      ? undefined
      : {
          items: CHECKLIST_ITEMS.map((key) => ({ key, passed: !!this.checked()[key] })),
          reviewers: this.reviewers()
            .filter((r) => r.name.trim())
            .map((r) => ({ name: r.name.trim(), vote: r.vote, comment: r.comment.trim() || null })),
          evidence: this.evidenceTitle().trim() ? [{ title: this.evidenceTitle().trim(), ref: this.evidenceRef().trim() || null }] : [],
        };
    return this.run(() => this.api.decide(this.id(), { decision: this.decision(), reasons: this.reasons(), checklist }));
  }
}
