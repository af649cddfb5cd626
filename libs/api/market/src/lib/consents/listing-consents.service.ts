import { Injectable } from '@nestjs/common';
import { AchievementsService } from '@ttx/api/catalog';
import { AuditService, Problems, type AuthUser } from '@ttx/api/core';
import { OwnershipService } from '@ttx/api/rights';
import type { ListingMethod, MarketDealType } from '@ttx/shared/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { ListingConsentsDto, RecordListingConsentDto } from '../dto/listing-consent.dto';
import { ListingConsentEntity } from '../entities';
import { MarketAccess } from '../market-access';

type Achievement = Pick<Awaited<ReturnType<AchievementsService['get']>>, 'id' | 'institutionId' | 'institutionName'>;
type Share = Awaited<ReturnType<OwnershipService['current']>>[number];

/**
 * Co-owners' consent to a listing (Patent Law art. 14: co-owners decide together; art. 50: an open
 * licence needs every owner). The owners are the rights context's ownership ledger; the selling
 * institution consents by listing, every other holder records its consent per method and deal type.
 */
@Injectable()
export class ListingConsentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly achievements: AchievementsService,
    private readonly ownership: OwnershipService,
    private readonly access: MarketAccess,
    private readonly audit: AuditService,
  ) {}

  /** 422 naming every co-owner whose consent to (method, dealType) is not recorded. */
  async require(m: EntityManager, a: Achievement, method: ListingMethod, dealType: MarketDealType): Promise<void> {
    const owners = (await this.ownership.current(m, a)).filter((s) => !this.isSeller(a, s));
    if (!owners.length) return;
    const given = await m.find(ListingConsentEntity, { where: { achievementId: a.id, method, dealType } });
    const consented = new Set(given.map((c) => c.holderId));
    const missing = owners.filter((s) => !s.holderId || !consented.has(s.holderId));
    if (!missing.length) return;
    const names = missing.map((s) => s.holderName).join(', ');
    const errors = missing.map((s) => ({ field: 'achievementId', message: `no recorded consent of co-owner ${s.holderName}` }));
    if (method === 'open_licence') {
      throw Problems.rule('open-licence-consent-missing', `Every owner must consent to an open licence; missing: ${names}`, errors);
    }
    throw Problems.rule('co-owner-consent-missing', `Every co-owner must consent to listing by ${method} for ${dealType}; missing: ${names}`, errors);
  }

  /** The ledger's owners with their recorded consents: for the co-owners and the selling TTO, else 404. */
  async view(caller: AuthUser, achievementId: string): Promise<ListingConsentsDto> {
    const m = this.dataSource.manager;
    const a = await this.achievements.get(null, achievementId);
    const owners = await this.ownership.current(m, a);
    if (!(await this.access.isSeller(caller, a.institutionId)) && !(await this.heldBy(caller, a, owners)).length) throw Problems.notFound('Achievement');
    const given = await m.find(ListingConsentEntity, { where: { achievementId }, order: { createdAt: 'ASC' } });
    return {
      achievementId,
      owners: owners.map((s) => ({
        holderType: s.holderType,
        holderId: s.holderId,
        holderName: s.holderName,
        shareBp: s.shareBp,
        seller: this.isSeller(a, s),
        consents: given
          .filter((c) => c.holderId === s.holderId)
          .map((c) => ({ method: c.method, dealType: c.dealType, consentedAt: c.createdAt.toISOString() })),
      })),
    };
  }

  /** A co-owner (an inventor holder, or the TTO of another owning institution) consents; repeating it is a no-op. */
  async record(caller: AuthUser, achievementId: string, dto: RecordListingConsentDto): Promise<ListingConsentsDto> {
    await this.dataSource.transaction(async (m) => {
      const a = await this.achievements.get(null, achievementId);
      const mine = await this.heldBy(caller, a, await this.ownership.current(m, a));
      if (!mine.length) throw Problems.forbidden('Only a co-owner of this achievement in the ownership ledger records a listing consent');
      for (const s of mine) {
        const r = await m
          .createQueryBuilder()
          .insert()
          .into(ListingConsentEntity)
          .values({ achievementId, holderId: s.holderId as string, method: dto.method, dealType: dto.dealType })
          .orIgnore()
          .returning('holder_id')
          .execute();
        if (!(r.raw as unknown[]).length) continue; // already recorded: nothing new to audit
        await this.audit.append(m, {
          actorId: caller.id,
          action: 'listing-consent.recorded',
          entityType: 'achievement',
          entityId: achievementId,
          data: { holderType: s.holderType, holderId: s.holderId, method: dto.method, dealType: dto.dealType },
        });
      }
    });
    return this.view(caller, achievementId);
  }

  private isSeller(a: Achievement, s: Share): boolean {
    return s.holderType === 'institution' && s.holderId === a.institutionId;
  }

  /** The ledger rows the caller speaks for, other than the seller's own. */
  private async heldBy(caller: AuthUser, a: Achievement, owners: Share[]): Promise<Share[]> {
    const mine: Share[] = [];
    for (const s of owners) {
      if (!s.holderId || this.isSeller(a, s)) continue;
      if (s.holderType === 'inventor' ? s.holderId === caller.id : await this.access.isSeller(caller, s.holderId)) mine.push(s);
    }
    return mine;
  }
}
