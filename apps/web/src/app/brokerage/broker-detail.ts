import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { CREDIT_EVENT_KINDS, type CreditEventKind } from '@ttx/shared/contracts';
import { BrokerageApi, type BrokerView, type CreditEventView } from '@ttx/web/api-client';
import { AuthStore, LanguageService, reloadOn } from '@ttx/web/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { type Localized, pickText } from '../catalog/catalog-text';
import { gradeColor } from './brokerage-text';
import { AccessibleLabel, TWO_COLUMNS } from '@ttx/web/ui';

/**
 * A broker's public profile: rating with the published formula, breach list, track record. Platform admins
 * (and the broker) also see every credit event; admins record and reverse them with a reason.
 */
@Component({
  selector: 'ttx-broker-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, TranslocoPipe, NzButtonModule, NzDescriptionsModule, NzInputModule, NzSelectModule, NzTableModule, NzTagModule],
  template: `
    <div class="ttx-page">
      @if (broker(); as b) {
        <h1 data-testid="broker-name">{{ b.displayName }}</h1>
        <nz-descriptions nzBordered [nzColumn]="twoColumns">
          <nz-descriptions-item [nzTitle]="'brokerage.brokers.organization' | transloco">{{ b.organizationName }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'brokerage.brokers.certification' | transloco">{{ b.certificationNumber }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'brokerage.brokers.rating' | transloco">
            <nz-tag [nzColor]="color(b.rating.grade)" data-testid="broker-detail-grade">{{ b.rating.grade }} · {{ b.rating.score }}</nz-tag>
          </nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'brokerage.brokers.closedDeals' | transloco">{{ b.trackRecord.closedDeals }} / {{ b.trackRecord.activeRooms }} {{ 'brokerage.brokers.active' | transloco }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'brokerage.brokers.fields' | transloco">{{ b.fieldCodes.join(', ') }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'brokerage.brokers.bio' | transloco">{{ pick(b.bio) }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="'brokerage.brokers.formula' | transloco" [nzSpan]="2">{{ pick(b.rating.formula) }}</nz-descriptions-item>
        </nz-descriptions>
        @if (b.rating.breaches.length) {
          <h2 style="margin-top: 16px">{{ 'brokerage.brokers.breaches' | transloco }}</h2>
          <ul data-testid="broker-breaches">
            @for (x of b.rating.breaches; track x.id) {
              <li>{{ x.occurredAt.slice(0, 10) }} — {{ x.reason }}</li>
            }
          </ul>
        }
        @if (events(); as list) {
          <h2 style="margin-top: 16px">{{ 'brokerage.credit.title' | transloco }}</h2>
          <nz-table [nzData]="list" [nzShowPagination]="false" nzSize="small" data-testid="credit-events">
            <thead>
              <tr>
                <th>{{ 'brokerage.credit.kind' | transloco }}</th>
                <th>{{ 'brokerage.credit.occurredAt' | transloco }}</th>
                <th>{{ 'brokerage.credit.reason' | transloco }}</th>
                <th>{{ 'brokerage.credit.effect' | transloco }}</th>
                @if (admin) {
                  <th>{{ 'brokerage.credit.actions' | transloco }}</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (e of list; track e.id) {
                <tr [attr.data-testid]="'credit-event-' + e.id">
                  <td>{{ 'brokerage.credit.kinds.' + e.kind | transloco }}</td>
                  <td>{{ e.occurredAt.slice(0, 10) }}</td>
                  <td>{{ e.reason }}@if (e.reverseReason) { <br /><i>{{ e.reverseReason }}</i> }</td>
                  <td><nz-tag data-testid="credit-effect">{{ 'brokerage.credit.effects.' + e.effect | transloco }}</nz-tag> @if (e.penalty) { −{{ e.penalty }} }</td>
                  @if (admin) {
                    <td>
                      @if (!e.reversedAt) {
                        <button nz-button nzSize="small" (click)="reverse(e.id)" [disabled]="!reason.trim()" data-testid="credit-reverse">{{ 'brokerage.credit.reverse' | transloco }}</button>
                      }
                    </td>
                  }
                </tr>
              }
            </tbody>
          </nz-table>
          @if (admin) {
            <div style="display: flex; gap: 8px; margin-top: 12px; flex-wrap: wrap" data-testid="credit-form">
              <nz-select style="width: 180px" [ttxLabel]="'brokerage.credit.kind' | transloco" [(ngModel)]="kind" data-testid="credit-kind">
                @for (k of kinds; track k) {
                  <nz-option [nzValue]="k" [nzLabel]="'brokerage.credit.kinds.' + k | transloco" />
                }
              </nz-select>
              <input nz-input type="date" style="width: 160px" [ttxLabel]="'brokerage.credit.occurredAt' | transloco" [(ngModel)]="occurredOn" data-testid="credit-date" />
              <input nz-input style="flex: 1; min-width: 200px" [ttxLabel]="'brokerage.credit.reason' | transloco" [placeholder]="'brokerage.credit.reason' | transloco" [(ngModel)]="reason" data-testid="credit-reason" />
              <button nz-button nzType="primary" (click)="record()" [disabled]="!reason.trim()" data-testid="credit-record">{{ 'brokerage.credit.record' | transloco }}</button>
            </div>
          }
        }
      }
    </div>
  `,
})
export class BrokerDetail {
  protected readonly twoColumns = TWO_COLUMNS;
  readonly id = input.required<string>();
  private readonly api = inject(BrokerageApi);
  private readonly auth = inject(AuthStore);
  private readonly language = inject(LanguageService);
  protected readonly broker = signal<BrokerView | null>(null);
  protected readonly events = signal<CreditEventView[] | null>(null);
  protected readonly admin = this.auth.hasRole('platform_admin');
  protected readonly kinds = CREDIT_EVENT_KINDS;
  protected readonly color = gradeColor;
  protected kind: CreditEventKind = 'late_payment';
  protected occurredOn = new Date().toISOString().slice(0, 10);
  protected reason = '';

  constructor() {
    reloadOn(() => this.id(), (id) => this.load(id));
  }

  async load(id: string): Promise<void> {
    try {
      const b = await this.api.broker(id);
      this.broker.set(b);
      if (this.admin || this.auth.user()?.id === b.userId) this.events.set((await this.api.creditEvents(id)).items);
    } catch {
      /* shown by the error interceptor */
    }
  }

  async record(): Promise<void> {
    try {
      await this.api.recordCreditEvent(this.id(), { kind: this.kind, occurredAt: new Date(`${this.occurredOn}T00:00:00Z`).toISOString(), reason: this.reason.trim() });
      this.reason = '';
      await this.load(this.id());
    } catch {
      /* shown by the error interceptor */
    }
  }

  async reverse(eventId: string): Promise<void> {
    try {
      await this.api.reverseCreditEvent(eventId, this.reason.trim());
      this.reason = '';
      await this.load(this.id());
    } catch {
      /* shown by the error interceptor */
    }
  }

  protected pick(text: Localized | null): string {
    return pickText(text, this.language.lang());
  }
}
