import { Injectable } from '@nestjs/common';
import type { AchievementsService } from '@ttx/api/catalog';
import { Problems, type AuthUser } from '@ttx/api/core';
import { checkOpenLicenceTerms, OPEN_LICENCE_RULE } from '@ttx/shared/policy';
import type { EntityManager } from 'typeorm';
import type { OpenLicenceTermsDto } from '../dto/market.dto';
import { ListingEntity, OpenLicenceConsentEntity } from '../entities';

type Achievement = Awaited<ReturnType<AchievementsService['get']>>;
const PATENT_KINDS = new Set(['invention_patent', 'utility_model', 'design_patent']);

@Injectable()
export class OpenLicenceService {
  /**
   * Preconditions of a declaration, in the listing's transaction: a patent; no exclusive or sole licence
   * in force; fee and term rules (policy/open-licence.ts). Every owner's consent is checked before, by
   * ListingConsentsService (co-owners from the rights ledger); the declaring TTO consents for its institution.
   */
  async declare(m: EntityManager, caller: AuthUser, listing: ListingEntity, a: Achievement, t: OpenLicenceTermsDto): Promise<void> {
    if (!PATENT_KINDS.has(a.kind)) throw Problems.rule('open-licence-patent-only', 'Open licensing is for patents only', [{ field: 'achievementId', message: `is a ${a.kind}` }]);
    const startsOn = t.startsOn ?? new Date().toISOString().slice(0, 10);
    const expiries = a.ipRecords.map((r) => r.expiryDate).filter((d): d is string => !!d).sort();
    const problems = checkOpenLicenceTerms({ ...t, startsOn }, expiries[0] ?? null);
    if (problems.length) throw Problems.rule(OPEN_LICENCE_RULE, problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
    if (await this.exclusiveLicenceInForce(m, a.id)) {
      throw Problems.rule('open-licence-exclusive-in-force', 'An exclusive or sole licence of this patent is in force; an open licence is not possible');
    }
    await m.insert(OpenLicenceConsentEntity, { listingId: listing.id, partyOrgId: listing.sellerOrgId, consentedBy: caller.id });
    await m.update(
      ListingEntity,
      { id: listing.id },
      { olFeeType: t.feeType, olLumpSumFen: t.lumpSumFen ? String(t.lumpSumFen) : null, olRoyaltyBp: t.royaltyBp ?? null, olTermMonths: t.termMonths, olStartsOn: startsOn },
    );
  }

  /**
   * Exclusive or sole licences in force for the achievement. The market's own licence deals are the
   * record until the licensing context keeps licences with their terms; then ask its service here.
   */
  async exclusiveLicenceInForce(m: EntityManager, achievementId: string): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM deals WHERE achievement_id = $1 AND deal_type = 'licence' AND licence_scope IN ('exclusive','sole') LIMIT 1`, [achievementId]);
    return rows.length > 0;
  }
}
