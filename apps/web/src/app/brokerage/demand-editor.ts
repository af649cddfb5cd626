import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { DEAL_TYPES, MATURITY_STAGES, type DealType, type MaturityStage } from '@ttx/shared/contracts';
import { BrokerageApi, type DemandInput } from '@ttx/web/api-client';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { AccessibleLabel } from '@ttx/web/ui';

/** An enterprise posts a technology need (出题). Budget is typed in yuan and sent in fen. */
@Component({
  selector: 'ttx-demand-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, TranslocoPipe, NzButtonModule, NzCheckboxModule, NzFormModule, NzInputModule, NzInputNumberModule, NzSelectModule],
  template: `
    <div class="ttx-page" style="max-width: 760px">
      <h1>{{ 'brokerage.demands.new' | transloco }}</h1>
      <form nz-form nzLayout="vertical" (ngSubmit)="save()">
        <nz-form-item>
          <nz-form-label>{{ 'brokerage.editor.titleZh' | transloco }}</nz-form-label>
          <input nz-input [ttxLabel]="'brokerage.editor.titleZh' | transloco" name="titleZh" [(ngModel)]="titleZh" data-testid="demand-title-zh" />
        </nz-form-item>
        <nz-form-item>
          <nz-form-label>{{ 'brokerage.editor.titleEn' | transloco }}</nz-form-label>
          <input nz-input [ttxLabel]="'brokerage.editor.titleEn' | transloco" name="titleEn" [(ngModel)]="titleEn" data-testid="demand-title-en" />
        </nz-form-item>
        <nz-form-item>
          <nz-form-label>{{ 'brokerage.editor.summaryZh' | transloco }}</nz-form-label>
          <textarea [ttxLabel]="'brokerage.editor.summaryZh' | transloco" nz-input rows="3" name="summaryZh" [(ngModel)]="summaryZh" data-testid="demand-summary-zh"></textarea>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label>{{ 'brokerage.editor.summaryEn' | transloco }}</nz-form-label>
          <textarea [ttxLabel]="'brokerage.editor.summaryEn' | transloco" nz-input rows="3" name="summaryEn" [(ngModel)]="summaryEn" data-testid="demand-summary-en"></textarea>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label>{{ 'brokerage.editor.field' | transloco }}</nz-form-label>
          <input nz-input [ttxLabel]="'brokerage.editor.field' | transloco" name="fieldCode" placeholder="05.01" [(ngModel)]="fieldCode" data-testid="demand-field" />
        </nz-form-item>
        <nz-form-item>
          <nz-form-label>{{ 'brokerage.demand.stage' | transloco }}</nz-form-label>
          <nz-select [ttxLabel]="'brokerage.demand.stage' | transloco" name="stage" nzAllowClear [(ngModel)]="stage" data-testid="demand-stage">
            @for (s of stages; track s) {
              <nz-option [nzValue]="s" [nzLabel]="'catalog.stage.' + s | transloco" />
            }
          </nz-select>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label>{{ 'brokerage.demand.dealTypes' | transloco }}</nz-form-label>
          <nz-select [ttxLabel]="'brokerage.demand.dealTypes' | transloco" name="dealTypes" nzMode="multiple" [(ngModel)]="dealTypes" data-testid="demand-deal-types">
            @for (d of deals; track d) {
              <nz-option [nzValue]="d" [nzLabel]="'catalog.dealType.' + d | transloco" />
            }
          </nz-select>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label>{{ 'brokerage.editor.budgetYuan' | transloco }}</nz-form-label>
          <div style="display: flex; flex-wrap: wrap; gap: 8px">
            <nz-input-number [ttxLabel]="'brokerage.editor.budgetMin' | transloco" name="budgetMin" [nzMin]="0" [(ngModel)]="budgetMin" data-testid="demand-budget-min" />
            <nz-input-number [ttxLabel]="'brokerage.editor.budgetMax' | transloco" name="budgetMax" [nzMin]="0" [(ngModel)]="budgetMax" data-testid="demand-budget-max" />
          </div>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label>{{ 'brokerage.demand.deadline' | transloco }}</nz-form-label>
          <input nz-input [ttxLabel]="'brokerage.demand.deadline' | transloco" type="date" name="deadline" [(ngModel)]="deadline" data-testid="demand-deadline" />
        </nz-form-item>
        <nz-form-item>
          <span nz-checkbox [ttxLabel]="'brokerage.editor.confidential' | transloco" name="confidential" [(ngModel)]="confidential">{{ 'brokerage.editor.confidential' | transloco }}</span>
        </nz-form-item>
        <button nz-button nzType="primary" type="submit" [nzLoading]="saving()" data-testid="demand-save">{{ 'brokerage.editor.post' | transloco }}</button>
      </form>
    </div>
  `,
})
export class DemandEditor {
  private readonly api = inject(BrokerageApi);
  private readonly router = inject(Router);
  protected readonly stages = MATURITY_STAGES;
  protected readonly deals = DEAL_TYPES;
  protected titleZh = '';
  protected titleEn = '';
  protected summaryZh = '';
  protected summaryEn = '';
  protected fieldCode = '';
  protected stage: MaturityStage | null = null;
  protected dealTypes: DealType[] = ['licence'];
  protected budgetMin: number | null = null;
  protected budgetMax: number | null = null;
  protected deadline = `${new Date().getFullYear() + 1}-06-30`;
  protected confidential = false;
  protected readonly saving = signal(false);

  /** The request body from the form (empty texts left out, yuan → fen). */
  body(): DemandInput {
    // The generated type marks both languages required; the API takes either (an empty one is left out).
    const text = <T>(zh: string, en: string) => ({ ...(zh.trim() ? { zh: zh.trim() } : {}), ...(en.trim() ? { en: en.trim() } : {}) }) as T;
    return {
      title: text<DemandInput['title']>(this.titleZh, this.titleEn),
      summary: text<DemandInput['summary']>(this.summaryZh, this.summaryEn),
      dealTypes: this.dealTypes,
      deadline: this.deadline,
      confidential: this.confidential,
      ...(this.fieldCode.trim() ? { fieldCode: this.fieldCode.trim() } : {}),
      ...(this.stage ? { desiredStage: this.stage } : {}),
      ...(this.budgetMax !== null ? { budget: { minFen: Math.round((this.budgetMin ?? 0) * 100), maxFen: Math.round(this.budgetMax * 100) } } : {}),
    };
  }

  async save(): Promise<void> {
    this.saving.set(true);
    try {
      const d = await this.api.createDemand(this.body());
      await this.router.navigate(['/brokerage/demands', d.id]);
    } catch {
      /* shown by the error interceptor */
    } finally {
      this.saving.set(false);
    }
  }
}
