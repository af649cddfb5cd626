import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { DEAL_TYPES, dealRoomChannel, type DealRoomLiveEvent, type DealType } from '@ttx/shared/contracts';
import { BrokerageApi, type DealRoomView, type RoomMessageView } from '@ttx/web/api-client';
import { AuthStore, LanguageService, LiveClient, reloadOn, type LiveSubscription } from '@ttx/web/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { fenToYuan } from '../catalog/catalog-text';
import { AccessibleLabel } from '@ttx/web/ui';

/** How often new messages are fetched (`?since=` cursor) while the live channel is not joined. */
export const ROOM_POLL_MS = 2000;

/** A deal room: members and NDA, live messages, checklist, offers (become market offers) and the broker's commission. */
@Component({
  selector: 'ttx-deal-room',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel, FormsModule, RouterLink, TranslocoPipe, NzAlertModule, NzButtonModule, NzCardModule, NzCheckboxModule, NzInputModule, NzInputNumberModule, NzSelectModule, NzTagModule],
  template: `
    <div class="ttx-page">
      @if (room(); as r) {
        <h1 data-testid="room-title">{{ r.demandTitle }} ↔ {{ r.achievementTitle }}</h1>
        <p>
          <nz-tag nzColor="blue" data-testid="room-stage">{{ 'brokerage.roomStage.' + r.stage | transloco }}</nz-tag>
          @if (r.ndaAccepted) {
            <nz-tag [nzColor]="joined() ? 'green' : 'default'" data-testid="room-live">{{ (joined() ? 'brokerage.rooms.live' : 'brokerage.rooms.polling') | transloco }}</nz-tag>
          }
        </p>
        @if (!live()) {
          <!-- Arrives live: a market deal pushes a stage event after it commits, and the room is refetched. -->
          <nz-alert
            data-testid="room-closed"
            [nzType]="r.stage === 'closed_won' ? 'success' : 'info'"
            [nzMessage]="(r.deal ? 'brokerage.rooms.closedByDeal' : 'brokerage.rooms.closed') | transloco: { price: r.deal ? yuan(r.deal.priceFen) : '' }"
            nzShowIcon
            style="margin-bottom: 12px"
          ></nz-alert>
        }
        <div style="display: grid; grid-template-columns: 2fr 1fr; gap: 12px">
          <nz-card [nzTitle]="'brokerage.rooms.messages' | transloco">
            @if (!r.ndaAccepted) {
              <p>{{ 'brokerage.rooms.ndaText' | transloco }}</p>
              <button nz-button nzType="primary" (click)="acceptNda()" data-testid="room-accept-nda">{{ 'brokerage.rooms.acceptNda' | transloco }}</button>
            } @else {
              <div style="max-height: 360px; overflow: auto" data-testid="room-messages">
                @for (m of messages(); track m.seq) {
                  <p data-testid="room-message"><b>{{ m.authorName }}</b>: {{ m.body }}</p>
                }
              </div>
              @if (live()) {
                <div style="display: flex; flex-wrap: wrap; gap: 8px">
                  <input nz-input [ttxLabel]="'brokerage.rooms.message' | transloco" [(ngModel)]="draft" (keyup.enter)="send()" data-testid="room-message-input" />
                  <button nz-button nzType="primary" (click)="send()" [disabled]="!draft.trim()" data-testid="room-send">{{ 'brokerage.rooms.send' | transloco }}</button>
                </div>
              }
            }
          </nz-card>
          <div>
            <nz-card [nzTitle]="'brokerage.rooms.members' | transloco" nzSize="small">
              @for (m of r.members; track m.userId) {
                <p data-testid="room-member">
                  {{ m.displayName }} <nz-tag>{{ 'brokerage.roomRole.' + m.role | transloco }}</nz-tag>
                  @if (m.ndaAcceptedAt) {
                    <nz-tag nzColor="green">{{ 'brokerage.rooms.ndaSigned' | transloco }}</nz-tag>
                  }
                </p>
              }
              @if (live()) {
                <div style="display: flex; flex-wrap: wrap; gap: 4px">
                  <input nz-input nzSize="small" [ttxLabel]="'brokerage.rooms.inviteEmail' | transloco" [placeholder]="'brokerage.rooms.inviteEmail' | transloco" [(ngModel)]="inviteEmail" data-testid="room-invite-email" />
                  <button nz-button nzSize="small" (click)="invite()" data-testid="room-invite">{{ 'brokerage.rooms.invite' | transloco }}</button>
                </div>
              }
            </nz-card>
            <nz-card [nzTitle]="'brokerage.rooms.checklist' | transloco" nzSize="small" style="margin-top: 12px">
              @for (c of r.checklist; track c.id) {
                @if (r.ndaAccepted && live()) {
                  <p>
                    <span nz-checkbox [ttxLabel]="lang() === 'zh-CN' ? c.labelZh : c.labelEn" [ngModel]="c.done" (ngModelChange)="check(c.id, $event)">{{ lang() === 'zh-CN' ? c.labelZh : c.labelEn }}</span>
                  </p>
                } @else {
                  <!-- Read-only (closed room, or NDA not yet signed): a record to read, not greyed-out controls (1.4.3). -->
                  <p data-testid="room-check-item">
                    <nz-tag [nzColor]="c.done ? 'green' : 'default'">{{ (c.done ? 'brokerage.rooms.itemDone' : 'brokerage.rooms.itemOpen') | transloco }}</nz-tag>
                    {{ lang() === 'zh-CN' ? c.labelZh : c.labelEn }}
                  </p>
                }
              }
            </nz-card>
          </div>
        </div>
        @if (r.ndaAccepted) {
          <nz-card [nzTitle]="'brokerage.rooms.offers' | transloco" style="margin-top: 12px" data-testid="room-offers">
            @for (o of r.offers; track o.id) {
              <p data-testid="room-offer">
                {{ o.madeByName }}: {{ 'catalog.dealType.' + o.dealType | transloco }} ¥{{ yuan(o.amountFen) }} {{ o.terms ?? '' }}
                @if (o.listingId) {
                  <a [routerLink]="['/market/listings', o.listingId]" data-testid="room-offer-market">{{ 'brokerage.rooms.marketOffer' | transloco }}</a>
                }
              </p>
            }
            @if (myRole() === 'enterprise' && live()) {
              <div style="display: flex; flex-wrap: wrap; gap: 8px">
                <nz-select style="width: 160px" [ttxLabel]="'brokerage.rooms.offerType' | transloco" [(ngModel)]="offerType" data-testid="room-offer-type">
                  @for (d of deals; track d) {
                    <nz-option [nzValue]="d" [nzLabel]="'catalog.dealType.' + d | transloco" />
                  }
                </nz-select>
                <nz-input-number [ttxLabel]="'brokerage.rooms.offerAmount' | transloco" [nzMin]="1" [(ngModel)]="offerYuan" data-testid="room-offer-amount" />
                <button nz-button nzType="primary" (click)="offer()" [disabled]="!offerYuan" data-testid="room-offer-submit">{{ 'brokerage.rooms.makeOffer' | transloco }}</button>
              </div>
            }
          </nz-card>
          <nz-card [nzTitle]="'brokerage.rooms.commission' | transloco" style="margin-top: 12px" data-testid="room-commission">
            <p>
              @if (r.commission.rateBp) {
                {{ r.commission.rateBp / 100 }}%
              }
              @if (r.commission.amountFen) {
                ¥{{ yuan(r.commission.amountFen) }}
              }
              @if (r.commission.agreedAt) {
                <nz-tag nzColor="green" data-testid="commission-agreed">{{ 'brokerage.rooms.agreed' | transloco }}</nz-tag>
              }
            </p>
            @if (myRole() === 'broker' && live()) {
              <div style="display: flex; flex-wrap: wrap; gap: 8px">
                <nz-input-number [ttxLabel]="'brokerage.rooms.commissionAmount' | transloco" [nzMin]="1" [(ngModel)]="commissionYuan" data-testid="commission-amount" />
                <button nz-button (click)="propose()" [disabled]="!commissionYuan" data-testid="commission-propose">{{ 'brokerage.rooms.propose' | transloco }}</button>
              </div>
            }
            @if (myRole() !== 'broker' && live() && (r.commission.rateBp || r.commission.amountFen) && !r.commission.agreedAt) {
              <button nz-button nzType="primary" (click)="agree()" data-testid="commission-agree">{{ 'brokerage.rooms.agree' | transloco }}</button>
            }
          </nz-card>
          @if (myRole() !== 'enterprise' && live()) {
            <div style="margin-top: 12px; display: flex; gap: 8px">
              <button nz-button nzType="primary" (click)="close('won')" data-testid="room-close-won">{{ 'brokerage.rooms.closeWon' | transloco }}</button>
              <button nz-button nzDanger (click)="close('lost')" data-testid="room-close-lost">{{ 'brokerage.rooms.closeLost' | transloco }}</button>
            </div>
          }
        }
      }
    </div>
  `,
})
export class DealRoom {
  readonly id = input.required<string>();
  private readonly api = inject(BrokerageApi);
  private readonly auth = inject(AuthStore);
  protected readonly lang = inject(LanguageService).lang;
  protected readonly room = signal<DealRoomView | null>(null);
  protected readonly messages = signal<RoomMessageView[]>([]);
  /** True while the room's live channel is joined; otherwise messages are polled. */
  protected readonly joined = signal(false);
  private readonly liveClient = inject(LiveClient);
  private subscription?: LiveSubscription;
  protected readonly deals = DEAL_TYPES;
  protected readonly live = computed(() => this.room()?.stage === 'nda' || this.room()?.stage === 'negotiating');
  protected readonly myRole = computed(() => this.room()?.members.find((m) => m.userId === this.auth.user()?.id)?.role ?? null);
  protected draft = '';
  protected inviteEmail = '';
  protected offerType: DealType = 'licence';
  protected offerYuan: number | null = null;
  protected commissionYuan: number | null = null;
  private cursor = 0;

