import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { REJECTION_REASONS, type RejectionReason } from '@ttx/shared/contracts';
import { type ContractView, RegistryApi } from '@ttx/web/api-client';
import { LanguageService, reloadOn } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTimelineModule } from 'ng-zorro-antd/timeline';
import { DEADLINE_COLOURS, formatYuan, saveBlob, STATUS_COLOURS, yuanToFen } from './registry-format';
import { AccessibleLabel, TWO_COLUMNS } from '@ttx/web/ui';

/** One contract: parties, amounts, history; the registrar's review (warnings, register/reject); the certificate. */
@Component({
  selector: 'ttx-contract-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzAlertModule, NzButtonModule, NzCheckboxModule, NzDescriptionsModule, NzInputModule, NzInputNumberModule, NzTagModule, NzTimelineModule],
  template: `
    <div class="ttx-page" style="max-width: 1000px">
      <a routerLink="/registry">← {{ 'registry.title' | transloco }}</a>
      @if (c(); as c) {
        <h1 data-testid="cd-title">{{ c.projectName }}</h1>
        <div style="display: flex; gap: 8px; align-items: center; margin-bottom: 12px; flex-wrap: wrap">
          <nz-tag [nzColor]="statusColour(c.status)" data-testid="cd-status">{{ 'registry.status.' + c.status | transloco }}</nz-tag>
          <span>{{ 'registry.kind.' + c.kind | transloco }}@if (c.subKind) { · {{ 'registry.subKind.' + c.subKind | transloco }} }</span>
          @if (c.registrationNumber) { <strong data-testid="cd-number">{{ c.registrationNumber }}</strong> }
          @if (c.deadline) { <nz-tag [nzColor]="deadlineColour(c.deadline)">{{ 'registry.detail.reviewDue' | transloco }} {{ c.reviewDueOn }} · {{ 'registry.deadline.' + c.deadline | transloco }}</nz-tag> }
          @if (c.reviewDeadlineDays !== null) { <nz-tag>{{ 'registry.detail.reviewPeriod' | transloco: { days: c.reviewDeadlineDays } }}</nz-tag> }
        </div>
        <div style="display: flex; gap: 8px; margin-bottom: 16px; flex-wrap: wrap">
          @if (can('submit')) { <button nz-button nzType="primary" (click)="run('submit')" data-testid="cd-submit">{{ 'registry.action.submit' | transloco }}</button> }
          @if (can('accept')) { <button nz-button (click)="run('accept')" data-testid="cd-accept">{{ 'registry.action.accept' | transloco }}</button> }
          @if (can('register')) { <button nz-button nzType="primary" (click)="register()" data-testid="cd-register">{{ 'registry.action.register' | transloco }}</button> }
          @if (can('reject')) { <button nz-button nzDanger (click)="rejecting.set(!rejecting())" data-testid="cd-reject">{{ 'registry.action.reject' | transloco }}</button> }
          @if (can('certificate')) { <button nz-button (click)="certificate()" data-testid="cd-certificate">{{ 'registry.action.certificate' | transloco }}</button> }
          @if (can('amend')) { <button nz-button (click)="panel.set(panel() === 'amend' ? null : 'amend')" data-testid="cd-amend">{{ 'registry.action.amend' | transloco }}</button> }
          @if (can('terminate')) { <button nz-button nzDanger (click)="panel.set(panel() === 'terminate' ? null : 'terminate')" data-testid="cd-terminate">{{ 'registry.action.terminate' | transloco }}</button> }
          @if (c.verificationCode) { <a nz-button nzType="link" [routerLink]="['/registry/verify', c.verificationCode]" data-testid="cd-verify-link">{{ 'registry.detail.verificationCode' | transloco }} {{ c.verificationCode }}</a> }
        </div>
        @if (panel(); as p) {
          <div style="border: 1px solid #d9d9d9; padding: 12px; margin-bottom: 16px; display: flex; gap: 8px; flex-wrap: wrap; align-items: center">
            @if (p === 'amend') {
              <span>{{ 'registry.form.contractAmount' | transloco }}</span>
              <nz-input-number [ttxLabel]="'registry.form.contractAmount' | transloco" [nzMin]="0.01" [ngModel]="amendYuan()" (ngModelChange)="amendYuan.set($event)" data-testid="cd-amend-amount" />
            }
            <input nz-input style="flex: 1 1 240px" [ttxLabel]="'registry.action.note' | transloco" [placeholder]="'registry.action.note' | transloco" [ngModel]="note()" (ngModelChange)="note.set($event)" data-testid="cd-panel-note" />
            <button nz-button nzType="primary" [disabled]="note().trim().length < 2" (click)="p === 'amend' ? amend() : terminate()" data-testid="cd-panel-confirm">{{ 'registry.action.' + p | transloco }}</button>
          </div>
        }
        @if (rejecting()) {
          <div style="border: 1px solid #ffccc7; padding: 12px; margin-bottom: 16px" data-testid="cd-reject-panel">
            <div>{{ 'registry.action.reasons' | transloco }}</div>
            @for (r of reasons; track r) {
              <span nz-checkbox [ttxLabel]="'registry.reason.' + r | transloco" [ngModel]="picked().includes(r)" (ngModelChange)="toggle(r, $event)" [attr.data-testid]="'cd-reason-' + r">{{ 'registry.reason.' + r | transloco }}</span>
            }
            <textarea nz-input rows="2" style="margin: 8px 0" [ttxLabel]="'registry.action.note' | transloco" [placeholder]="'registry.action.note' | transloco" [ngModel]="note()" (ngModelChange)="note.set($event)"></textarea>
            <button nz-button nzDanger [disabled]="!picked().length" (click)="reject()" data-testid="cd-confirm-reject">{{ 'registry.action.confirmReject' | transloco }}</button>
          </div>
        }
        @if (c.rejectionReasons?.length) {
          <nz-alert nzType="error" [nzMessage]="'registry.detail.rejection' | transloco" [nzDescription]="rejection" style="margin-bottom: 16px" data-testid="cd-rejection" />
          <ng-template #rejection>
            @for (r of c.rejectionReasons; track r) { <nz-tag nzColor="red">{{ 'registry.reason.' + r | transloco }}</nz-tag> }
            @if (c.rejectionNote) { <div style="margin-top: 4px">{{ c.rejectionNote }}</div> }
          </ng-template>
        }
        @if (c.actions.includes('register') || c.warnings.length) {
          <h3>{{ 'registry.detail.warnings' | transloco }}</h3>
          @for (w of c.warnings; track w.kind) {
            <nz-alert nzType="warning" nzShowIcon [nzMessage]="'registry.warning.' + w.kind | transloco" [nzDescription]="w.message" style="margin-bottom: 8px" data-testid="cd-warning" />
          } @empty {
            <p>{{ 'registry.detail.noWarnings' | transloco }}</p>
          }
        }
        <nz-descriptions nzBordered [nzColumn]="twoColumns" nzSize="small">
          <nz-descriptions-item [nzTitle]="'registry.detail.seller' | transloco">{{ c.seller.name }} · {{ c.seller.creditCode }} · {{ c.seller.regionName }} · {{ 'registry.partyType.' + c.seller.type | transloco }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.detail.buyer' | transloco">{{ c.buyer.name }} · {{ c.buyer.creditCode }} · {{ c.buyer.regionName ?? c.buyer.countryCode }} · {{ 'registry.partyType.' + c.buyer.type | transloco }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.form.signedOn' | transloco">{{ c.signedOn }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.form.validTo' | transloco">{{ c.validFrom ?? '—' }} – {{ c.validTo ?? '—' }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.col.amount' | transloco">{{ yuan(c.contractAmount) }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.detail.nonTechnical' | transloco">{{ yuan(nonTech()) }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.col.techAmount' | transloco"><strong data-testid="cd-tech">{{ yuan(c.techTransactionAmount) }}</strong></nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.detail.version' | transloco">{{ c.version }}@if (c.byReference) { · {{ 'registry.detail.byReference' | transloco }} }</nz-descriptions-item>
        </nz-descriptions>
        <h3 style="margin-top: 16px">{{ 'registry.detail.attachments' | transloco }}</h3>
        @for (f of c.attachments; track f.id) {
          <div><button nz-button nzType="link" (click)="download(f.id, f.fileName)" data-testid="cd-attachment">{{ f.fileName }}</button> · {{ f.size }} B</div>
        } @empty {
          <p>—</p>
        }
        @if (can('attach')) {
          <input type="file" [ttxLabel]="'registry.detail.attach' | transloco" (change)="attach($event)" data-testid="cd-attach" style="margin-top: 8px" />
        }
        <h3 style="margin-top: 16px">{{ 'registry.detail.history' | transloco }}</h3>
        <nz-timeline>
          @for (h of c.history; track $index) {
            <nz-timeline-item>{{ h.at.slice(0, 16).replace('T', ' ') }} · {{ 'registry.event.' + h.action | transloco }}</nz-timeline-item>
          }
        </nz-timeline>
      }
    </div>
  `,
})
export class ContractDetail {
  protected readonly twoColumns = TWO_COLUMNS;
  private readonly api = inject(RegistryApi);
  private readonly language = inject(LanguageService);
  readonly id = input.required<string>();

