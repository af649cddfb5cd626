import { Inject, Injectable, Logger } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, AuditService, type AppConfig } from '@ttx/api/core';
import { MemberDirectory } from '@ttx/api/identity';
import {
  ACHIEVEMENT_KINDS,
  DEAL_TYPES,
  MATURITY_STAGES,
  type AchievementKind,
  type AchievementStatus,
  type DealType,
  type IpRecordStatus,
  type MaturityStage,
} from '@ttx/shared/contracts';
import { checkInventorShares, checkIpNumber } from '@ttx/shared/policy';
import { SearchCache } from '../search/search-cache';
import { refreshSearchVector } from '../achievements/achievements.service';

type L = { zh?: string | null; en?: string | null } | null | undefined;

/** seeds/demo/fields.json — see .data/catalog-seed-format.md */
export interface FieldsSeed {
  fields: { code: string; name: { zh: string; en: string }; children?: { code: string; name: { zh: string; en: string } }[] }[];
}

/** seeds/demo/achievements.json — see .data/catalog-seed-format.md */
export interface AchievementSeed {
  key: string;
  institution: string;
  kind: AchievementKind;
  title: L;
  abstract: L;
  problem?: L;
  advantages?: L;
  applications?: L;
  technicalDetail?: L;
  fieldCode: string;
  stage: MaturityStage;
  trl: number;
  ipRecords?: { number: string; office: string; filingDate?: string | null; grantDate?: string | null; status: IpRecordStatus; expiryDate?: string | null }[];
  inventors: { name: string; sharePct: number; email?: string | null }[];
  jobRelated: boolean;
  fundingProjectNumber?: string | null;
  dealTypes: DealType[];
  askingPrice?: { minFen: number; maxFen: number } | null;
  status: Extract<AchievementStatus, 'published' | 'submitted' | 'draft' | 'withdrawn'>;
}

interface IdentitySeed {
  organizations: { key: string; kind: string; creditCode: string }[];
}

/** Problems of one seed record (empty when it is valid): the same rules the API enforces. */
export function validateAchievementSeed(a: AchievementSeed, fieldCodes: Set<string>): string[] {
  const out: string[] = [];
  if (!ACHIEVEMENT_KINDS.includes(a.kind)) out.push(`kind ${a.kind}`);
  if (!a.title?.zh && !a.title?.en) out.push('title in no language');
  if (!a.abstract?.zh && !a.abstract?.en) out.push('abstract in no language');
  if (!fieldCodes.has(a.fieldCode)) out.push(`unknown field ${a.fieldCode}`);
  if (!MATURITY_STAGES.includes(a.stage)) out.push(`stage ${a.stage}`);
  if (!Number.isInteger(a.trl) || a.trl < 1 || a.trl > 9) out.push(`trl ${a.trl}`);
  if (checkInventorShares(a.inventors.map((i) => i.sharePct))) out.push('inventor shares do not sum to 100');
  if (!a.dealTypes.length || a.dealTypes.some((d) => !DEAL_TYPES.includes(d))) out.push(`deal types ${a.dealTypes.join(',')}`);
  if (a.askingPrice && !(Number.isSafeInteger(a.askingPrice.minFen) && a.askingPrice.minFen >= 0 && a.askingPrice.maxFen >= a.askingPrice.minFen)) out.push('asking price');
  for (const r of a.ipRecords ?? []) {
    const p = checkIpNumber(r.office, r.number).problem;
    if (p) out.push(`ip number ${r.number}: ${p}`);
  }
  return out;
}

/**
 * Loads the technology-field taxonomy (whenever it is empty: it is reference data) and the demo
 * achievements (only into an empty catalog, never in production) from seeds/demo. Idempotent.
 */
