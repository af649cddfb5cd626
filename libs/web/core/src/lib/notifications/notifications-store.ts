import { Injectable, computed, inject, signal } from '@angular/core';
import { NotificationView, TtxApi } from '@ttx/web/api-client';

/** The signed-in user's notifications, one page at a time. */
@Injectable({ providedIn: 'root' })
export class NotificationsStore {
  private readonly api = inject(TtxApi);

  readonly items = signal<NotificationView[]>([]);
  readonly total = signal(0);
  readonly page = signal(1);
  readonly pageSize = signal(10);
  readonly loading = signal(false);
  readonly failed = signal(false);
  readonly unread = computed(() => this.items().filter((n) => !n.readAt).length);

  async load(page = this.page()): Promise<void> {
    this.loading.set(true);
    this.failed.set(false);
    try {
      const result = await this.api.listNotifications(page, this.pageSize());
      this.items.set(result.items);
      this.total.set(result.total);
      this.page.set(result.page ?? page);
    } catch {
      this.failed.set(true);
    } finally {
      this.loading.set(false);
    }
  }

  async markRead(id: string): Promise<void> {
    await this.api.markNotificationRead(id);
    const now = new Date().toISOString();
    this.items.update((items) => items.map((n) => (n.id === id ? { ...n, readAt: n.readAt ?? now } : n)));
  }
}
