import { Injectable, inject, signal } from '@angular/core';
import { NotificationView, PlatformApi } from '@ttx/web/api-client';

/** The signed-in user's notifications, one page at a time. */
@Injectable({ providedIn: 'root' })
export class NotificationsStore {
  private readonly api = inject(PlatformApi);

  readonly items = signal<NotificationView[]>([]);
  readonly total = signal(0);
  readonly page = signal(1);
  readonly pageSize = signal(10);
  readonly loading = signal(false);
  readonly failed = signal(false);
  /** Unread across all pages, as the server counts them. */
  readonly unread = signal(0);

  async load(page = this.page()): Promise<void> {
    this.loading.set(true);
    this.failed.set(false);
    try {
      await this.fetch(page);
    } catch {
      this.failed.set(true);
    } finally {
      this.loading.set(false);
    }
  }

  /** Background refresh (polling): no spinner, and a failed poll keeps what is shown. */
  async poll(): Promise<void> {
    if (this.loading()) return;
    await this.fetch(this.page()).catch(() => undefined);
  }

  private async fetch(page: number): Promise<void> {
    const result = await this.api.listNotifications(page, this.pageSize());
    this.items.set(result.items);
    this.total.set(result.total);
    this.unread.set(result.unread);
    this.page.set(result.page ?? page);
  }

  async markRead(id: string): Promise<void> {
    await this.api.markNotificationRead(id);
    const now = new Date().toISOString();
    const wasUnread = this.items().some((n) => n.id === id && !n.readAt);
    this.items.update((items) => items.map((n) => (n.id === id ? { ...n, readAt: n.readAt ?? now } : n)));
    if (wasUnread) this.unread.update((u) => Math.max(0, u - 1));
  }
}