@Injectable()
export class CatalogSeeder {
  private readonly log = new Logger('CatalogSeeder');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly searchCache: SearchCache,
    private readonly members: MemberDirectory,
  ) {}

  async seedFields(m: EntityManager, file: string): Promise<number> {
    const [{ count }] = await m.query('SELECT count(*)::int AS count FROM technology_fields');
    if (count > 0 || !existsSync(file)) return 0;
    const seed = JSON.parse(readFileSync(file, 'utf8')) as FieldsSeed;
    const rows: [string, string | null, string, string][] = [];
    for (const f of seed.fields) {
      rows.push([f.code, null, f.name.zh, f.name.en]);
      for (const c of f.children ?? []) rows.push([c.code, f.code, c.name.zh, c.name.en]);
    }
    await m.query(
      `INSERT INTO technology_fields (code, parent_code, name_zh, name_en)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[])`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
    );
    return rows.length;
  }

  /** `dir` holds fields.json, achievements.json and identity.json (for institution keys → credit codes). */
  async seed(dir: string): Promise<'seeded' | 'skipped'> {
    if (this.config.NODE_ENV === 'production') {
      this.log.warn('NODE_ENV=production: demo data is never loaded');
      return 'skipped';
    }
    const outcome = await this.dataSource.transaction(async (m) => {
      await m.query('LOCK TABLE achievements IN EXCLUSIVE MODE');
      const fields = await this.seedFields(m, join(dir, 'fields.json'));
      const [{ count }] = await m.query('SELECT count(*)::int AS count FROM achievements');
      const file = join(dir, 'achievements.json');
      if (count > 0 || !existsSync(file)) return fields ? ('seeded' as const) : ('skipped' as const);

      const seed = JSON.parse(readFileSync(file, 'utf8')) as { achievements: AchievementSeed[] };
      const identity = JSON.parse(readFileSync(join(dir, 'identity.json'), 'utf8')) as IdentitySeed;
      const fieldCodes = new Set<string>((await m.query('SELECT code FROM technology_fields')).map((r: { code: string }) => r.code));
      const byCode = await this.members.organizationIdsByCreditCode(identity.organizations.map((o) => o.creditCode), m);
      const orgs = new Map<string, string>();
      for (const o of identity.organizations) {
        const id = byCode.get(o.creditCode);
        if (id) orgs.set(o.key, id);
      }
      const users = await this.members.userIdsByEmail(
        seed.achievements.flatMap((a) => a.inventors.flatMap((x) => (x.email ? [x.email] : []))),
        m,
      );
      const bad = seed.achievements.flatMap((a) => {
        const problems = validateAchievementSeed(a, fieldCodes);
        if (!orgs.has(a.institution)) problems.push(`unknown institution ${a.institution}`);
        return problems.length ? [`${a.key}: ${problems.join('; ')}`] : [];
      });
      if (bad.length) throw new Error(`Invalid catalog seed records:\n${bad.join('\n')}`);

      const n = seed.achievements.length;
      for (const [i, a] of seed.achievements.entries()) {
        const creator = a.inventors.map((x) => (x.email ? users.get(x.email.toLowerCase()) : undefined)).find(Boolean) ?? null;
        const [row] = await m.query(
          `INSERT INTO achievements (institution_id, kind, status, title_zh, title_en, abstract_zh, abstract_en, problem_zh, problem_en,
             advantages_zh, advantages_en, applications_zh, applications_en, technical_detail_zh, technical_detail_en, field_code, stage, trl,
             job_related, funding_project_number, deal_types, asking_price_min_fen, asking_price_max_fen, created_by,
             created_at, updated_at, submitted_at, published_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,
             now() - make_interval(hours => $25), now() - make_interval(hours => $25),
             CASE WHEN $3 <> 'draft' THEN now() - make_interval(hours => $25) END,
             CASE WHEN $3 IN ('published', 'withdrawn') THEN now() - make_interval(hours => $25) END)
           RETURNING id`,
          [
            orgs.get(a.institution), a.kind, a.status,
            a.title?.zh ?? null, a.title?.en ?? null, a.abstract?.zh ?? null, a.abstract?.en ?? null,
            a.problem?.zh ?? null, a.problem?.en ?? null, a.advantages?.zh ?? null, a.advantages?.en ?? null,
            a.applications?.zh ?? null, a.applications?.en ?? null, a.technicalDetail?.zh ?? null, a.technicalDetail?.en ?? null,
            a.fieldCode, a.stage, a.trl, a.jobRelated, a.fundingProjectNumber ?? null, a.dealTypes,
            a.askingPrice?.minFen ?? null, a.askingPrice?.maxFen ?? null, creator, (n - i) * 7,
          ],
        );
        for (const [position, r] of (a.ipRecords ?? []).entries()) {
          await m.query(
            `INSERT INTO achievement_ip_records (achievement_id, position, number, office, filing_date, grant_date, status, expiry_date)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [row.id, position, r.number, r.office, r.filingDate ?? null, r.grantDate ?? null, r.status, r.expiryDate ?? null],
          );
        }
        for (const [position, x] of a.inventors.entries()) {
          await m.query(
            `INSERT INTO achievement_inventors (achievement_id, position, name, email, user_id, share) VALUES ($1, $2, $3, $4, $5, $6)`,
            [row.id, position, x.name, x.email ?? null, x.email ? users.get(x.email.toLowerCase()) ?? null : null, x.sharePct.toFixed(2)],
          );
        }
        await refreshSearchVector(m, row.id);
      }
      await this.audit.append(m, {
        actorId: null,
        action: 'demo.catalog-seeded',
        entityType: 'platform',
        entityId: null,
        data: { fields, achievements: n },
      });
      this.log.log(`Catalog demo data loaded: ${fields} technology fields, ${n} achievements`);
      return 'seeded' as const;
    });
    await this.searchCache.invalidate();
    return outcome;
  }
}
