import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Api } from '../generated/api';
import { health, listNotifications, login, logout, markNotificationRead, me, refresh, register } from '../generated/functions';
import type {
  HealthDto,
  LoginDto,
  MeDto,
  NotificationDto,
  NotificationPageDto,
  RegisterDto,
  TokenPairDto,
  UserDto,
} from '../generated/models';

/**
 * The one place the web app touches the generated client. Types come from the generated models;
 * the aliases keep call sites stable when the OpenAPI document is regenerated.
 */
export type AuthUserView = UserDto;
export type AuthSessionView = TokenPairDto;
export type NotificationView = NotificationDto;
export type NotificationPageView = NotificationPageDto;
export type HealthView = HealthDto;
export type RegisterInput = RegisterDto;
export type LoginInput = LoginDto;
export type MeView = MeDto;

@Injectable({ providedIn: 'root' })
export class TtxApi {
  private readonly api = inject(Api);

  register(body: RegisterInput, context?: HttpContext): Promise<AuthUserView> {
    return this.api.invoke(register, { body }, context);
  }

  login(body: LoginInput, context?: HttpContext): Promise<AuthSessionView> {
    return this.api.invoke(login, { body }, context);
  }

  refresh(refreshToken: string, context?: HttpContext): Promise<AuthSessionView> {
    return this.api.invoke(refresh, { body: { refreshToken } }, context);
  }

  /** Revokes the refresh token (and every token rotated from the same login) on the server. */
  async logout(refreshToken: string, context?: HttpContext): Promise<void> {
    await this.api.invoke(logout, { body: { refreshToken } }, context);
  }

  me(context?: HttpContext): Promise<MeView> {
    return this.api.invoke(me, undefined, context);
  }

  listNotifications(page: number, pageSize: number, context?: HttpContext): Promise<NotificationPageView> {
    return this.api.invoke(listNotifications, { page, pageSize }, context);
  }

  async markNotificationRead(id: string, context?: HttpContext): Promise<void> {
    await this.api.invoke(markNotificationRead, { id }, context);
  }

  health(context?: HttpContext): Promise<HealthView> {
    return this.api.invoke(health, undefined, context);
  }
}
