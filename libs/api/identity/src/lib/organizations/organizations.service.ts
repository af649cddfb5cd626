import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService, OutboxService, Problems, QueueService, type AuthUser } from '@ttx/api/core';
import { CREATOR_ROLE, ROLES_BY_ORG_KIND, type Page } from '@ttx/shared/contracts';
import { checkCreditCode } from '@ttx/shared/policy';
import type { AddMemberDto, CreateOrganizationDto, MemberDto, OrganizationDto } from '../dto/organization.dto';
import { MembershipEntity, OrganizationEntity, UserEntity } from '../entities';
import { isRegionCode } from './region-codes';
import { requestVerification } from './verification-request';

const CREDIT_CODE_MESSAGES = {
  length: 'must be 18 characters (GB 32100)',
  characters: 'may only contain digits and the letters A–Y except I, O, S, V, Z (GB 32100)',
  'check-character': 'has a wrong check character (GB 32100)',
} as const;

const creditCodeError = (p: keyof typeof CREDIT_CODE_MESSAGES) => ({ field: 'creditCode', message: CREDIT_CODE_MESSAGES[p] });

export const toOrganizationDto = (o: OrganizationEntity): OrganizationDto => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  creditCode: o.creditCode,
  regionCode: o.regionCode,
  isSme: o.isSme,
  verified: o.verifiedAt !== null,
  verifiedAt: o.verifiedAt?.toISOString() ?? null,
  createdAt: o.createdAt.toISOString(),
});

