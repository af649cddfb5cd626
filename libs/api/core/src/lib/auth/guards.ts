import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { permissionsOf, type Permission } from '@ttx/shared/contracts';
import { Problems } from '../errors/problem';
import { IS_PUBLIC, REQUIRED_PERMISSION, type AuthUser } from './decorators';
import { bearerToken, VerifiedTokens } from './verified-tokens';

const isPublic = (reflector: Reflector, ctx: ExecutionContext) =>
  reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]) === true;

/**
 * Global: every route needs a valid access token unless marked @Public(). Passport verifies a token the
 * first time; later requests with the same token reuse its user until it expires (VerifiedTokens).
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly verified = new VerifiedTokens();

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (isPublic(this.reflector, ctx)) return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, unknown>; user?: AuthUser }>();
    const token = bearerToken(req.headers['authorization']);
    const known = token ? this.verified.get(token) : undefined;
    if (known) {
      req.user = known;
      return true;
    }
    const ok = (await super.canActivate(ctx)) as boolean;
    if (ok && token && req.user) this.verified.remember(token, req.user);
    return ok;
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err || !user) {
      const reason = info instanceof Error ? info.name : '';
      throw Problems.unauthorized(
        reason === 'TokenExpiredError' ? 'The access token has expired' : 'A valid access token is required',
      );
    }
    return user;
  }
}

/** Global, after JwtAuthGuard: checks the route's declared permission; no declaration means no access. */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (isPublic(this.reflector, ctx)) return true;
    const needed = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (!needed) throw Problems.forbidden('This route declares no permission and is closed');
    const user = ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user || !permissionsOf(user.roles).has(needed)) throw Problems.forbidden(`Requires permission ${needed}`);
    return true;
  }
}
