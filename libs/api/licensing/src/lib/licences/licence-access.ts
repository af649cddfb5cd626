import { Injectable } from '@nestjs/common';
import { Problems, type AuthUser } from '@ttx/api/core';
import { MeService } from '@ttx/api/identity';
import type { EntityManager } from 'typeorm';
import type { LicenceRow } from './licence-row';

export interface CallerOrgs {
  /** Verified organisations where the caller is a TTO manager (licensor side). */
  tto: string[];
  /** Verified organisations where the caller is an enterprise member (licensee side). */
  enterprise: string[];
  /** Every verified organisation of the caller. */
  all: string[];
  admin: boolean;
}

/** Who may see and act on a licence: the licensor's TTO, the licensee's members, platform admins. */
@Injectable()
export class LicenceAccess {
  constructor(private readonly me: MeService) {}

  async orgs(caller: AuthUser, m: EntityManager): Promise<CallerOrgs> {
    const me = await this.me.find(caller.id, m);
    const verified = (me?.memberships ?? []).filter((x) => x.verified);
    return {
      tto: verified.filter((x) => x.role === 'tto_manager').map((x) => x.organizationId),
      enterprise: verified.filter((x) => x.role === 'enterprise_member').map((x) => x.organizationId),
      all: [...new Set(verified.map((x) => x.organizationId))],
      admin: caller.roles.includes('platform_admin'),
    };
  }

  role(o: CallerOrgs, l: Pick<LicenceRow, 'licensor_org_id' | 'licensee_org_id'>): 'licensor' | 'licensee' | 'admin' | null {
    if (o.all.includes(l.licensor_org_id)) return 'licensor';
    if (o.all.includes(l.licensee_org_id)) return 'licensee';
    return o.admin ? 'admin' : null;
  }

  /** 404 for a licence the caller may not see (API.md), 403 when it may see but not act. */
  assertLicensorTto(o: CallerOrgs, l: LicenceRow): void {
    if (!this.role(o, l)) throw Problems.notFound('Licence');
    if (!o.tto.includes(l.licensor_org_id)) throw Problems.forbidden("Only the licensor's TTO manager may do this");
  }

  assertLicensee(o: CallerOrgs, l: LicenceRow): void {
    if (!this.role(o, l)) throw Problems.notFound('Licence');
    if (!o.enterprise.includes(l.licensee_org_id)) throw Problems.forbidden("Only a member of the licensee organisation may do this");
  }
}