  constructor() {
    reloadOn(() => this.id(), (id) => this.load(id));
    const timer = setInterval(() => {
      if (!this.joined()) void this.poll();
    }, ROOM_POLL_MS);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      this.subscription?.close();
    });
  }

  async load(id: string): Promise<void> {
    try {
      this.room.set(await this.api.dealRoom(id));
      this.cursor = 0;
      this.messages.set([]);
      this.goLive();
      await this.poll();
    } catch {
      /* shown by the error interceptor */
    }
  }

  /** Joins the room's live channel (members who accepted the NDA only); a message fetches since the cursor, anything else reloads the room. */
  private goLive(): void {
    this.subscription?.close();
    this.subscription = undefined;
    this.joined.set(false);
    const r = this.room();
    if (!r?.ndaAccepted) return;
    this.subscription = this.liveClient.subscribe<DealRoomLiveEvent>(dealRoomChannel(r.id), 'room', {
      joined: (ok) => {
        this.joined.set(ok);
        // Whatever was said while the channel was down.
        if (ok) void this.poll();
      },
      event: (e) => {
        if (e.roomId !== this.id()) return;
        if (e.type === 'message') void this.poll();
        else void this.refresh();
      },
    });
  }

  private async refresh(): Promise<void> {
    try {
      this.room.set(await this.api.dealRoom(this.id()));
    } catch {
      /* shown by the error interceptor */
    }
  }

  /** New messages since the cursor (only once the NDA is accepted: before, the API answers 403). */
  async poll(): Promise<void> {
    if (!this.room()?.ndaAccepted) return;
    try {
      const page = await this.api.dealRoomMessages(this.id(), this.cursor);
      if (page.items.length) {
        const seen = new Set(this.messages().map((m) => m.seq));
        this.messages.update((list) => [...list, ...page.items.filter((m) => !seen.has(m.seq))]);
        this.cursor = page.cursor;
      }
    } catch {
      /* try again on the next tick */
    }
  }

  private async run(call: () => Promise<DealRoomView | unknown>): Promise<void> {
    try {
      const r = await call();
      if (r && typeof r === 'object' && 'members' in r) this.room.set(r as DealRoomView);
      else this.room.set(await this.api.dealRoom(this.id()));
    } catch {
      /* shown by the error interceptor */
    }
  }

  async acceptNda() {
    await this.run(() => this.api.acceptDealRoomNda(this.id()));
    this.goLive();
    await this.poll();
  }
  async send() {
    const body = this.draft.trim();
    if (!body) return;
    this.draft = '';
    try {
      await this.api.postDealRoomMessage(this.id(), body);
    } catch {
      return;
    }
    await this.poll();
  }
  invite = () => this.run(() => this.api.inviteToDealRoom(this.id(), this.inviteEmail.trim()));
  check = (itemId: string, done: boolean) => this.run(() => this.api.checkDealRoomItem(this.id(), itemId, done));
  offer = () => this.run(() => this.api.makeDealRoomOffer(this.id(), { dealType: this.offerType, amountFen: Math.round((this.offerYuan ?? 0) * 100) }));
  propose = () => this.run(() => this.api.proposeCommission(this.id(), { amountFen: Math.round((this.commissionYuan ?? 0) * 100) }));
  agree = () => this.run(() => this.api.agreeCommission(this.id()));
  close = (outcome: 'won' | 'lost') => this.run(() => this.api.closeDealRoom(this.id(), outcome));

  protected yuan(fen: number): string {
    return fenToYuan(fen, this.lang());
  }
}
