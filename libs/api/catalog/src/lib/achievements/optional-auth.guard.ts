import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { Problems } from '@ttx/api/core';

/**
 * For @Public() routes whose answer depends on who asks: without an Authorization header the caller is
 * anonymous (request.user = null); with one, the token must be valid (401 otherwise), as on guarded routes.
 */
@Injectable()
export class OptionalAuthGuard extends AuthGuard('jwt') {
  override canActivate(ctx: ExecutionContext) {
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, unknown>; user?: unknown }>();
    if (!req.headers['authorization']) {
      req.user = null;
      return true;
    }
    return super.canActivate(ctx);
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err || !user) {
      const expired = info instanceof Error && info.name === 'TokenExpiredError';
      throw Problems.unauthorized(expired ? 'The access token has expired' : 'A valid access token is required');
    }
    return user;
  }
}
