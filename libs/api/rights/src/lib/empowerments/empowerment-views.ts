import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AchievementFactsService } from '@ttx/api/catalog';
import { MemberDirectory } from '@ttx/api/identity';
import { bpToPct } from '@ttx/shared/policy';
import type { ConsentDto, DecisionDto, EmpowermentSummaryDto } from '../dto/empowerment.dto';

/** The empowerment row as the services use it. */
export interface EmpowermentRow {
  id: string;
  achievementId: string;
  institutionId: string;
  institutionName: string;
  applicantId: string;
  applicantName: string;
  model: 'ownership_first' | 'long_term_use' | 'reward_after';
  teamOwnershipBp: number | null;
  useRightYears: number | null;
  rewardShareBp: number | null;
  status: EmpowermentSummaryDto['status'];
  policyId: string;
  policySettings: DecisionDto['policySettings'];
  disclosureId: string | null;
  noticeEndsAt: Date | null;
  createdAt: Date;
  decidedAt: Date | null;
  titleZh: string | null;
  titleEn: string | null;
}

/** What the empowerments table itself holds; names and titles belong to identity and catalog. */
export type EmpowermentColumns = Omit<EmpowermentRow, 'institutionName' | 'applicantName' | 'titleZh' | 'titleEn'>;

/** The empowerment columns (`EmpowermentColumns`) of `empowerments e`; name the rows with `EmpowermentViews.named`. */
export const EMPOWERMENT_SQL = `
  SELECT e.id, e.achievement_id AS "achievementId", e.institution_id AS "institutionId",
         e.applicant_id AS "applicantId", e.model, e.team_ownership_bp AS "teamOwnershipBp",
         e.use_right_years AS "useRightYears", e.reward_share_bp AS "rewardShareBp", e.status, e.policy_id AS "policyId",
         e.policy_settings AS "policySettings", e.disclosure_id AS "disclosureId", e.notice_ends_at AS "noticeEndsAt",
         e.created_at AS "createdAt", e.decided_at AS "decidedAt"
    FROM empowerments e`;

/**
 * Empowerment rows with the names other contexts own: institution (identity), applicant and deciders
 * (identity), achievement title (catalog) — through their exported services, one batch lookup each per read.
 */
@Injectable()
export class EmpowermentViews {
  constructor(
    private readonly members: MemberDirectory,
    private readonly achievements: AchievementFactsService,
  ) {}

  async named<T extends EmpowermentColumns>(m: EntityManager, rows: T[]): Promise<(T & EmpowermentRow)[]> {
    if (!rows.length) return [];
    const [orgs, people, titles] = await Promise.all([
      this.members.organizations([...new Set(rows.map((r) => r.institutionId))], m),
      this.members.displayNames([...new Set(rows.map((r) => r.applicantId))], m),
      this.achievements.titles(rows.map((r) => r.achievementId), m),
    ]);
    return rows.map((r) => ({
      ...r,
      institutionName: orgs.get(r.institutionId)?.name ?? '',
      applicantName: people.get(r.applicantId) ?? '',
      titleZh: titles.get(r.achievementId)?.zh ?? null,
      titleEn: titles.get(r.achievementId)?.en ?? null,
    }));
  }

  async load(m: EntityManager, id: string, lock = false): Promise<EmpowermentRow | undefined> {
    const rows: EmpowermentColumns[] = await m.query(`${EMPOWERMENT_SQL} WHERE e.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return (await this.named(m, rows))[0];
  }

  async decisions(m: EntityManager, empowermentId: string): Promise<DecisionDto[]> {
    const rows: (Omit<DecisionDto, 'createdAt' | 'decidedByName'> & { decidedBy: string | null; createdAt: Date })[] = await m.query(
      `SELECT d.id, d.stage, d.decision, d.reasons, d.checklist, d.policy_id AS "policyId", d.policy_settings AS "policySettings",
              d.decided_by AS "decidedBy", d.created_at AS "createdAt"
         FROM empowerment_decisions d WHERE d.empowerment_id = $1 ORDER BY d.created_at`,
      [empowermentId],
    );
    const names = await this.members.displayNames([...new Set(rows.flatMap((r) => (r.decidedBy ? [r.decidedBy] : [])))], m);
    return rows.map(({ decidedBy, ...r }) => ({ ...r, decidedByName: decidedBy ? (names.get(decidedBy) ?? null) : null, createdAt: r.createdAt.toISOString() }));
  }
}

type ConsentRow = Omit<ConsentDto, 'consentedAt' | 'contributionPct' | 'consented'> & { consentedAt: Date | null; contributionBp: number };

export async function loadConsents(m: EntityManager, empowermentId: string): Promise<(ConsentDto & { contributionBp: number })[]> {
  const rows: ConsentRow[] = await m.query(
    `SELECT position, inventor_name AS name, user_id AS "userId", contribution_bp AS "contributionBp", consented_at AS "consentedAt", evidence
       FROM empowerment_consents WHERE empowerment_id = $1 ORDER BY position`,
    [empowermentId],
  );
  return rows.map((r) => ({
    ...r,
    contributionPct: bpToPct(r.contributionBp),
    consented: r.consentedAt !== null,
    consentedAt: r.consentedAt?.toISOString() ?? null,
  }));
}

export const pctOrNull = (bp: number | null) => (bp === null ? null : bpToPct(bp));