const isPlatformAdmin = (u: AuthUser) => u.roles.includes('platform_admin');

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly queues: QueueService,
  ) {}

  validate(dto: CreateOrganizationDto): void {
    const errors = [];
    const cc = checkCreditCode(dto.creditCode);
    if (cc) errors.push(creditCodeError(cc));
    if (!isRegionCode(dto.regionCode)) {
      errors.push({ field: 'regionCode', message: 'is not a GB/T 2260 administrative division code' });
    }
    if (errors.length) throw Problems.rule('organization-identifiers', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  }

  async create(caller: AuthUser, dto: CreateOrganizationDto): Promise<OrganizationDto> {
    this.validate(dto);
    if (dto.kind === 'administration' && !isPlatformAdmin(caller)) {
      throw Problems.forbidden('Only platform administrators register technology-market administrations');
    }
    const result = await this.dataSource.transaction(async (m) => {
      const dup = await m.query('SELECT 1 FROM organizations WHERE credit_code = $1', [dto.creditCode]);
      if (dup.length) throw Problems.conflict('credit-code-taken', 'An organisation with this credit code is already registered');
      const org = await m.save(
        m.create(OrganizationEntity, {
          name: dto.name,
          kind: dto.kind,
          creditCode: dto.creditCode,
          regionCode: dto.regionCode,
          isSme: dto.kind === 'enterprise' ? dto.isSme ?? false : false,
          createdBy: caller.id,
          verifiedAt: null,
          verifiedBy: null,
        }),
      );
      await m.insert(MembershipEntity, { userId: caller.id, organizationId: org.id, role: CREATOR_ROLE[dto.kind], isAdmin: true });
      await this.audit.append(m, {
        actorId: caller.id,
        action: 'organization.created',
        entityType: 'organization',
        entityId: org.id,
        data: { name: org.name, kind: org.kind, creditCode: org.creditCode, regionCode: org.regionCode },
      });
      await requestVerification(this.outbox, m, org);
      return toOrganizationDto(org);
    });
    void this.queues.nudgeOutbox();
    return result;
  }

  /**
   * Any signed-in user may read an organisation: its fields (name, kind, unified social credit code, region, SME
   * flag, verification) are public-register facts that counterparties on an exchange check before dealing. Its
   * members (names, e-mails) are only for its own members and platform admins (`members`).
   */
  private async loadVisible(m: EntityManager, caller: AuthUser, id: string): Promise<OrganizationEntity> {
    const org = await m.findOne(OrganizationEntity, { where: { id } });
    if (!org) throw Problems.notFound('Organisation');
    return org;
  }

  private async assertOrgAdmin(m: EntityManager, caller: AuthUser, orgId: string): Promise<void> {
    if (isPlatformAdmin(caller)) return;
    const admin = await m.query('SELECT 1 FROM memberships WHERE organization_id = $1 AND user_id = $2 AND is_admin', [orgId, caller.id]);
    if (!admin.length) throw Problems.forbidden('Only an admin member of this organisation may manage its members');
  }

  async addMember(caller: AuthUser, orgId: string, dto: AddMemberDto): Promise<MemberDto> {
    const result = await this.dataSource.transaction(async (m) => {
      const org = await this.loadVisible(m, caller, orgId);
      await this.assertOrgAdmin(m, caller, orgId);
      if (!ROLES_BY_ORG_KIND[org.kind].includes(dto.role)) {
        throw Problems.rule(
          'role-not-allowed-for-organization-kind',
          `Role ${dto.role} is not available in an organisation of kind ${org.kind} (allowed: ${ROLES_BY_ORG_KIND[org.kind].join(', ')})`,
          [{ field: 'role', message: `not allowed for kind ${org.kind}` }],
        );
      }
      if (dto.role === 'platform_admin' && !isPlatformAdmin(caller)) {
        throw Problems.forbidden('Only platform administrators grant platform_admin');
      }
      const user = await m.findOne(UserEntity, { where: { email: dto.email } });
      if (!user) {
        throw Problems.rule('member-not-registered', 'No account has this e-mail; the person must register first', [
          { field: 'email', message: 'no registered account' },
        ]);
      }
      const exists = await m.query('SELECT 1 FROM memberships WHERE user_id = $1 AND organization_id = $2 AND role = $3', [
        user.id,
        orgId,
        dto.role,
      ]);
      if (exists.length) throw Problems.conflict('already-member', 'This person already holds this role here');
      const ms = await m.save(
        m.create(MembershipEntity, { userId: user.id, organizationId: orgId, role: dto.role, isAdmin: dto.isAdmin ?? false }),
      );
      await this.audit.append(m, {
        actorId: caller.id,
        action: 'organization.member-added',
        entityType: 'organization',
        entityId: orgId,
        data: { userId: user.id, role: dto.role, isAdmin: ms.isAdmin },
      });
      await this.outbox.enqueue(m, 'notification', {
        userId: user.id,
        kind: 'membership-added',
        title: { zh: `您已加入「${org.name}」`, en: `You were added to ${org.name}` },
        body: { zh: `角色：${dto.role}`, en: `Role: ${dto.role}` },
        email: true,
      });
      return { id: ms.id, userId: user.id, email: user.email, displayName: user.displayName, organizationId: orgId, role: ms.role, isAdmin: ms.isAdmin };
    });
    void this.queues.nudgeOutbox();
    return result;
  }

  async verify(caller: AuthUser, orgId: string): Promise<OrganizationDto> {
    const result = await this.dataSource.transaction(async (m) => {
      // Conditional update: two admins verifying at once produce one verification and one 409.
      const updated: [OrganizationEntity[], number] = await m.query(
        `UPDATE organizations SET verified_at = now(), verified_by = $2 WHERE id = $1 AND verified_at IS NULL RETURNING id`,
        [orgId, caller.id],
      );
      if (updated[1] === 0) {
        const exists = await m.findOne(OrganizationEntity, { where: { id: orgId } });
        if (!exists) throw Problems.notFound('Organisation');
        throw Problems.conflict('already-verified', 'The organisation is already verified');
      }
      const org = await m.findOneOrFail(OrganizationEntity, { where: { id: orgId } });
      await this.audit.append(m, { actorId: caller.id, action: 'organization.verified', entityType: 'organization', entityId: orgId });
      const admins: { user_id: string }[] = await m.query('SELECT DISTINCT user_id FROM memberships WHERE organization_id = $1 AND is_admin', [orgId]);
      for (const a of admins) {
        await this.outbox.enqueue(m, 'notification', {
          userId: a.user_id,
          kind: 'organization-verified',
          title: { zh: `「${org.name}」已通过认证`, en: `${org.name} is verified` },
          body: { zh: '重新登录后即可使用机构角色的全部功能。', en: 'Sign in again to use the full rights of your role.' },
          email: true,
        });
      }
      return toOrganizationDto(org);
    });
    void this.queues.nudgeOutbox();
    return result;
  }

  /** For other contexts: the organisations with these ids (no visibility check; callers filter by membership). */
  async byIds(ids: string[], m: EntityManager = this.dataSource.manager): Promise<OrganizationDto[]> {
    if (!ids.length) return [];
    return (await m.find(OrganizationEntity, { where: { id: In(ids) } })).map(toOrganizationDto);
  }

  /**
   * The organisation registered under this unified social credit code (exact match): how a TTO names the licensee
   * of a deal made off the platform. Public-register facts only, like `get` (see loadVisible).
   */
  async byCreditCode(code: string): Promise<OrganizationDto> {
    const cc = checkCreditCode(code);
    if (cc) throw Problems.rule('credit-code-invalid', `creditCode ${CREDIT_CODE_MESSAGES[cc]}`, [creditCodeError(cc)]);
    const org = await this.dataSource.manager.findOne(OrganizationEntity, { where: { creditCode: code } });
    if (!org) throw Problems.notFound('Organisation');
    return toOrganizationDto(org);
  }

  async get(caller: AuthUser, id: string): Promise<OrganizationDto> {
    return toOrganizationDto(await this.loadVisible(this.dataSource.manager, caller, id));
  }

  /** Platform admins see all (e.g. the verification queue); everyone else the organisations they belong to. */
  async list(caller: AuthUser, page: number, pageSize: number, verified?: 'true' | 'false'): Promise<Page<OrganizationDto>> {
    // The id breaks ties: the demo seed creates its organisations in one transaction (equal created_at), and
    // without a total order a row could show on two pages or none.
    const qb = this.dataSource.manager.createQueryBuilder(OrganizationEntity, 'o').orderBy('o.created_at', 'DESC').addOrderBy('o.id', 'ASC');
    if (!isPlatformAdmin(caller)) {
      qb.where('o.id IN (SELECT organization_id FROM memberships WHERE user_id = :uid)', { uid: caller.id });
    }
    if (verified) qb.andWhere(verified === 'true' ? 'o.verified_at IS NOT NULL' : 'o.verified_at IS NULL');
    const [rows, total] = await qb.skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { items: rows.map(toOrganizationDto), total, page, pageSize };
  }

  async members(caller: AuthUser, orgId: string): Promise<MemberDto[]> {
    const m = this.dataSource.manager;
    await this.loadVisible(m, caller, orgId);
    const isMember = await m.query('SELECT 1 FROM memberships WHERE organization_id = $1 AND user_id = $2', [orgId, caller.id]);
    if (!isMember.length && !isPlatformAdmin(caller)) throw Problems.notFound('Organisation');
    return m.query(
      `SELECT ms.id, ms.user_id AS "userId", u.email, u.display_name AS "displayName", ms.organization_id AS "organizationId",
              ms.role, ms.is_admin AS "isAdmin"
         FROM memberships ms JOIN users u ON u.id = ms.user_id
        WHERE ms.organization_id = $1 ORDER BY u.display_name, ms.role`,
      [orgId],
    );
  }
}

