import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { CONTRACT_KINDS, CONTRACT_SUB_KINDS, PARTY_TYPES, type ContractKind, type PartyType } from '@ttx/shared/contracts';
import { type ContractInput, RegistryApi } from '@ttx/web/api-client';
import { LanguageService } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { formatYuan, liveTechAmount, yuanToFen } from './registry-format';
import { AccessibleLabel } from '@ttx/web/ui';

interface Form {
  kind: ContractKind;
  subKind: string | null;
  projectName: string;
  fieldCode: string;
  signedOn: string;
  validFrom: string;
  validTo: string;
  sellerType: PartyType | null;
  buyerName: string;
  buyerCreditCode: string;
  buyerCountry: string;
  buyerRegion: string;
  buyerType: PartyType;
  contract: number | null;
  equipment: number | null;
  materials: number | null;
  construction: number | null;
  other: number | null;
  investment: number | null;
  output: number | null;
}

const today = () => new Date().toISOString().slice(0, 10);

/** The seller's contract form, with the technology transaction amount computed as one types. */
@Component({
  selector: 'ttx-contract-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzButtonModule, NzFormModule, NzInputModule, NzInputNumberModule, NzSelectModule],
  styles: `
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 8px 16px; }
    .lbl { display: block; font-size: 12px; color: var(--ttx-text-secondary); margin-bottom: 2px; }
    nz-input-number, nz-select { width: 100%; }
    .tech { font-size: 20px; font-weight: 600; margin: 12px 0; }
    .bad { color: #cf1322; }
  `,
  template: `
    <div class="ttx-page" style="max-width: 960px">
      <h1>{{ 'registry.new' | transloco }}</h1>
      <div class="grid">
        <div><span class="lbl">{{ 'registry.form.kind' | transloco }}</span>
          <nz-select [ttxLabel]="'registry.form.kind' | transloco" [ngModel]="form().kind" (ngModelChange)="patch({ kind: $event, subKind: null })" data-testid="cf-kind">
            @for (k of kinds; track k) { <nz-option [nzValue]="k" [nzLabel]="'registry.kind.' + k | transloco" /> }
          </nz-select></div>
        @if (subKinds().length) {
          <div><span class="lbl">{{ 'registry.form.subKind' | transloco }}</span>
            <nz-select [ttxLabel]="'registry.form.subKind' | transloco" nzAllowClear [ngModel]="form().subKind" (ngModelChange)="patch({ subKind: $event })" data-testid="cf-subkind">
              @for (s of subKinds(); track s) { <nz-option [nzValue]="s" [nzLabel]="'registry.subKind.' + s | transloco" /> }
            </nz-select></div>
        }
        <div style="grid-column: 1 / -1"><span class="lbl">{{ 'registry.form.projectName' | transloco }}</span>
          <input nz-input [ttxLabel]="'registry.form.projectName' | transloco" [ngModel]="form().projectName" (ngModelChange)="patch({ projectName: $event })" data-testid="cf-project" /></div>
        <div><span class="lbl">{{ 'registry.form.field' | transloco }}</span>
          <input nz-input [ttxLabel]="'registry.form.field' | transloco" placeholder="01.01" [ngModel]="form().fieldCode" (ngModelChange)="patch({ fieldCode: $event })" /></div>
        <div><span class="lbl">{{ 'registry.form.signedOn' | transloco }}</span>
          <input nz-input [ttxLabel]="'registry.form.signedOn' | transloco" type="date" [ngModel]="form().signedOn" (ngModelChange)="patch({ signedOn: $event })" data-testid="cf-signed" /></div>
        <div><span class="lbl">{{ 'registry.form.validFrom' | transloco }}</span>
          <input nz-input [ttxLabel]="'registry.form.validFrom' | transloco" type="date" [ngModel]="form().validFrom" (ngModelChange)="patch({ validFrom: $event })" /></div>
        <div><span class="lbl">{{ 'registry.form.validTo' | transloco }}</span>
          <input nz-input [ttxLabel]="'registry.form.validTo' | transloco" type="date" [ngModel]="form().validTo" (ngModelChange)="patch({ validTo: $event })" /></div>
        <div><span class="lbl">{{ 'registry.form.sellerType' | transloco }}</span>
          <nz-select [ttxLabel]="'registry.form.sellerType' | transloco" nzAllowClear [ngModel]="form().sellerType" (ngModelChange)="patch({ sellerType: $event })">
            @for (p of partyTypes; track p) { <nz-option [nzValue]="p" [nzLabel]="'registry.partyType.' + p | transloco" /> }
          </nz-select></div>
      </div>
      <h3 style="margin-top: 16px">{{ 'registry.form.buyer' | transloco }}</h3>
      <div class="grid">
        <div><span class="lbl">{{ 'registry.form.buyerName' | transloco }}</span>
          <input nz-input [ttxLabel]="'registry.form.buyerName' | transloco" [ngModel]="form().buyerName" (ngModelChange)="patch({ buyerName: $event })" data-testid="cf-buyer-name" /></div>
        <div><span class="lbl">{{ 'registry.form.buyerCreditCode' | transloco }}</span>
          <input nz-input [ttxLabel]="'registry.form.buyerCreditCode' | transloco" [ngModel]="form().buyerCreditCode" (ngModelChange)="patch({ buyerCreditCode: $event.toUpperCase() })" data-testid="cf-buyer-code" /></div>
        <div><span class="lbl">{{ 'registry.form.buyerCountry' | transloco }}</span>
          <input nz-input [ttxLabel]="'registry.form.buyerCountry' | transloco" [ngModel]="form().buyerCountry" (ngModelChange)="patch({ buyerCountry: $event })" /></div>
        <div><span class="lbl">{{ 'registry.form.buyerRegion' | transloco }}</span>
          <input nz-input [ttxLabel]="'registry.form.buyerRegion' | transloco" [ngModel]="form().buyerRegion" (ngModelChange)="patch({ buyerRegion: $event })" data-testid="cf-buyer-region" /></div>
        <div><span class="lbl">{{ 'registry.form.buyerType' | transloco }}</span>
          <nz-select [ttxLabel]="'registry.form.buyerType' | transloco" [ngModel]="form().buyerType" (ngModelChange)="patch({ buyerType: $event })">
            @for (p of partyTypes; track p) { <nz-option [nzValue]="p" [nzLabel]="'registry.partyType.' + p | transloco" /> }
          </nz-select></div>
      </div>
      <h3 style="margin-top: 16px">{{ 'registry.detail.amounts' | transloco }}</h3>
      <div class="grid">
        @for (f of amountFields; track f.key) {
          <div><span class="lbl">{{ f.label | transloco }}</span>
            <nz-input-number [ttxLabel]="f.label | transloco" [nzMin]="0" [nzStep]="1000" [ngModel]="form()[f.key]" (ngModelChange)="patchAmount(f.key, $event)" [attr.data-testid]="'cf-' + f.key" /></div>
        }
        @if (form().kind === 'transfer') {
          <div><span class="lbl">{{ 'registry.form.investment' | transloco }}</span>
            <nz-input-number [ttxLabel]="'registry.form.investment' | transloco" [nzMin]="0" [ngModel]="form().investment" (ngModelChange)="patch({ investment: $event })" /></div>
          <div><span class="lbl">{{ 'registry.form.output' | transloco }}</span>
            <nz-input-number [ttxLabel]="'registry.form.output' | transloco" [nzMin]="0" [ngModel]="form().output" (ngModelChange)="patch({ output: $event })" /></div>
        }
      </div>
      <div class="tech" [class.bad]="tech().overParts" data-testid="cf-tech-amount">
        {{ 'registry.form.techAmount' | transloco }}: {{ yuan(tech().fen) }}
      </div>
      <div style="color: var(--ttx-text-secondary); margin-bottom: 8px">{{ 'registry.form.techHint' | transloco }}</div>
      @if (tech().overParts) { <div class="bad" data-testid="cf-over">{{ 'registry.form.overParts' | transloco }}</div> }
      <div style="display: flex; flex-wrap: wrap; gap: 8px; margin-top: 16px">
        <button nz-button [disabled]="!valid() || saving()" (click)="save(false)" data-testid="cf-save">{{ 'registry.form.save' | transloco }}</button>
        <button nz-button nzType="primary" [disabled]="!valid() || saving()" (click)="save(true)" data-testid="cf-save-submit">{{ 'registry.form.saveSubmit' | transloco }}</button>
        <a nz-button nzType="link" routerLink="/registry">{{ 'registry.mine' | transloco }}</a>
      </div>
    </div>
  `,
})
export class ContractForm {
  private readonly api = inject(RegistryApi);
  private readonly router = inject(Router);
  private readonly language = inject(LanguageService);