  protected readonly c = signal<ContractView | null>(null);
  protected readonly reasons = REJECTION_REASONS;
  protected readonly rejecting = signal(false);
  protected readonly picked = signal<RejectionReason[]>([]);
  protected readonly note = signal('');
  protected readonly panel = signal<'amend' | 'terminate' | null>(null);
  protected readonly amendYuan = signal<number | null>(null);
  protected readonly nonTech = computed(() => {
    const n = this.c()?.nonTechnical;
    return n ? n.equipment + n.materials + n.construction + n.other : 0;
  });
  /** One key per registration attempt, so a retried click cannot register twice. */
  private registerKey = crypto.randomUUID();

  constructor() {
    reloadOn(() => this.id(), (id) => this.load(id));
  }

  async load(id: string): Promise<void> {
    try {
      const c = await this.api.contract(id);
      this.c.set(c);
      this.amendYuan.set(c.contractAmount / 100);
    } catch {
      /* interceptor */
    }
  }

  protected can(action: string): boolean {
    return this.c()?.actions.includes(action) ?? false;
  }

  async run(action: 'submit' | 'accept'): Promise<void> {
    try {
      this.c.set(action === 'submit' ? await this.api.submitContract(this.id()) : await this.api.acceptContract(this.id()));
    } catch {
      /* interceptor */
    }
  }

