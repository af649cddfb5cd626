import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { RegistryApi, type VerifyResultView } from '@ttx/web/api-client';
import { LanguageService } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzInputModule } from 'ng-zorro-antd/input';
import { formatYuan } from './registry-format';
import { AccessibleLabel } from '@ttx/web/ui';

/** Public: anyone checks a registration certificate by the code printed on it. */
@Component({
  selector: 'ttx-verify-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, TranslocoPipe, NzAlertModule, NzButtonModule, NzDescriptionsModule, NzInputModule],
  template: `
    <div class="ttx-page" style="max-width: 800px">
      <h1>{{ 'registry.verify' | transloco }}</h1>
      <div style="display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 16px">
        <input nz-input [ttxLabel]="'registry.verifyPage.code' | transloco" [placeholder]="'registry.verifyPage.code' | transloco" [ngModel]="input()" (ngModelChange)="input.set($event)" data-testid="verify-input" />
        <button nz-button nzType="primary" (click)="go()" data-testid="verify-go">{{ 'registry.verifyPage.check' | transloco }}</button>
      </div>
      @if (result(); as r) {
        <nz-alert [nzType]="r.valid ? 'success' : 'warning'" nzShowIcon [nzMessage]="(r.valid ? 'registry.verifyPage.valid' : 'registry.verifyPage.invalid') | transloco" data-testid="verify-result" style="margin-bottom: 16px" />
        <nz-descriptions nzBordered [nzColumn]="1" nzSize="small">
          <nz-descriptions-item [nzTitle]="'registry.col.number' | transloco"><span data-testid="verify-number">{{ r.registrationNumber }}</span></nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.form.projectName' | transloco">{{ r.projectName }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.form.kind' | transloco">{{ 'registry.kind.' + r.kind | transloco }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.detail.seller' | transloco"><span data-testid="verify-seller">{{ r.sellerName }}</span></nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.detail.buyer' | transloco">{{ r.buyerName }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.col.amount' | transloco">{{ yuan(r.contractAmount) }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.col.techAmount' | transloco">{{ yuan(r.techTransactionAmount) }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.form.signedOn' | transloco">{{ r.registeredOn }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'registry.verifyPage.hash' | transloco"><code style="word-break: break-all">{{ r.contentHash }}</code></nz-descriptions-item>
        </nz-descriptions>
      }
      @if (notFound()) {
        <nz-alert nzType="error" nzShowIcon [nzMessage]="'registry.verifyPage.notFound' | transloco" data-testid="verify-not-found" />
      }
    </div>
  `,
})
export class VerifyPage {
  private readonly api = inject(RegistryApi);
  private readonly router = inject(Router);
  private readonly language = inject(LanguageService);
  readonly code = input<string>();

  protected readonly input = signal('');
  protected readonly result = signal<VerifyResultView | null>(null);
  protected readonly notFound = signal(false);

  constructor() {
    effect(() => {
      const code = this.code();
      if (code) {
        this.input.set(code);
        void this.check(code);
      }
    });
  }

  go(): void {
    const code = this.input().trim();
    if (code) void this.router.navigate(['/registry/verify', code]);
  }

  async check(code: string): Promise<void> {
    this.result.set(null);
    this.notFound.set(false);
    try {
      this.result.set(await this.api.verifyCertificate(code));
    } catch {
      this.notFound.set(true);
    }
  }

  protected yuan(fen: number): string {
    return formatYuan(fen, this.language.lang());
  }
}
