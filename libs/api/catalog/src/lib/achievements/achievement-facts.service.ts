import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Problems } from '@ttx/api/core';
import { MemberDirectory } from '@ttx/api/identity';
import type { AchievementKind, AchievementStatus } from '@ttx/shared/contracts';
import { shareToHundredths } from '@ttx/shared/policy';

/** What other contexts (rights, market, licensing) may know about an achievement, whatever its visibility. */
export interface AchievementFacts {
  id: string;
  institutionId: string;
  institutionName: string;
  status: AchievementStatus;
  kind: AchievementKind;
  titleZh: string | null;
  titleEn: string | null;
  fieldCode: string | null;
  jobRelated: boolean;
  fundingProjectNumber: string | null;
  /** In team order; contribution in basis points (the catalog's percentages × 100, summing to 10 000). */
  inventors: { position: number; name: string; email: string | null; userId: string | null; contributionBp: number }[];
}

interface FactsInventorRow {
  position: number;
  name: string;
  email: string | null;
  userId: string | null;
  share: number | string;
}

/**
 * The catalog's read API for other contexts. Callers decide who may see what; this never checks access.
 * Takes the caller's EntityManager so reads happen inside the caller's transaction.
 */
@Injectable()
export class AchievementFactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly members: MemberDirectory,
  ) {}

  async facts(id: string, manager: EntityManager = this.dataSource.manager): Promise<AchievementFacts> {
    // The team comes with the row: deals, empowerments and licences read facts inside their own transactions.
    const [a]: (Omit<AchievementFacts, 'institutionName' | 'inventors'> & { team: FactsInventorRow[] })[] = await manager.query(
      `SELECT a.id, a.institution_id AS "institutionId", a.status, a.kind, a.title_zh AS "titleZh",
              a.title_en AS "titleEn", a.field_code AS "fieldCode", a.job_related AS "jobRelated",
              a.funding_project_number AS "fundingProjectNumber",
              COALESCE((SELECT json_agg(json_build_object('position', i.position, 'name', i.name, 'email', i.email,
                                                          'userId', i.user_id, 'share', i.share) ORDER BY i.position)
                          FROM achievement_inventors i WHERE i.achievement_id = a.id), '[]') AS team
         FROM achievements a WHERE a.id = $1`,
      [id],
    );
    if (!a) throw Problems.notFound('Achievement');
    const institution = await this.members.organization(a.institutionId, manager);
    const { team, ...facts } = a;
    return {
      ...facts,
      institutionName: institution?.name ?? '',
      inventors: team.map(({ share, ...i }) => ({ ...i, contributionBp: shareToHundredths(Number(share)) ?? 0 })),
    };
  }

  /** The earliest expiry of the achievement's live IP records (a licence may not run past it), or null. */
  async ipExpiry(id: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [row] = await manager.query(
      `SELECT to_char(min(expiry_date), 'YYYY-MM-DD') AS expiry FROM achievement_ip_records WHERE achievement_id = $1 AND status NOT IN ('expired','abandoned')`,
      [id],
    );
    return row?.expiry ?? null;
  }

  /** Titles of the achievements that exist, by id: one round trip for a page of rows that name achievements. */
  async titles(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, { zh: string | null; en: string | null }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; zh: string | null; en: string | null }[] = await manager.query(
      'SELECT id, title_zh AS zh, title_en AS en FROM achievements WHERE id = ANY($1::uuid[])',
      [[...new Set(ids)]],
    );
    return new Map(rows.map(({ id, ...t }) => [id, t]));
  }

  /** The achievement titled exactly so (both languages, nulls equal), whatever its status; for demo seeders. */
  async idByTitle(title: { zh: string | null; en: string | null }, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [row] = await manager.query('SELECT id FROM achievements WHERE title_zh IS NOT DISTINCT FROM $1 AND title_en IS NOT DISTINCT FROM $2 LIMIT 1', [title.zh, title.en]);
    return row?.id ?? null;
  }
}
