import { Injectable } from '@nestjs/common';
import { Problems, type AuthUser } from '@ttx/api/core';
import { MemberDirectory, MeService } from '@ttx/api/identity';
import type { MembershipView, Role } from '@ttx/shared/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { RefreshAheadCache } from './refresh-ahead-cache';

const MEMBERSHIP_TTL_MS = 5_000;

/**
 * Who acts for which organisation in the market, through identity's exported MeService. Memberships are
 * cached per user (refreshed ahead, see RefreshAheadCache) because the bid hot path would otherwise add a
 * query per bid; a membership change takes effect within MEMBERSHIP_TTL_MS. A caller inside a transaction
 * (`m`) reads through it, uncached.
 */
@Injectable()
export class MarketAccess {
  private readonly cache: RefreshAheadCache<string, MembershipView[]>;

  constructor(
    private readonly me: MeService,
    private readonly directory: MemberDirectory,
    private readonly dataSource: DataSource,
  ) {
    this.cache = new RefreshAheadCache(MEMBERSHIP_TTL_MS, (userIds) => this.read(userIds, this.dataSource.manager));
  }

  async memberships(user: AuthUser, m?: EntityManager): Promise<MembershipView[]> {
    return m ? (await this.read([user.id], m))[0] : this.cache.get(user.id);
  }

  private async read(userIds: string[], m: EntityManager): Promise<MembershipView[][]> {
    return (await this.me.findMany(userIds, m)).map((me) => me?.memberships.filter((x) => x.verified) ?? []);
  }

  async orgsWithRole(user: AuthUser, role: Role): Promise<string[]> {
    return [...new Set((await this.memberships(user)).filter((x) => x.role === role).map((x) => x.organizationId))];
  }

  /** The enterprise the caller acts for: the named one, or their only one. */
  async buyerOrg(user: AuthUser, organizationId?: string): Promise<string> {
    const orgs = await this.orgsWithRole(user, 'enterprise_member');
    if (organizationId) {
      if (!orgs.includes(organizationId)) throw Problems.forbidden('You are not a member of that verified enterprise');
      return organizationId;
    }
    if (orgs.length === 1) return orgs[0];
    if (!orgs.length) throw Problems.forbidden('Only members of a verified enterprise buy on the market');
    throw Problems.rule('organization-ambiguous', 'You belong to several enterprises: name one in organizationId', [{ field: 'organizationId', message: 'required' }]);
  }

  /** 403 unless the caller is a TTO manager of the selling institution. */
  async requireSeller(user: AuthUser, sellerOrgId: string): Promise<void> {
    const orgs = await this.orgsWithRole(user, 'tto_manager');
    if (!orgs.includes(sellerOrgId)) throw Problems.forbidden("Only the selling institution's TTO managers do this");
  }

  async isSeller(user: AuthUser, sellerOrgId: string): Promise<boolean> {
    return (await this.orgsWithRole(user, 'tto_manager')).includes(sellerOrgId);
  }

  /** Who hears of a listing's price basis: the seller's TTO managers and the evaluator organisation's evaluators. */
  usersWithRole(orgId: string, role: 'tto_manager' | 'evaluator', m: EntityManager): Promise<string[]> {
    return this.directory.usersWithRole(orgId, role, m);
  }

  /** Display names of organisations, from identity's MemberDirectory (one batch). */
  async names(ids: (string | null)[], m: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    const facts = await this.directory.organizations([...new Set(ids.filter((x): x is string => !!x))], m);
    return new Map([...facts].map(([id, o]) => [id, o.name]));
  }
}
