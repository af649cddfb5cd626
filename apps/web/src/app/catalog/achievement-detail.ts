import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { type AchievementView, CatalogApi } from '@ttx/web/api-client';
import { AuthStore, LanguageService, reloadOn } from '@ttx/web/core';
import { OrgPicker } from '@ttx/web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { AttachmentList } from './attachment-list';
import { OwnershipPanel } from '../rights/ownership-panel';
import { type Localized, pickText, priceRange } from './catalog-text';
import { AccessibleLabel } from '@ttx/web/ui';

/** One achievement: public part for everyone, confidential part for owners and NDA signers. */
@Component({
  selector: 'ttx-achievement-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, 
    RouterLink,
    TranslocoPipe,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzDescriptionsModule,
    NzModalModule,
    NzResultModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    OrgPicker,
    AttachmentList,
    OwnershipPanel,
  ],
  templateUrl: './achievement-detail.html',
  styles: `
    section { margin-bottom: 16px; }
    .bilingual { white-space: pre-line; }
    .other { color: var(--ttx-text-secondary); }
  `,
})
export class AchievementDetail {
  private readonly api = inject(CatalogApi);
  protected readonly auth = inject(AuthStore);
  protected readonly language = inject(LanguageService);

  /** Route param. */
  readonly id = input.required<string>();

  protected readonly item = signal<AchievementView | null>(null);
  protected readonly loading = signal(true);
  protected readonly notFound = signal(false);
  protected readonly ndaOpen = signal(false);
  protected readonly accepting = signal(false);
  /** The caller's enterprises; with several it names the one that accepts. */
  protected readonly enterprises = computed(() => this.auth.organizations('enterprise', ['enterprise_member']));
  protected readonly ndaOrg = signal<string | null>(null);

  protected readonly canRequestNda = computed(() => {
    const a = this.item();
    return !!a && !a.confidential && this.auth.roles().includes('enterprise_member');
  });
  protected readonly price = computed(() => priceRange(this.item()?.askingPrice ?? null, this.language.lang()));

  constructor() {
    reloadOn(() => this.id(), (id) => this.load(id));
  }

  async load(id: string): Promise<void> {
    this.loading.set(true);
    try {
      this.item.set(await this.api.achievement(id));
      this.notFound.set(false);
    } catch {
      this.notFound.set(true);
    } finally {
      this.loading.set(false);
    }
  }

  async acceptNda(): Promise<void> {
    this.accepting.set(true);
    try {
      await this.api.acceptNda(this.id(), this.ndaOrg() ?? undefined);
      this.ndaOpen.set(false);
      await this.load(this.id());
    } catch {
      /* the error interceptor shows the message */
    } finally {
      this.accepting.set(false);
    }
  }

  protected pick(text: Localized | null | undefined): string {
    return pickText(text, this.language.lang());
  }
}
