import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { MeView } from '@ttx/shared/contracts';
import { APP_CONFIG, JWT_ISSUER, Problems, type AccessTokenClaims, type AppConfig } from '@ttx/api/core';
import { RefreshTokenEntity } from '../entities';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

type RotateOutcome<T> = { kind: 'ok'; result: T } | { kind: 'reused' } | { kind: 'invalid' };

/**
 * Access tokens: short-lived HS256 JWTs with roles as claims. Refresh tokens: opaque `<id>.<secret>`,
 * stored as an HMAC; each use spends the token, and presenting a spent one revokes its whole family.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private hash(secret: string): string {
    return createHmac('sha256', this.config.JWT_REFRESH_SECRET).update(secret).digest('hex');
  }

  async issue(manager: EntityManager, me: MeView, familyId: string = randomUUID()): Promise<IssuedTokens> {
    const claims: AccessTokenClaims = { sub: me.id, email: me.email, roles: me.roles, typ: 'access' };
    const accessToken = await this.jwt.signAsync(claims, {
      secret: this.config.JWT_ACCESS_SECRET,
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      issuer: JWT_ISSUER,
      algorithm: 'HS256',
    });
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await manager.insert(RefreshTokenEntity, {
      id,
      userId: me.id,
      familyId,
      tokenHash: this.hash(secret),
      expiresAt: new Date(Date.now() + this.config.JWT_REFRESH_TTL_DAYS * 86_400_000),
    });
    return { accessToken, refreshToken: `${id}.${secret}`, expiresIn: this.config.JWT_ACCESS_TTL_SECONDS };
  }

  /** Sign-out: the refresh token and every token rotated from the same login stop working. */
  revoke(refreshToken: string): Promise<boolean> {
    return revokeFamily(this.dataSource, (s) => this.hash(s), refreshToken);
  }

  /**
   * Spends a refresh token. The row lock makes two concurrent uses of one token serialise:
   * the second sees it spent and revokes the family — the same outcome as a stolen token replayed.
   */
  async rotate<T>(
    refreshToken: string,
    next: (manager: EntityManager, userId: string, familyId: string) => Promise<T>,
  ): Promise<T> {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw Problems.unauthorized('The refresh token is invalid');
    const outcome = await this.dataSource.transaction(async (m): Promise<RotateOutcome<T>> => {
      const rows: RefreshTokenEntity[] = await m
        .createQueryBuilder(RefreshTokenEntity, 't')
        .setLock('pessimistic_write')
        .where('t.id = :id', { id })
        .getMany();
      const row = rows[0];
      if (!row || !safeEqual(row.tokenHash, this.hash(secret))) return { kind: 'invalid' };
      if (row.usedAt || row.revokedAt) {
        await m.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [
          row.familyId,
        ]);
        return { kind: 'reused' };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' };
      await m.update(RefreshTokenEntity, { id }, { usedAt: new Date() });
      return { kind: 'ok', result: await next(m, row.userId, row.familyId) };
    });
    if (outcome.kind === 'reused') throw Problems.unauthorized('The refresh token was already used; all sessions of this login are revoked');
    if (outcome.kind === 'invalid') throw Problems.unauthorized('The refresh token is invalid or expired');
    return outcome.result;
  }
}

/** Revokes the whole family of a refresh token (sign-out); unknown or forged tokens change nothing. */
export async function revokeFamily(dataSource: DataSource, hash: (secret: string) => string, refreshToken: string): Promise<boolean> {
  const [id, secret] = refreshToken.split('.');
  if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return false;
  const [row]: { family_id: string; token_hash: string }[] = await dataSource.query(
    'SELECT family_id, token_hash FROM refresh_tokens WHERE id = $1',
    [id],
  );
  if (!row || !safeEqual(row.token_hash, hash(secret))) return false;
  await dataSource.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [row.family_id]);
  return true;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