  protected readonly kinds = CONTRACT_KINDS;
  protected readonly partyTypes = PARTY_TYPES;
  protected readonly amountFields = [
    { key: 'contract', label: 'registry.form.contractAmount' },
    { key: 'equipment', label: 'registry.form.equipment' },
    { key: 'materials', label: 'registry.form.materials' },
    { key: 'construction', label: 'registry.form.construction' },
    { key: 'other', label: 'registry.form.other' },
  ] as const;
  protected readonly form = signal<Form>({
    kind: 'transfer', subKind: null, projectName: '', fieldCode: '', signedOn: today(), validFrom: '', validTo: '', sellerType: null,
    buyerName: '', buyerCreditCode: '', buyerCountry: '156', buyerRegion: '', buyerType: 'enterprise',
    contract: null, equipment: null, materials: null, construction: null, other: null, investment: null, output: null,
  });
  protected readonly subKinds = computed(() => CONTRACT_SUB_KINDS[this.form().kind] ?? []);
  protected readonly tech = computed(() => liveTechAmount(this.form()));
  protected readonly valid = computed(() => {
    const f = this.form();
    return f.projectName.trim().length >= 2 && f.buyerName.trim().length >= 2 && !!f.buyerCreditCode && (f.contract ?? 0) > 0 && !this.tech().overParts;
  });
  protected readonly saving = signal(false);

