import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Permission, Role } from '@ttx/shared/contracts';

export const IS_PUBLIC = 'ttx:public';
export const REQUIRED_PERMISSION = 'ttx:permission';

/** Opts a route out of authentication. Every other route must carry @RequirePermission. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The permission a caller needs; a route with neither this nor @Public() is refused (fail closed).
 * The OpenAPI document states it as `x-permission`, so clients and the api-e2e robustness sweep can tell who may call what.
 */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(SetMetadata(REQUIRED_PERMISSION, permission), ApiExtension('x-permission', permission));

export interface AuthUser {
  id: string;
  email: string;
  roles: Role[];
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
