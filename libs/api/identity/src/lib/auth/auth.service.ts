import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { AuditService, OutboxService, Problems, QueueService } from '@ttx/api/core';
import type { MeView } from '@ttx/shared/contracts';
import { UserEntity } from '../entities';
import { MeService } from '../me/me.service';
import type { RegisterDto } from '../dto/auth.dto';
import { LoginRateLimiter } from './login-rate-limiter';
import { TokenService, type IssuedTokens } from './token.service';

/** OWASP-recommended argon2id parameters (19 MiB, t=2, p=1). */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, ARGON2_OPTIONS);

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so response time does not reveal which e-mails exist. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly me: MeService,
    private readonly limiter: LoginRateLimiter,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly queues: QueueService,
  ) {}

  async register(dto: RegisterDto): Promise<UserEntity> {
    const passwordHash = await hashPassword(dto.password);
    const user = await this.dataSource.transaction(async (m) => {
      const exists = await m.query('SELECT 1 FROM users WHERE email = $1', [dto.email]);
      if (exists.length) throw Problems.conflict('email-taken', 'An account with this e-mail already exists');
      const saved = await m.save(m.create(UserEntity, { email: dto.email, passwordHash, displayName: dto.displayName }));
      await this.audit.append(m, { actorId: saved.id, action: 'user.registered', entityType: 'user', entityId: saved.id });
      await this.outbox.enqueue(m, 'notification', {
        userId: saved.id,
        kind: 'welcome',
        title: { zh: '欢迎加入 TTX 科技成果交易所', en: 'Welcome to TTX' },
        body: {
          zh: '加入或创建机构后即可发布成果、参与交易。',
          en: 'Join or create an organisation to list achievements and trade.',
        },
        email: true,
      });
      return saved;
    });
    void this.queues.nudgeOutbox();
    return user;
  }

  async login(email: string, password: string, ip: string): Promise<IssuedTokens & { user: MeView }> {
    await this.limiter.assertAllowed(email, ip);
    const rows: { id: string; password_hash: string }[] = await this.dataSource.query(
      'SELECT id, password_hash FROM users WHERE email = $1 AND disabled_at IS NULL',
      [email],
    );
    const ok = rows[0]
      ? await argon2.verify(rows[0].password_hash, password)
      : await argon2.verify(await (this.dummyHash ??= hashPassword('not-a-real-password')), password).then(() => false);
    if (!ok) {
      await this.limiter.recordFailure(email, ip);
      throw Problems.unauthorized('E-mail or password is incorrect');
    }
    await this.limiter.recordSuccess(email);
    return this.dataSource.transaction(async (m) => {
      const user = await this.me.find(rows[0].id, m);
      if (!user) throw Problems.unauthorized('E-mail or password is incorrect');
      await this.audit.append(m, { actorId: user.id, action: 'user.login', entityType: 'user', entityId: user.id, data: { ip } });
      return { ...(await this.tokens.issue(m, user)), user };
    });
  }

  async logout(refreshToken: string): Promise<void> {
    const revoked = await this.tokens.revoke(refreshToken);
    if (revoked) {
      await this.dataSource.transaction((m) =>
        this.audit.append(m, { actorId: null, action: 'user.logout', entityType: 'refresh-token', entityId: refreshToken.split('.')[0] }),
      );
    }
  }

  async refresh(refreshToken: string): Promise<IssuedTokens & { user: MeView }> {
    return this.tokens.rotate(refreshToken, async (m, userId, familyId) => {
      // Roles are re-read, so a membership change reaches the next access token.
      const user = await this.me.find(userId, m);
      if (!user) throw Problems.unauthorized('The account no longer exists');
      return { ...(await this.tokens.issue(m, user, familyId)), user };
    });
  }
}