  async register(): Promise<void> {
    try {
      this.c.set(await this.api.registerContract(this.id(), this.registerKey));
      this.registerKey = crypto.randomUUID();
    } catch {
      /* interceptor */
    }
  }

  protected toggle(r: RejectionReason, on: boolean): void {
    this.picked.update((xs) => (on ? [...xs, r] : xs.filter((x) => x !== r)));
  }

  async reject(): Promise<void> {
    try {
      this.c.set(await this.api.rejectContract(this.id(), { reasons: this.picked(), note: this.note() || undefined }));
      this.rejecting.set(false);
    } catch {
      /* interceptor */
    }
  }

  async attach(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      this.c.set(await this.api.attachToContract(this.id(), file));
    } catch {
      /* interceptor */
    }
    input.value = '';
  }

  async download(attachmentId: string, fileName: string): Promise<void> {
    saveBlob(await this.api.contractAttachment(this.id(), attachmentId), fileName);
  }

  async certificate(): Promise<void> {
    const c = this.c();
    if (!c) return;
    saveBlob(await this.api.contractCertificate(c.id), `certificate-${c.registrationNumber}.pdf`);
  }

  async amend(): Promise<void> {
    try {
      this.c.set(await this.api.amendContract(this.id(), { contractAmount: yuanToFen(this.amendYuan()), note: this.note().trim() }));
      this.panel.set(null);
    } catch {
      /* interceptor */
    }
  }

  async terminate(): Promise<void> {
    try {
      this.c.set(await this.api.terminateContract(this.id(), this.note().trim()));
      this.panel.set(null);
    } catch {
      /* interceptor */
    }
  }
  protected yuan(fen: number): string {
    return formatYuan(fen, this.language.lang());
  }
  protected statusColour(s: string): string {
    return STATUS_COLOURS[s] ?? 'default';
  }
  protected deadlineColour(d: string): string {
    return DEADLINE_COLOURS[d] ?? 'default';
  }
}
