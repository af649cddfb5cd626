import { Injectable } from '@nestjs/common';
import type { AchievementsService } from '@ttx/api/catalog';
import { Problems, type AuthUser } from '@ttx/api/core';
import { checkOpenLicenceTerms, OPEN_LICENCE_RULE } from '@ttx/shared/policy';
import type { EntityManager } from 'typeorm';
import type { OpenLicenceTermsDto } from '../dto/market.dto';
import { ListingEntity, OpenLicenceConsentEntity } from '../entities';

type Achievement = Awaited<ReturnType<AchievementsService['get']>>;
const PATENT_KINDS = new Set(['invention_patent', 'utility_model', 'design_patent']);

/**
 * The owning parties whose consent an open-licence declaration needs (Patent Law art. 50: all co-owners).
 * Today the catalog knows one owner, the institution; when the rights context's ownership ledger lands,
 * this is the one function to change (co-owning researchers and institutions from the ledger).
 */
export class ConsentParties {
  async of(a: Achievement): Promise<string[]> {
    return [a.institutionId];
  }
}

@Injectable()
export class OpenLicenceService {
  constructor(private readonly parties: ConsentParties) {}

  /**
   * Preconditions of a declaration, in the listing's transaction: a patent; every owning party has
   * consented (the declaring TTO consents for its institution); no exclusive or sole licence in force;
   * fee and term rules (policy/open-licence.ts).
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
    const consented = new Set((await m.find(OpenLicenceConsentEntity, { where: { listingId: listing.id } })).map((c) => c.partyOrgId));
    const missing = (await this.parties.of(a)).filter((p) => !consented.has(p));
    if (missing.length) {
      throw Problems.rule('open-licence-consent-missing', `Every owner must consent to an open licence; missing: ${missing.join(', ')}`, [{ field: 'openLicence', message: 'co-owner consent missing' }]);
    }
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
