import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Problems, type AuthUser } from '@ttx/api/core';
import { AchievementFactsService, type AchievementFacts } from '@ttx/api/catalog';
import { MeService } from '@ttx/api/identity';
import { bpToPct, splitOwnership, WHOLE_BP } from '@ttx/shared/policy';
import type { OwnershipDto, ShareDto } from '../dto/empowerment.dto';
import { isAdmin, isMember } from '../policy/access';

type LedgerRow = Omit<ShareDto, 'sharePct'>;
const withPct = (r: LedgerRow): ShareDto => ({ ...r, sharePct: bpToPct(r.shareBp) });

/**
 * DOMAIN.md §2: co-owner shares per achievement in basis points. Without rows the institution owns 100 %;
 * only a final empowerment decision writes the ledger, and a deferred trigger refuses any other total.
 */
@Injectable()
export class OwnershipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly achievements: AchievementFactsService,
    private readonly me: MeService,
  ) {}

  async current(m: EntityManager, a: Pick<AchievementFacts, 'id' | 'institutionId' | 'institutionName'>): Promise<ShareDto[]> {
    const rows: LedgerRow[] = await m.query(
      `SELECT holder_type AS "holderType", holder_id AS "holderId", holder_name AS "holderName", share_bp AS "shareBp"
         FROM ownership_shares WHERE achievement_id = $1 ORDER BY position`,
      [a.id],
    );
    if (rows.length) return rows.map(withPct);
    return [withPct({ holderType: 'institution', holderId: a.institutionId, holderName: a.institutionName, shareBp: WHOLE_BP })];
  }

  /** The ledger an ownership-first decision with `teamBp` produces: institution first, then the team in order. */
  proposed(a: Pick<AchievementFacts, 'institutionId' | 'institutionName'>, teamBp: number, team: { position: number; name: string; userId: string | null; contributionBp: number }[]): ShareDto[] {
    const split = splitOwnership(teamBp, team.map((t) => ({ key: String(t.position), contributionBp: t.contributionBp })));
    const rows: LedgerRow[] = [{ holderType: 'institution', holderId: a.institutionId, holderName: a.institutionName, shareBp: split.institutionBp }];
    split.members.forEach((s, i) => rows.push({ holderType: 'inventor', holderId: team[i].userId, holderName: team[i].name, shareBp: s.shareBp }));
    return rows.filter((r) => r.shareBp > 0).map(withPct);
  }

  /** Replaces the ledger (inside the deciding transaction) and appends the new state to its history. */
  async write(m: EntityManager, achievementId: string, shares: ShareDto[], source: { empowermentId: string; decisionId: string }): Promise<void> {
    await m.query('DELETE FROM ownership_shares WHERE achievement_id = $1', [achievementId]);
    for (const [position, s] of shares.entries()) {
      await m.query(
        'INSERT INTO ownership_shares (achievement_id, holder_type, holder_id, position, holder_name, share_bp) VALUES ($1, $2, $3, $4, $5, $6)',
        [achievementId, s.holderType, s.holderId, position, s.holderName, s.shareBp],
      );
    }
    await m.query('INSERT INTO ownership_history (achievement_id, empowerment_id, decision_id, shares) VALUES ($1, $2, $3, $4)', [
      achievementId,
      source.empowermentId,
      source.decisionId,
      JSON.stringify(shares),
    ]);
  }

  /** GET /achievements/:id/ownership: public for a published achievement, else the institution, its team and admins. */
  async view(caller: AuthUser, achievementId: string): Promise<OwnershipDto> {
    const m = this.dataSource.manager;
    const a = await this.achievements.facts(achievementId, m);
    if (a.status !== 'published' && !isAdmin(caller) && !a.inventors.some((i) => i.userId === caller.id)) {
      if (!isMember(await this.me.find(caller.id, m), a.institutionId)) throw Problems.notFound('Achievement');
    }
    const shares = await this.current(m, a);
    const terms: { id: string; model: string; years: number | null; rewardBp: number | null; decidedAt: Date }[] = await m.query(
      `SELECT id, model, use_right_years AS years, reward_share_bp AS "rewardBp", decided_at AS "decidedAt"
         FROM empowerments WHERE achievement_id = $1 AND status = 'final' AND model <> 'ownership_first'`,
      [achievementId],
    );
    const history: { at: Date; empowermentId: string | null; shares: ShareDto[] }[] = await m.query(
      `SELECT created_at AS at, empowerment_id AS "empowermentId", shares FROM ownership_history WHERE achievement_id = $1 ORDER BY created_at DESC`,
      [achievementId],
    );
    return {
      achievementId,
      shares,
      totalPct: bpToPct(shares.reduce((s, x) => s + x.shareBp, 0)),
      useRights: terms
        .filter((t) => t.model === 'long_term_use')
        .map((t) => {
          const ends = new Date(t.decidedAt);
          ends.setUTCFullYear(ends.getUTCFullYear() + (t.years ?? 0));
          return { empowermentId: t.id, years: t.years ?? 0, startsAt: t.decidedAt.toISOString(), endsAt: ends.toISOString() };
        }),
      rewardPromises: terms.filter((t) => t.model === 'reward_after').map((t) => ({ empowermentId: t.id, teamSharePct: bpToPct(t.rewardBp ?? 0) })),
      history: history.map((h) => ({ at: h.at.toISOString(), empowermentId: h.empowermentId, shares: h.shares })),
    };
  }
}
