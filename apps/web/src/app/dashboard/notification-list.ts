import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
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

/** The signed-in user's notifications with "mark as read" and paging. */
@Component({
  selector: 'ttx-notification-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
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

  ngOnInit(): void {
    void this.store.load(1);
    // New notifications (relayed by the worker) appear without a reload.
    const timer = setInterval(() => void this.store.poll(), NOTIFICATION_POLL_MS);
    this.destroyRef.onDestroy(() => clearInterval(timer));
  }
}
