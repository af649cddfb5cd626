import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, containsPattern, OutboxService, Problems, QueueService, type AuthUser } from '@ttx/api/core';
import { MeService, MemberDirectory } from '@ttx/api/identity';
import type { AchievementStatus, MeView, Page, ProblemFieldError } from '@ttx/shared/contracts';
import { checkInventorShares, checkIpNumber, INVENTOR_SHARES_RULE, sumOfShares } from '@ttx/shared/policy';
import type {
  AccessLevel,
  AchievementDto,
  AchievementSummaryDto,
  CreateAchievementDto,
  InventorDto,
  IpRecordDto,
  MyAchievementsQueryDto,
  NdaAcceptanceDto,
  UpdateAchievementDto,
} from '../dto/achievement.dto';
import { AchievementAttachmentEntity, AchievementEntity, AchievementInventorEntity, AchievementIpRecordEntity } from '../entities';
import { attachmentView } from '../attachments/attachment-view';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from '../search/search.service';
import { SearchCache } from '../search/search-cache';
import { searchVectorParts, searchVectorSql } from '../search/tokenize';

const SCHEME_FORMATS = {
  'cn-patent': 'Chinese patent number (CN + 12 digits + "." + check character, or a publication number like CN115123456A)',
  'ic-layout': 'CNIPA IC layout-design registration number (BS. + 9 digits)',
  'software-copyright': 'CPCC software copyright registration number (e.g. 2023SR0123456)',
} as const;
const WRITER_ROLES = new Set(['researcher', 'tto_manager']);

type Viewer = { user: AuthUser | null; me: MeView | undefined };
type Pair = { zh?: string | null; en?: string | null } | undefined;
const pick = (p: Pair, zh: string | null, en: string | null) => ({
  zh: p?.zh !== undefined ? p.zh : zh,
  en: p?.en !== undefined ? p.en : en,
});
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Rebuilds achievements.search from the row's public text (never the confidential detail). */
export async function refreshSearchVector(m: EntityManager, id: string): Promise<void> {
  const [a] = await m.query(
    `SELECT title_zh, title_en, abstract_zh, abstract_en, problem_zh, problem_en, advantages_zh, advantages_en,
            applications_zh, applications_en FROM achievements WHERE id = $1`,
    [id],
  );
  if (!a) return;
  const v = searchVectorParts(
    [a.title_zh, a.title_en],
    [a.abstract_zh, a.abstract_en, a.problem_zh, a.problem_en, a.advantages_zh, a.advantages_en, a.applications_zh, a.applications_en],
  );
  await m.query(`UPDATE achievements SET search = ${searchVectorSql('$2', '$3', '$4')} WHERE id = $1`, [id, v.han, v.latinTitle, v.latinBody]);
}

