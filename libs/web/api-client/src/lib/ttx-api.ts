import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MeView, Page } from '@ttx/shared/contracts';
import { Api } from '../generated/api';
import { health, listNotifications, login, markNotificationRead, me, refresh, register } from '../generated/functions';

/**
 * The one place the web app touches the generated client. When `openapi.json` is regenerated from
 * the Nest app, only this file has to follow (operationIds are the stable contract); callers keep
 * the view types below, which mirror `@ttx/shared/contracts` and API.md.
 */

export interface AuthUserView {
  id: string;
  email: string;
  displayName: string;
  createdAt?: string;
}

export interface AuthSessionView {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: AuthUserView;
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  readAt: string | null;
  createdAt: string;
}

export interface HealthView {
  status: string;
  db: string;
  redis: string;
}

export interface RegisterInput {
  email: string;
  password: string;
  displayName: string;
}

export interface LoginInput {
  email: string;
  password: string;
}

@Injectable({ providedIn: 'root' })
export class TtxApi {
  private readonly api = inject(Api);

  register(body: RegisterInput, context?: HttpContext): Promise<AuthUserView> {
    return this.api.invoke(register, { body }, context) as Promise<AuthUserView>;
  }

  login(body: LoginInput, context?: HttpContext): Promise<AuthSessionView> {
    return this.api.invoke(login, { body }, context) as Promise<AuthSessionView>;
  }

  refresh(refreshToken: string, context?: HttpContext): Promise<AuthSessionView> {
    return this.api.invoke(refresh, { body: { refreshToken } }, context) as Promise<AuthSessionView>;
  }

  me(context?: HttpContext): Promise<MeView> {
    return this.api.invoke(me, undefined, context) as Promise<MeView>;
  }

  listNotifications(page: number, pageSize: number, context?: HttpContext): Promise<Page<NotificationView>> {
    return this.api.invoke(listNotifications, { page, pageSize }, context) as Promise<Page<NotificationView>>;
  }

  async markNotificationRead(id: string, context?: HttpContext): Promise<void> {
    await this.api.invoke(markNotificationRead, { id }, context);
  }

  health(context?: HttpContext): Promise<HealthView> {
    return this.api.invoke(health, undefined, context) as Promise<HealthView>;
  }
}
