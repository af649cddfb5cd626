import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ROLES, type Role } from '@ttx/shared/contracts';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import type { AuthUser } from './decorators';

export interface AccessTokenClaims {
  sub: string;
  email: string;
  roles: Role[];
  typ: 'access';
}

export const JWT_ISSUER = 'ttx';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.JWT_ACCESS_SECRET,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      ignoreExpiration: false,
    });
  }

  /** Token claims only — no database round trip on the hot path; tokens live minutes. */
  validate(claims: AccessTokenClaims): AuthUser | false {
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) return false;
    return { id: claims.sub, email: claims.email, roles: claims.roles.filter((r) => ROLES.includes(r)) };
  }
}
