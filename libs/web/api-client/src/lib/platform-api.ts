import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Api } from '../generated/api';
import { health, listNotifications, markNotificationRead } from '../generated/functions';
import type { HealthDto, NotificationDto, NotificationPageDto } from '../generated/models';

export type NotificationView = NotificationDto;
export type NotificationPageView = NotificationPageDto;
export type HealthView = HealthDto;

/** Platform (API.md "Platform"): health and the caller's notifications. */
@Injectable({ providedIn: 'root' })
export class PlatformApi {
  private readonly api = inject(Api);

  health(context?: HttpContext): Promise<HealthView> {
    return this.api.invoke(health, undefined, context);
  }

  listNotifications(page: number, pageSize: number, context?: HttpContext): Promise<NotificationPageView> {
    return this.api.invoke(listNotifications, { page, pageSize }, context);
  }

  async markNotificationRead(id: string, context?: HttpContext): Promise<void> {
    await this.api.invoke(markNotificationRead, { id }, context);
  }
}
