import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '@ttx/api/core';
import { MeService, OrganizationsService, type OrganizationDto } from '@ttx/api/identity';
import type { Role } from '@ttx/shared/contracts';
import { administrationCovers } from '@ttx/shared/policy';

/** The roles that file contracts for their organisation (and hear how the registry decided). */
export const FILER_ROLES: Role[] = ['tto_manager', 'enterprise_member', 'broker'];
const SELLER_ROLES = new Set<string>(FILER_ROLES);

/** Who is asking, in registry terms: the organisations it files for and the areas it registers. */
export interface Actor {
  user: AuthUser;
  /** Verified organisations in which the caller may file contracts (seller side). */
  sellerOrgs: OrganizationDto[];
  /** Verified administrations in which the caller is a registrar. */
  administrations: OrganizationDto[];
  /** Credit codes of all the caller's verified organisations: it sees contracts where it is the buyer. */
  creditCodes: string[];
  isAdmin: boolean;
}

export const covers = (a: Actor, sellerRegion: string): OrganizationDto | undefined =>
  a.administrations.find((o) => administrationCovers(o.regionCode, sellerRegion));

@Injectable()
export class ActorService {
  constructor(
    private readonly me: MeService,
    private readonly orgs: OrganizationsService,
  ) {}

  async of(user: AuthUser, m?: EntityManager): Promise<Actor> {
    const me = await this.me.find(user.id, m);
    const ms = me?.memberships.filter((x) => x.verified) ?? [];
    const orgs = await this.orgs.byIds([...new Set(ms.map((x) => x.organizationId))], m);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const pick = (f: (role: string, kind: string) => boolean) =>
      [...new Set(ms.filter((x) => f(x.role, x.organizationKind)).map((x) => x.organizationId))].map((id) => byId.get(id)).filter((o): o is OrganizationDto => !!o);
    return {
      user,
      sellerOrgs: pick((role) => SELLER_ROLES.has(role)),
      administrations: pick((role, kind) => role === 'registrar' && kind === 'administration'),
      creditCodes: orgs.map((o) => o.creditCode),
      isAdmin: user.roles.includes('platform_admin'),
    };
  }
}
