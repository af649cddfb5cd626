import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { NotificationDto } from '@ttx/web/api-client';
import { LanguageService, NotificationsStore } from '@ttx/web/core';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzListModule } from 'ng-zorro-antd/list';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzResultModule } from 'ng-zorro-antd/result';

const NOTIFICATION_POLL_MS = 20_000;

/** The signed-in user's notifications: each opens what it is about (and counts as read), "mark as read", paging. */
@Component({
  selector: 'ttx-notification-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    RouterLink,
    TranslocoPipe,
    NzBadgeModule,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzListModule,
    NzPaginationModule,
    NzResultModule,
  ],
  templateUrl: './notification-list.html',
})
export class NotificationList implements OnInit {
  protected readonly store = inject(NotificationsStore);
  private readonly destroyRef = inject(DestroyRef);
  /** Notifications carry both languages; show the active one. */
  protected readonly lang = inject(LanguageService);

  /** Where the notification leads: only paths inside the app (a link is data from the server, never a URL to follow). */
  protected target(n: NotificationDto): string | null {
    return n.link && /^\/(?!\/)/.test(n.link) ? n.link : null;
  }

  /** Opening a notification reads it. */
  protected opened(n: NotificationDto): void {
    if (!n.readAt) void this.store.markRead(n.id);
  }

  ngOnInit(): void {
    void this.store.load(1);
    // New notifications (relayed by the worker) appear without a reload.
    const timer = setInterval(() => void this.store.poll(), NOTIFICATION_POLL_MS);
    this.destroyRef.onDestroy(() => clearInterval(timer));
  }
}
