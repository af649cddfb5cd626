import type { EntityManager } from 'typeorm';
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

export const EMPOWERMENT_SQL = `
  SELECT e.id, e.achievement_id AS "achievementId", e.institution_id AS "institutionId", o.name AS "institutionName",
         e.applicant_id AS "applicantId", u.display_name AS "applicantName", e.model, e.team_ownership_bp AS "teamOwnershipBp",
         e.use_right_years AS "useRightYears", e.reward_share_bp AS "rewardShareBp", e.status, e.policy_id AS "policyId",
         e.policy_settings AS "policySettings", e.disclosure_id AS "disclosureId", e.notice_ends_at AS "noticeEndsAt",
         e.created_at AS "createdAt", e.decided_at AS "decidedAt", a.title_zh AS "titleZh", a.title_en AS "titleEn"
    FROM empowerments e
    JOIN organizations o ON o.id = e.institution_id
    JOIN users u ON u.id = e.applicant_id
    JOIN achievements a ON a.id = e.achievement_id`;

export async function loadEmpowerment(m: EntityManager, id: string, lock = false): Promise<EmpowermentRow | undefined> {
  if (lock) await m.query('SELECT 1 FROM empowerments WHERE id = $1 FOR UPDATE', [id]);
  const [row] = await m.query(`${EMPOWERMENT_SQL} WHERE e.id = $1`, [id]);
  return row;
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

export async function loadDecisions(m: EntityManager, empowermentId: string): Promise<DecisionDto[]> {
  const rows: (Omit<DecisionDto, 'createdAt'> & { createdAt: Date })[] = await m.query(
    `SELECT d.id, d.stage, d.decision, d.reasons, d.checklist, d.policy_id AS "policyId", d.policy_settings AS "policySettings",
            u.display_name AS "decidedByName", d.created_at AS "createdAt"
       FROM empowerment_decisions d LEFT JOIN users u ON u.id = d.decided_by
      WHERE d.empowerment_id = $1 ORDER BY d.created_at`,
    [empowermentId],
  );
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export const pctOrNull = (bp: number | null) => (bp === null ? null : bpToPct(bp));
