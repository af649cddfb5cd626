import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ACHIEVEMENT_KINDS, DEAL_TYPES, IP_RECORD_STATUSES, MATURITY_STAGES } from '@ttx/shared/contracts';
import { type AttachmentView, CatalogApi } from '@ttx/web/api-client';
import { AuthStore, LanguageService } from '@ttx/web/core';
import { OrgPicker, AccessibleLabel } from '@ttx/web/ui';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { type AchievementForm, emptyForm, formFromAchievement, formProblems, shareState, submitProblems, toAchievementInput } from './achievement-form';
import { AttachmentList } from './attachment-list';
import { type FieldNode, pickText } from './catalog-text';

/**
 * Create and edit form of the institution portal (`/catalog/new`, `/catalog/:id/edit`): saves a draft or
 * the changes, optionally submitting right away.
 */
@Component({
  selector: 'ttx-achievement-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzButtonModule, NzEmptyModule, NzFormModule, NzInputModule, NzInputNumberModule, NzSelectModule, OrgPicker, AttachmentList],
  templateUrl: './achievement-editor.html',
  styles: `
    .row { display: flex; gap: 8px; margin-bottom: 8px; align-items: center; flex-wrap: wrap; }
    .row > input { flex: 1 1 200px; }
    .sum-bad { color: #cf1322; }
    .sum-ok { color: var(--ttx-success); }
    h4.block { display: block; margin: 12px 0 4px; font-weight: 500; }
    .hint-muted { color: var(--ttx-text-secondary); margin-top: 12px; }
  `,
})
export class AchievementEditor {
  private readonly api = inject(CatalogApi);
  private readonly router = inject(Router);
  /** Set when editing an existing achievement. */
  protected readonly id = inject(ActivatedRoute).snapshot.paramMap.get('id');
  /** The loaded achievement's status (edit mode): submitting is offered for drafts and withdrawn ones. */
  protected readonly status = signal<string | null>(null);
  /** Edit mode: the stored attachments (uploads take effect at once, independent of Save). */
  protected readonly attachments = signal<AttachmentView[]>([]);
  protected readonly loadFailed = signal(false);
  /** Creating: the institutions the caller may file for; with several it names one. */
  private readonly auth = inject(AuthStore);
  protected readonly institutions = computed(() => (this.id ? [] : this.auth.organizations('institution', ['researcher', 'tto_manager'])));
  /** With several institutions the form waits for the choice. */
  protected readonly institutionMissing = computed(() => this.institutions().length > 1 && !this.institutionId());
  protected readonly institutionId = signal<string | null>(null);
  private readonly language = inject(LanguageService);

  protected readonly kinds = ACHIEVEMENT_KINDS;
  protected readonly stages = MATURITY_STAGES;
  protected readonly dealTypes = DEAL_TYPES;
  protected readonly ipStatuses = IP_RECORD_STATUSES;

  protected readonly form = signal<AchievementForm>(emptyForm());
  protected readonly shares = computed(() => shareState(this.form().inventors));
  protected readonly problems = computed(() => formProblems(this.form()));
  protected readonly submitBlocked = computed(() => submitProblems(this.form()).length > 0);
  protected readonly saving = signal(false);
  private readonly tree = signal<FieldNode[]>([]);
  protected readonly fieldOptions = computed(() => {
    const lang = this.language.lang();
    return this.tree().flatMap((top) => [
      { value: top.code, label: pickText(top.name, lang) },
      ...(top.children ?? []).map((c) => ({ value: c.code, label: `${pickText(top.name, lang)} / ${pickText(c.name, lang)}` })),
    ]);
  });

  constructor() {
    this.api.technologyFields().then(
      (t) => this.tree.set(t as FieldNode[]),
      () => undefined,
    );
    if (this.id) {
      this.api.achievement(this.id).then(
        (a) => {
          this.form.set(formFromAchievement(a));
          this.status.set(a.status);
          this.attachments.set(a.confidential?.attachments ?? []);
        },
        () => this.loadFailed.set(true),
      );
    }
  }

  /** Reloads only the attachments, keeping unsaved edits in the form. */
  protected async reloadAttachments(): Promise<void> {
    if (!this.id) return;
    const a = await this.api.achievement(this.id);
    this.attachments.set(a.confidential?.attachments ?? []);
  }

  /** Submitting is the next step only from a draft or a withdrawn achievement. */
  protected readonly canSubmit = computed(() => !this.id || this.status() === 'draft' || this.status() === 'withdrawn');

  protected set<K extends keyof AchievementForm>(key: K, value: AchievementForm[K]): void {
    this.form.update((f) => ({ ...f, [key]: value }));
  }

  protected setInventor(i: number, change: Partial<AchievementForm['inventors'][number]>): void {
    this.form.update((f) => ({ ...f, inventors: f.inventors.map((r, j) => (j === i ? { ...r, ...change } : r)) }));
  }

  protected addInventor(): void {
    this.form.update((f) => ({ ...f, inventors: [...f.inventors, { name: '', share: null }] }));
  }

  protected removeInventor(i: number): void {
    this.form.update((f) => ({ ...f, inventors: f.inventors.filter((_, j) => j !== i) }));
  }

  protected setIp(i: number, change: Partial<AchievementForm['ipRecords'][number]>): void {
    this.form.update((f) => ({ ...f, ipRecords: f.ipRecords.map((r, j) => (j === i ? { ...r, ...change } : r)) }));
  }

  protected addIp(): void {
    this.form.update((f) => ({ ...f, ipRecords: [...f.ipRecords, { number: '', office: 'CNIPA', status: 'filed' }] }));
  }

  protected removeIp(i: number): void {
    this.form.update((f) => ({ ...f, ipRecords: f.ipRecords.filter((_, j) => j !== i) }));
  }

  async save(submit: boolean): Promise<void> {
    if ((submit ? this.submitBlocked() : this.problems().length > 0) || this.institutionMissing()) return;
    this.saving.set(true);
    try {
      const body = toAchievementInput(this.form());
      const institutionId = this.institutionId();
      if (!this.id && institutionId) body.institutionId = institutionId;
      const saved = this.id ? await this.api.updateAchievement(this.id, body) : await this.api.createAchievement(body);
      // The draft exists now: even when submitting fails, the portal list shows it.
      if (submit) await this.api.submitAchievement(saved.id).catch(() => undefined);
      await this.router.navigate(['/catalog/mine']);
    } catch {
      /* the error interceptor shows the problem */
    } finally {
      this.saving.set(false);
    }
  }
}