@Injectable()
export class AchievementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly queues: QueueService,
    private readonly me: MeService,
    private readonly members: MemberDirectory,
    private readonly searchCache: SearchCache,
  ) {}

  // ---------- rules ----------

  /** 422s for rules that need more than field validation; `merged` is the state after the write. */
  private async checkRules(m: EntityManager, merged: AchievementEntity, dto: UpdateAchievementDto): Promise<void> {
    if (!merged.titleZh && !merged.titleEn) {
      throw Problems.rule('title-required', 'A title is required in at least one language (zh or en)', [{ field: 'title', message: 'zh or en required' }]);
    }
    if (!merged.abstractZh && !merged.abstractEn) {
      throw Problems.rule('abstract-required', 'An abstract is required in at least one language (zh or en)', [
        { field: 'abstract', message: 'zh or en required' },
      ]);
    }
    if (dto.inventors && dto.inventors.length) this.checkShares(dto.inventors);
    if (dto.ipRecords) this.checkIpRecords(dto.ipRecords);
    if (dto.askingPrice && dto.askingPrice.minFen > dto.askingPrice.maxFen) {
      throw Problems.rule('asking-price-range', 'The asking price minimum must not exceed its maximum', [
        { field: 'askingPrice.minFen', message: 'exceeds maxFen' },
      ]);
    }
    if (dto.fieldCode) {
      const [f] = await m.query('SELECT 1 FROM technology_fields WHERE code = $1', [dto.fieldCode]);
      if (!f) throw Problems.rule('unknown-technology-field', `There is no technology field ${dto.fieldCode}`, [{ field: 'fieldCode', message: 'unknown code' }]);
    }
  }

  private checkShares(inventors: Pick<InventorDto, 'sharePct'>[]): void {
    const shares = inventors.map((i) => i.sharePct);
    const problem = checkInventorShares(shares);
    if (!problem) return;
    const detail = {
      empty: 'The inventor team must have at least one member',
      range: 'Each inventor share must be greater than 0 and at most 100',
      precision: 'Inventor shares have at most two decimals',
      sum: `Inventor shares must sum to exactly 100 (they sum to ${sumOfShares(shares)})`,
    }[problem];
    throw Problems.rule(INVENTOR_SHARES_RULE, `${detail} [rule ${INVENTOR_SHARES_RULE}]`, [{ field: 'inventors', message: detail }]);
  }

  private checkIpRecords(records: IpRecordDto[]): void {
    const errors: ProblemFieldError[] = [];
    records.forEach((r, i) => {
      const { scheme, problem } = checkIpNumber(r.office, r.number);
      if (problem === 'format') {
        errors.push({ field: `ipRecords[${i}].number`, message: `is not a ${SCHEME_FORMATS[scheme ?? 'cn-patent']}` });
      } else if (problem === 'check-digit') {
        errors.push({ field: `ipRecords[${i}].number`, message: 'has a wrong check character (mod 11)' });
      }
      if (r.filingDate && r.grantDate && r.grantDate < r.filingDate) errors.push({ field: `ipRecords[${i}].grantDate`, message: 'is before the filing date' });
    });
    const numbers = records.map((r) => r.number);
    if (new Set(numbers).size !== numbers.length) errors.push({ field: 'ipRecords', message: 'lists a number twice' });
    if (errors.length) throw Problems.rule('ip-record-number', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  }

  // ---------- who is asking ----------

  private async viewer(user: AuthUser | null, m: EntityManager = this.dataSource.manager): Promise<Viewer> {
    return { user, me: user ? await this.me.find(user.id, m) : undefined };
  }

  private memberRole(v: Viewer, institutionId: string): string | null {
    const ms = v.me?.memberships.filter((x) => x.organizationId === institutionId && x.verified) ?? [];
    if (ms.some((x) => x.role === 'tto_manager')) return 'tto_manager';
    return ms[0]?.role ?? null;
  }

  private isAdmin = (v: Viewer) => v.user?.roles.includes('platform_admin') ?? false;

  private async load(m: EntityManager, id: string, lock = false): Promise<AchievementEntity> {
    const a = await m.findOne(AchievementEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!a) throw Problems.notFound('Achievement');
    return a;
  }

  /** The owner's writer role, or 404 (cannot see it) / 403 (sees it, may not change it). */
  private requireWriter(v: Viewer, a: AchievementEntity): 'researcher' | 'tto_manager' {
    const role = this.memberRole(v, a.institutionId);
    if (role && WRITER_ROLES.has(role)) return role as 'researcher' | 'tto_manager';
    if (a.status !== 'published' && !this.isAdmin(v)) throw Problems.notFound('Achievement');
    throw Problems.forbidden('Only the owning institution changes its achievements');
  }

  private async access(m: EntityManager, v: Viewer, a: AchievementEntity): Promise<{ level: AccessLevel; nda: boolean }> {
    const enterprises = v.me?.memberships.filter((x) => x.organizationKind === 'enterprise').map((x) => x.organizationId) ?? [];
    const nda =
      enterprises.length > 0 &&
      (await m.query('SELECT 1 FROM achievement_nda_acceptances WHERE achievement_id = $1 AND organization_id = ANY($2) LIMIT 1', [a.id, enterprises])).length > 0;
    if (v.me?.memberships.some((x) => x.organizationId === a.institutionId)) return { level: 'owner', nda };
    if (this.isAdmin(v)) return { level: 'admin', nda };
    if (a.status !== 'published') throw Problems.notFound('Achievement');
    return { level: nda ? 'nda' : 'public', nda };
  }

  /** For parts of the confidential view (attachments): the achievement when the caller may see its confidential part, else 404. */
  async requireConfidentialAccess(caller: AuthUser | null, id: string, m: EntityManager = this.dataSource.manager): Promise<AchievementEntity> {
    const a = await this.load(m, id);
    const { level } = await this.access(m, await this.viewer(caller, m), a);
    if (level === 'public') throw Problems.notFound('Achievement');
    return a;
  }

  /**
   * For writes to an achievement's parts: checks the caller is a writer of the owner and it is not
   * archived; `m` inside a transaction locks the row (pass the plain manager for an early check).
   */
  async requireWritable(caller: AuthUser, id: string, m: EntityManager): Promise<AchievementEntity> {
    const a = await this.load(m, id, m.queryRunner?.isTransactionActive ?? false);
    this.requireWriter(await this.viewer(caller, m), a);
    if (a.status === 'archived') throw Problems.conflict('achievement-archived', 'An archived achievement can no longer be edited');
    return a;
  }

  // ---------- views ----------

  private async toDto(m: EntityManager, a: AchievementEntity, level: AccessLevel, nda: boolean): Promise<AchievementDto> {
    // Sequential: `m` may be one transaction's connection.
    const org = await this.members.organization(a.institutionId, m);
    const ips = await m.find(AchievementIpRecordEntity, { where: { achievementId: a.id }, order: { position: 'ASC' } });
    const inventors = await m.find(AchievementInventorEntity, { where: { achievementId: a.id }, order: { position: 'ASC' } });
    const attachments = level === 'public' ? [] : await m.find(AchievementAttachmentEntity, { where: { achievementId: a.id }, order: { uploadedAt: 'ASC' } });
    const confidential = level === 'public' ? null : {
      technicalDetail: { zh: a.technicalDetailZh, en: a.technicalDetailEn },
      inventors: inventors.map((i) => ({ name: i.name, sharePct: Number(i.share), email: level === 'nda' ? null : i.email })),
      attachments: attachments.map(attachmentView),
    };
    return {
      id: a.id,
      institutionId: a.institutionId,
      institutionName: org?.name ?? '',
      kind: a.kind,
      status: a.status,
      title: { zh: a.titleZh, en: a.titleEn },
      abstract: { zh: a.abstractZh, en: a.abstractEn },
      problem: { zh: a.problemZh, en: a.problemEn },
      advantages: { zh: a.advantagesZh, en: a.advantagesEn },
      applications: { zh: a.applicationsZh, en: a.applicationsEn },
      fieldCode: a.fieldCode,
      stage: a.stage,
      trl: a.trl,
      jobRelated: a.jobRelated,
      fundingProjectNumber: a.fundingProjectNumber,
      dealTypes: a.dealTypes,
      askingPrice: a.askingPriceMinFen === null || a.askingPriceMaxFen === null ? null : { minFen: Number(a.askingPriceMinFen), maxFen: Number(a.askingPriceMaxFen) },
      ipRecords: ips.map((r) => ({ number: r.number, office: r.office, filingDate: r.filingDate, grantDate: r.grantDate, status: r.status, expiryDate: r.expiryDate })),
      inventorNames: inventors.map((i) => i.name),
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      submittedAt: iso(a.submittedAt),
      publishedAt: iso(a.publishedAt),
      access: level,
      ndaAccepted: nda,
      confidential,
    };
  }

  // ---------- writes ----------

  private apply(a: AchievementEntity, dto: UpdateAchievementDto): void {
    if (dto.kind !== undefined) a.kind = dto.kind;
    const t = pick(dto.title, a.titleZh, a.titleEn);
    [a.titleZh, a.titleEn] = [t.zh, t.en];
    const ab = pick(dto.abstract, a.abstractZh, a.abstractEn);
    [a.abstractZh, a.abstractEn] = [ab.zh, ab.en];
    const pr = pick(dto.problem, a.problemZh, a.problemEn);
    [a.problemZh, a.problemEn] = [pr.zh, pr.en];
    const ad = pick(dto.advantages, a.advantagesZh, a.advantagesEn);
    [a.advantagesZh, a.advantagesEn] = [ad.zh, ad.en];
    const ap = pick(dto.applications, a.applicationsZh, a.applicationsEn);
    [a.applicationsZh, a.applicationsEn] = [ap.zh, ap.en];
    const td = pick(dto.technicalDetail, a.technicalDetailZh, a.technicalDetailEn);
    [a.technicalDetailZh, a.technicalDetailEn] = [td.zh, td.en];
    if (dto.fieldCode !== undefined) a.fieldCode = dto.fieldCode;
    if (dto.stage !== undefined) a.stage = dto.stage;
    if (dto.trl !== undefined) a.trl = dto.trl;
    if (dto.jobRelated !== undefined) a.jobRelated = dto.jobRelated;
    if (dto.fundingProjectNumber !== undefined) a.fundingProjectNumber = dto.fundingProjectNumber;
    if (dto.dealTypes !== undefined) a.dealTypes = dto.dealTypes;
    if (dto.askingPrice !== undefined) {
      a.askingPriceMinFen = dto.askingPrice ? String(dto.askingPrice.minFen) : null;
      a.askingPriceMaxFen = dto.askingPrice ? String(dto.askingPrice.maxFen) : null;
    }
  }

  private async writeParts(m: EntityManager, id: string, dto: UpdateAchievementDto): Promise<void> {
    if (dto.ipRecords) {
      await m.delete(AchievementIpRecordEntity, { achievementId: id });
      if (dto.ipRecords.length) {
        await m.insert(
          AchievementIpRecordEntity,
          dto.ipRecords.map((r, position) => ({
            achievementId: id,
            position,
            number: r.number,
            office: r.office,
            filingDate: r.filingDate ?? null,
            grantDate: r.grantDate ?? null,
            status: r.status,
            expiryDate: r.expiryDate ?? null,
          })),
        );
      }
    }
    if (dto.inventors) {
      await m.delete(AchievementInventorEntity, { achievementId: id });
      if (dto.inventors.length) {
        const emails = dto.inventors.map((i) => i.email).filter((e): e is string => !!e);
        const users = await this.members.userIdsByEmail(emails, m);
        await m.insert(
          AchievementInventorEntity,
          dto.inventors.map((i, position) => ({
            achievementId: id,
            position,
            name: i.name,
            email: i.email ?? null,
            userId: (i.email && users.get(i.email)) || null,
            share: (Math.round(i.sharePct * 100) / 100).toFixed(2),
          })),
        );
      }
    }
    await refreshSearchVector(m, id);
  }

  async create(caller: AuthUser, dto: CreateAchievementDto): Promise<AchievementDto> {
    return this.dataSource.transaction(async (m) => {
      const v = await this.viewer(caller, m);
      const mine = v.me?.memberships.filter((x) => x.organizationKind === 'institution' && x.verified && WRITER_ROLES.has(x.role)) ?? [];
      const ids = [...new Set(mine.map((x) => x.organizationId))];
      let institutionId: string;
      if (dto.institutionId) {
        if (!ids.includes(dto.institutionId)) throw Problems.forbidden('You are not a researcher or TTO manager of that verified institution');
        institutionId = dto.institutionId;
      } else if (ids.length === 1) {
        institutionId = ids[0];
      } else if (ids.length === 0) {
        throw Problems.forbidden('Creating achievements needs a researcher or TTO manager role in a verified institution');
      } else {
        throw Problems.rule('institution-ambiguous', 'You belong to several institutions: name one in institutionId', [{ field: 'institutionId', message: 'required' }]);
      }
      const a = m.create(AchievementEntity, {
        institutionId,
        kind: dto.kind,
        status: 'draft',
        titleZh: null, titleEn: null, abstractZh: null, abstractEn: null, problemZh: null, problemEn: null,
        advantagesZh: null, advantagesEn: null, applicationsZh: null, applicationsEn: null,
        technicalDetailZh: null, technicalDetailEn: null,
        fieldCode: null, stage: null, trl: null, jobRelated: false, fundingProjectNumber: null, dealTypes: [],
        askingPriceMinFen: null, askingPriceMaxFen: null, createdBy: caller.id, submittedAt: null, publishedAt: null,
      });
      this.apply(a, dto);
      await this.checkRules(m, a, dto);
      const saved = await m.save(a);
      await this.writeParts(m, saved.id, dto);
      await this.audit.append(m, {
        actorId: caller.id,
        action: 'achievement.created',
        entityType: 'achievement',
        entityId: saved.id,
        data: { institutionId, kind: saved.kind, title: { zh: saved.titleZh, en: saved.titleEn } },
      });
      return this.toDto(m, await this.load(m, saved.id), 'owner', false);
    });
  }

  async get(caller: AuthUser | null, id: string): Promise<AchievementDto> {
    const m = this.dataSource.manager;
    const a = await this.load(m, id);
    const v = await this.viewer(caller, m);
    const { level, nda } = await this.access(m, v, a);
    return this.toDto(m, a, level, nda);
  }

  async update(caller: AuthUser, id: string, dto: UpdateAchievementDto): Promise<AchievementDto> {
    const result = await this.dataSource.transaction(async (m) => {
      const a = await this.load(m, id, true);
      const v = await this.viewer(caller, m);
      const role = this.requireWriter(v, a);
      if (a.status === 'archived') throw Problems.conflict('achievement-archived', 'An archived achievement can no longer be edited');
      if (a.status === 'published' && role !== 'tto_manager') {
        throw Problems.conflict('achievement-published', 'A published achievement is edited by the TTO manager only; ask them or withdraw it first');
      }
      this.apply(a, dto);
      await this.checkRules(m, a, dto);
      a.updatedAt = new Date();
      await m.save(a);
      await this.writeParts(m, id, dto);
      await this.audit.append(m, {
        actorId: caller.id,
        action: 'achievement.updated',
        entityType: 'achievement',
        entityId: id,
        data: { fields: Object.keys(dto).sort(), status: a.status },
      });
      return this.toDto(m, await this.load(m, id), 'owner', (await this.access(m, v, a)).nda);
    });
    // After the commit: a published listing's public text may have changed.
    if (result.status === 'published') await this.searchCache.invalidate();
    return result;
  }

  /**
   * One lifecycle step as a conditional UPDATE (two racing clicks give one transition and one 409).
   * `roles` are the owner roles allowed for each source status.
   */
  private async transition(
    caller: AuthUser,
    id: string,
    to: AchievementStatus,
    from: Partial<Record<AchievementStatus, ('researcher' | 'tto_manager')[]>>,
    extra = '',
  ): Promise<AchievementDto> {
    const result = await this.dataSource.transaction(async (m) => {
      const a = await this.load(m, id, true);
      const v = await this.viewer(caller, m);
      const role = this.requireWriter(v, a);
      const allowed = from[a.status];
      if (!allowed) throw Problems.conflict(`achievement-${a.status}`, `An achievement that is ${a.status} cannot become ${to}`);
      if (!allowed.includes(role)) throw Problems.forbidden(`Only a ${allowed.join(' or ')} of the owning institution may make a ${a.status} achievement ${to}`);
      if (to === 'submitted' || to === 'published') await this.checkComplete(m, a);
      await m.query(`UPDATE achievements SET status = $2, updated_at = now() ${extra} WHERE id = $1`, [id, to]);
      await this.audit.append(m, {
        actorId: caller.id,
        action: `achievement.${to}`,
        entityType: 'achievement',
        entityId: id,
        data: { from: a.status, to, institutionId: a.institutionId },
      });
      if (to === 'published' && a.createdBy && a.createdBy !== caller.id) {
        const title = a.titleZh ?? a.titleEn ?? '';
        await this.outbox.enqueue(m, 'notification', {
          userId: a.createdBy,
          kind: 'achievement-published',
          title: { zh: `「${title}」已发布`, en: `“${a.titleEn ?? title}” is published` },
          body: { zh: '成果已在目录中公开。', en: 'The achievement is now public in the catalog.' },
          link: `/achievements/${id}`,
          email: false,
        });
      }
      return this.toDto(m, await this.load(m, id), 'owner', false);
    });
    if (to === 'published') void this.queues.nudgeOutbox();
    // After the commit: entering or leaving 'published' changes what the public search finds.
    if (to === 'published' || result.publishedAt !== null) await this.searchCache.invalidate();
    return result;
  }

  /** What a listing needs before it leaves the draft: a valid team and a field. */
  private async checkComplete(m: EntityManager, a: AchievementEntity): Promise<void> {
    const inventors = await m.find(AchievementInventorEntity, { where: { achievementId: a.id } });
    this.checkShares(inventors.map((i) => ({ sharePct: Number(i.share) })));
    if (!a.fieldCode) throw Problems.rule('technology-field-required', 'Choose a technology field before submitting', [{ field: 'fieldCode', message: 'required' }]);
    if (!a.dealTypes.length) throw Problems.rule('deal-types-required', 'Name at least one deal type before submitting', [{ field: 'dealTypes', message: 'required' }]);
  }

  submit(caller: AuthUser, id: string) {
    return this.transition(caller, id, 'submitted', { draft: ['researcher', 'tto_manager'], withdrawn: ['researcher', 'tto_manager'] }, ', submitted_at = now()');
  }

  publish(caller: AuthUser, id: string) {
    return this.transition(caller, id, 'published', { submitted: ['tto_manager'], withdrawn: ['tto_manager'] }, ', published_at = now()');
  }

  withdraw(caller: AuthUser, id: string) {
    return this.transition(caller, id, 'withdrawn', { submitted: ['researcher', 'tto_manager'], published: ['tto_manager'] });
  }

  archive(caller: AuthUser, id: string) {
    return this.transition(caller, id, 'archived', { draft: ['tto_manager'], submitted: ['tto_manager'], published: ['tto_manager'], withdrawn: ['tto_manager'] });
  }

  async acceptNda(caller: AuthUser, id: string, organizationId?: string): Promise<NdaAcceptanceDto> {
    return this.dataSource.transaction(async (m) => {
      const a = await this.load(m, id);
      const v = await this.viewer(caller, m);
      if (a.status !== 'published') throw Problems.notFound('Achievement');
      const orgs = [...new Set(v.me?.memberships.filter((x) => x.organizationKind === 'enterprise' && x.role === 'enterprise_member').map((x) => x.organizationId) ?? [])];
      let orgId: string;
      if (organizationId) {
        if (!orgs.includes(organizationId)) throw Problems.forbidden('You are not a member of that enterprise');
        orgId = organizationId;
      } else if (orgs.length === 1) orgId = orgs[0];
      else if (!orgs.length) throw Problems.forbidden('Only enterprise members accept a listing NDA');
      else throw Problems.rule('organization-ambiguous', 'You belong to several enterprises: name one in organizationId', [{ field: 'organizationId', message: 'required' }]);
      const inserted: { accepted_at: Date }[] = await m.query(
        `INSERT INTO achievement_nda_acceptances (achievement_id, user_id, organization_id) VALUES ($1, $2, $3)
         ON CONFLICT ON CONSTRAINT achievement_nda_acceptances_key DO NOTHING RETURNING accepted_at`,
        [id, caller.id, orgId],
      );
      if (inserted.length) {
        await this.audit.append(m, { actorId: caller.id, action: 'achievement.nda-accepted', entityType: 'achievement', entityId: id, data: { organizationId: orgId } });
      }
      const [row] = await m.query(
        'SELECT accepted_at FROM achievement_nda_acceptances WHERE achievement_id = $1 AND user_id = $2 AND organization_id = $3',
        [id, caller.id, orgId],
      );
      return { achievementId: id, organizationId: orgId, userId: caller.id, acceptedAt: (row.accepted_at as Date).toISOString() };
    });
  }

  /** The caller's institutions' achievements in every state (newest change first). */
  async mine(caller: AuthUser, q: MyAchievementsQueryDto): Promise<Page<AchievementSummaryDto>> {
    const v = await this.viewer(caller);
    const institutions = v.me?.memberships.filter((x) => x.organizationKind === 'institution') ?? [];
    // The caller's memberships already name their institutions, and only those institutions are listed.
    const names = new Map(institutions.map((x) => [x.organizationId, x.organizationName]));
    const orgs = [...names.keys()];
    if (!orgs.length) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const params: unknown[] = [orgs];
    let where = 'a.institution_id = ANY($1)';
    if (q.status) {
      params.push(q.status);
      where += ` AND a.status = $${params.length}`;
    }
    if (q.q) {
      // A picker's type-ahead over one institution's list: a plain substring match, % and _ taken literally.
      params.push(containsPattern(q.q));
      where += ` AND (a.title_zh ILIKE $${params.length} OR a.title_en ILIKE $${params.length})`;
    }
    const m = this.dataSource.manager;
    const [rows, [{ total }]]: [SummaryRow[], { total: number }[]] = await Promise.all([
      m.query(
        `SELECT ${SUMMARY_COLUMNS} FROM achievements a WHERE ${where}
          ORDER BY a.updated_at DESC, a.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.pageSize, (q.page - 1) * q.pageSize],
      ),
      m.query(`SELECT count(*)::int AS total FROM achievements a WHERE ${where}`, params),
    ]);
    return { items: rows.map((r) => toSummary(r, names)), total, page: q.page, pageSize: q.pageSize };
  }
}