  protected patch(p: Partial<Form>): void {
    this.form.update((f) => ({ ...f, ...p }));
  }
  protected patchAmount(key: 'contract' | 'equipment' | 'materials' | 'construction' | 'other', v: number | null): void {
    this.patch({ [key]: v } as Partial<Form>);
  }
  protected yuan(fen: number): string {
    return formatYuan(fen, this.language.lang());
  }

  /** The API body: amounts in fen, empty optional fields left out. */
  static toInput(f: Form): ContractInput {
    const opt = <T>(v: T | null | '' | undefined) => (v === null || v === '' || v === undefined ? undefined : v);
    return {
      kind: f.kind,
      subKind: opt(f.subKind) as ContractInput['subKind'],
      projectName: f.projectName.trim(),
      fieldCode: opt(f.fieldCode.trim()),
      signedOn: f.signedOn,
      validFrom: opt(f.validFrom),
      validTo: opt(f.validTo),
      sellerType: opt(f.sellerType) ?? undefined,
      buyer: { name: f.buyerName.trim(), creditCode: f.buyerCreditCode.trim(), countryCode: f.buyerCountry || '156', regionCode: opt(f.buyerRegion.trim()), type: f.buyerType },
      contractAmount: yuanToFen(f.contract),
      nonTechnical: { equipment: yuanToFen(f.equipment), materials: yuanToFen(f.materials), construction: yuanToFen(f.construction), other: yuanToFen(f.other) },
      ...(f.kind === 'transfer' && f.investment !== null ? { expectedInvestment: yuanToFen(f.investment) } : {}),
      ...(f.kind === 'transfer' && f.output !== null ? { expectedOutput: yuanToFen(f.output) } : {}),
    };
  }

  async save(submit: boolean): Promise<void> {
    this.saving.set(true);
    try {
      const c = await this.api.createContract(ContractForm.toInput(this.form()));
      if (submit) await this.api.submitContract(c.id);
      await this.router.navigate(['/registry/contracts', c.id]);
    } catch {
      /* the error interceptor shows the problem (field and rule) */
    } finally {
      this.saving.set(false);
    }
  }
}
