import { Injectable } from '@nestjs/common';
import { FieldsService, MatchCandidatesService, SearchCache, candidateSql, matchTerms, searchVectorParts, searchVectorSql, termOverlap, tierQueries, type MatchTerms } from '@ttx/api/catalog';
import { AuditService, OutboxService, Problems, QueueService, type AuthUser } from '@ttx/api/core';
import { MeService, MemberDirectory } from '@ttx/api/identity';
import type { DealType, DemandStatus, MaturityStage, MeView } from '@ttx/shared/contracts';
import { reasonText, scoreMatch, type MatchSide } from '@ttx/shared/policy';
import { DataSource, type EntityManager } from 'typeorm';
import { brokersServingField, demandInFieldMessage } from '../notify';
import { returning } from '../sql';
import { BrokerageEventsService } from '../events/brokerage-events.service';
import type { AchievementMatchDto, CreateDemandDto, DemandDto, DemandMatchDto, DemandPageDto, DemandsQueryDto } from './demand.dto';

interface DemandRow {
  id: string;
  organization_id: string;
  created_by: string;
  title_zh: string | null;
  title_en: string | null;
  summary_zh: string | null;
  summary_en: string | null;
  detail_zh: string | null;
  detail_en: string | null;
  field_code: string | null;
  desired_stage: MaturityStage | null;
  deal_types: DealType[];
  budget_min_fen: string | null;
  budget_max_fen: string | null;
  deadline: string;
  confidential: boolean;
  status: DemandStatus;
  created_at: Date;
  /** The informative terms of its text, kept at posting (null for demands posted before they were kept). */
  match_terms: MatchTerms | null;
}

const COLUMNS = `d.id, d.organization_id, d.created_by, d.title_zh, d.title_en, d.summary_zh, d.summary_en,
  d.detail_zh, d.detail_en, d.field_code, d.desired_stage, d.deal_types, d.budget_min_fen, d.budget_max_fen,
  to_char(d.deadline, 'YYYY-MM-DD') AS deadline, d.confidential, d.status, d.created_at, d.match_terms`;
// Organisation names come from identity (MemberDirectory), one batch per request, after the rows.
const FROM = 'demands d';
/** Matches at or above this score are worth a notification to the enterprise. */
export const NOTIFY_MIN_SCORE = 50;
/** A text overlap of this share (weighted) already counts as fully similar. */
const FULL_OVERLAP = 0.5;

type Access = DemandDto['access'];
const num = (v: string | null) => (v === null ? null : Number(v));

/** The demand's side of a match (budget as its price range). */
const demandSide = (d: DemandRow): MatchSide => ({
  fieldCode: d.field_code,
  stage: d.desired_stage,
  dealTypes: d.deal_types,
  priceMinFen: num(d.budget_min_fen),
  priceMaxFen: num(d.budget_max_fen),
});

/** The text a demand matches with: title, then the public summary and the detail. */
const demandText = (d: Pick<DemandRow, 'title_zh' | 'title_en' | 'summary_zh' | 'summary_en' | 'detail_zh' | 'detail_en'>) => ({
  title: [d.title_zh, d.title_en],
  body: [d.summary_zh, d.summary_en, d.detail_zh, d.detail_en],
});

@Injectable()
export class DemandsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly queues: QueueService,
    private readonly me: MeService,
    private readonly candidates: MatchCandidatesService,
    private readonly events: BrokerageEventsService,
    private readonly cache: SearchCache,
    private readonly members: MemberDirectory,
    private readonly fields: FieldsService,
  ) {}

  /** Posting organisations' names for a set of rows (identity owns them): one lookup, none for no rows. */
  private async orgNames(m: EntityManager, rows: Pick<DemandRow, 'organization_id'>[]): Promise<Map<string, string>> {
    const orgs = await this.members.organizations([...new Set(rows.map((r) => r.organization_id))], m);
    return new Map([...orgs].map(([id, o]) => [id, o.name]));
  }

  /** DTOs of `rows` as seen with `access`, with their organisations' names. */
  private async dtos(m: EntityManager, rows: DemandRow[], access: Access): Promise<DemandDto[]> {
    const names = await this.orgNames(m, rows);
    return rows.map((r) => this.toDto(r, access, names.get(r.organization_id) ?? null));
  }

  // ---------- access ----------

  private async access(m: EntityManager, me: MeView | undefined, d: DemandRow): Promise<Access> {
    if (me?.memberships.some((x) => x.organizationId === d.organization_id && x.verified)) return 'owner';
    if (me?.roles.includes('platform_admin')) return 'admin';
    if (me) {
      const [invited] = await m.query(
        `SELECT 1 FROM deal_room_members rm JOIN deal_rooms r ON r.id = rm.room_id WHERE r.demand_id = $1 AND rm.user_id = $2 LIMIT 1`,
        [d.id, me.id],
      );
      if (invited) return 'invited';
    }
    return 'public';
  }

  toDto(d: DemandRow, access: Access, organizationName: string | null): DemandDto {
    const hidden = access === 'public' && d.confidential;
    return {
      id: d.id,
      organizationId: hidden ? null : d.organization_id,
      organizationName: hidden ? null : organizationName,
      title: { zh: d.title_zh, en: d.title_en },
      summary: { zh: d.summary_zh, en: d.summary_en },
      detail: hidden ? null : { zh: d.detail_zh, en: d.detail_en },
      fieldCode: d.field_code,
      desiredStage: d.desired_stage,
      dealTypes: d.deal_types,
      budget: hidden || d.budget_min_fen === null || d.budget_max_fen === null ? null : { minFen: Number(d.budget_min_fen), maxFen: Number(d.budget_max_fen) },
      deadline: d.deadline,
      confidential: d.confidential,
      status: d.status,
      access,
      createdAt: d.created_at.toISOString(),
    };
  }

  async load(m: EntityManager, id: string, lock = false): Promise<DemandRow> {
    const [d]: DemandRow[] = await m.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!d) throw Problems.notFound('Demand');
    return d;
  }

  /** A demand as `user` may see it: open/in-talks ones publicly, the rest for their owner, admins and invitees. */
  async visible(m: EntityManager, user: AuthUser | null, id: string): Promise<{ d: DemandRow; access: Access; me: MeView | undefined }> {
    // Independent reads: in parallel (two pool connections outside a transaction; queued on one inside).
    const [d, me] = await Promise.all([this.load(m, id), user ? this.me.find(user.id, m) : undefined]);
    const access = await this.access(m, me, d);
    if (access === 'public' && d.status !== 'open' && d.status !== 'in_talks') throw Problems.notFound('Demand');
    return { d, access, me };
  }

  // ---------- reads ----------

  async list(user: AuthUser | null, q: DemandsQueryDto): Promise<DemandPageDto> {
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const where: string[] = [];
    let access: Access = 'public';
    if (q.mine) {
      if (!user) throw Problems.unauthorized('mine=true needs a signed-in caller');
      const me = await this.me.find(user.id);
      const orgs = me?.memberships.filter((x) => x.verified).map((x) => x.organizationId) ?? [];
      where.push(`d.organization_id = ANY(${p(orgs)}::uuid[])`);
      if (q.status) where.push(`d.status = ${p(q.status)}`);
      access = 'owner';
    } else {
      where.push(q.status === 'open' || q.status === 'in_talks' ? `d.status = ${p(q.status)}` : `d.status IN ('open','in_talks')`);
      if (q.status && q.status !== 'open' && q.status !== 'in_talks') where.push('false');
    }
    if (q.field) {
      const f = p(q.field);
      where.push(`(d.field_code = ${f} OR d.field_code LIKE ${f} || '.%')`);
    }
    const w = where.join(' AND ');
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM demands d WHERE ${w}`, params);
    const rows: DemandRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${w} ORDER BY d.created_at DESC, d.id LIMIT ${p(q.pageSize)} OFFSET ${p((q.page - 1) * q.pageSize)}`,
      params,
    );
    return { items: await this.dtos(this.dataSource.manager, rows, access), total, page: q.page, pageSize: q.pageSize };
  }

  async get(user: AuthUser | null, id: string): Promise<DemandDto> {
    const { d, access } = await this.visible(this.dataSource.manager, user, id);
    return (await this.dtos(this.dataSource.manager, [d], access))[0];
  }

  // ---------- writes ----------

  async create(user: AuthUser, dto: CreateDemandDto): Promise<DemandDto> {
    const result = await this.dataSource.transaction(async (m) => {
      const me = await this.me.find(user.id, m);
      const mine = [...new Set(me?.memberships.filter((x) => x.verified && x.organizationKind === 'enterprise' && x.role === 'enterprise_member').map((x) => x.organizationId) ?? [])];
      let orgId: string;
      if (dto.organizationId) {
        if (!mine.includes(dto.organizationId)) throw Problems.forbidden('You are not a member of that verified enterprise');
        orgId = dto.organizationId;
      } else if (mine.length === 1) orgId = mine[0];
      else if (!mine.length) throw Problems.forbidden('Posting a demand needs membership of a verified enterprise');
      else throw Problems.rule('organization-ambiguous', 'You belong to several enterprises: name one in organizationId', [{ field: 'organizationId', message: 'required' }]);
      if (!dto.title.zh && !dto.title.en) throw Problems.rule('title-required', 'A title is required in at least one language (zh or en)', [{ field: 'title', message: 'zh or en required' }]);
      if (!dto.summary.zh && !dto.summary.en) throw Problems.rule('summary-required', 'A summary is required in at least one language (zh or en)', [{ field: 'summary', message: 'zh or en required' }]);
      if (dto.budget && dto.budget.minFen > dto.budget.maxFen) throw Problems.rule('budget-range', 'The budget minimum must not exceed its maximum', [{ field: 'budget.minFen', message: 'exceeds maxFen' }]);
      const [{ today }] = await m.query(`SELECT to_char(current_date, 'YYYY-MM-DD') AS today`);
      if (dto.deadline <= today) throw Problems.rule('deadline-in-future', `The deadline must be after today (${today})`, [{ field: 'deadline', message: 'must be in the future' }]);
      if (dto.fieldCode && (await this.fields.unknownCodes([dto.fieldCode], m)).length) {
        throw Problems.rule('unknown-technology-field', `There is no technology field ${dto.fieldCode}`, [{ field: 'fieldCode', message: 'unknown code' }]);
      }
      const text = {
        title_zh: dto.title.zh ?? null, title_en: dto.title.en ?? null,
        summary_zh: dto.summary.zh ?? null, summary_en: dto.summary.en ?? null,
        detail_zh: dto.detail?.zh ?? null, detail_en: dto.detail?.en ?? null,
      };
      const { title, body } = demandText(text);
      const v = searchVectorParts(title, body);
      const [{ id }] = await m.query(
        `INSERT INTO demands (organization_id, created_by, title_zh, title_en, summary_zh, summary_en, detail_zh, detail_en, field_code, desired_stage,
           deal_types, budget_min_fen, budget_max_fen, deadline, confidential, search, match_terms)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15, ${searchVectorSql('$16', '$17', '$18')}, $19) RETURNING id`,
        [orgId, user.id, text.title_zh, text.title_en, text.summary_zh, text.summary_en, text.detail_zh, text.detail_en, dto.fieldCode ?? null,
         dto.desiredStage ?? null, dto.dealTypes, dto.budget?.minFen ?? null, dto.budget?.maxFen ?? null, dto.deadline, dto.confidential ?? false,
         v.han, v.latinTitle, v.latinBody, JSON.stringify(await matchTerms(m, title, body))],
      );
      await this.audit.append(m, { actorId: user.id, action: 'demand.posted', entityType: 'demand', entityId: id, data: { organizationId: orgId, title: { zh: text.title_zh, en: text.title_en } } });
      await this.events.append(m, 'demand.posted', id, { organizationId: orgId, fieldCode: dto.fieldCode ?? null });
      if (dto.fieldCode) {
        const brokers = (await brokersServingField(m, dto.fieldCode)).filter((u) => u !== user.id);
        await this.outbox.notify(m, brokers, demandInFieldMessage({ id, title: { zh: text.title_zh, en: text.title_en }, fieldCode: dto.fieldCode }));
      }
      return (await this.dtos(m, [await this.load(m, id)], 'owner'))[0];
    });
    await this.baseline(result.id);
    void this.queues.nudgeOutbox();
    return result;
  }

  /** The matches the enterprise sees now are the baseline: the sweep announces only later ones. */
  async baseline(id: string): Promise<void> {
    const d = await this.load(this.dataSource.manager, id);
    await this.remember(this.dataSource.manager, d.id, (await this.rank(d, 100)).filter((x) => x.score >= NOTIFY_MIN_SCORE));
  }

  /** open/in_talks → satisfied, by a member of the owning enterprise (conditional update: a repeat is a 409). */
  async satisfy(user: AuthUser, id: string): Promise<DemandDto> {
    return this.dataSource.transaction(async (m) => {
      const d = await this.load(m, id, true);
      const me = await this.me.find(user.id, m);
      const access = await this.access(m, me, d);
      if (access !== 'owner') {
        if (access === 'public' && d.status !== 'open' && d.status !== 'in_talks') throw Problems.notFound('Demand');
        throw Problems.forbidden('Only the enterprise that posted the demand marks it satisfied');
      }
      const done = await returning(m, `UPDATE demands SET status = 'satisfied', closed_at = now(), updated_at = now() WHERE id = $1 AND status IN ('open','in_talks') RETURNING id`, [id]);
      if (!done.length) throw Problems.conflict(`demand-${d.status}`, `A demand that is ${d.status} cannot become satisfied`);
      await this.audit.append(m, { actorId: user.id, action: 'demand.satisfied', entityType: 'demand', entityId: id, data: { from: d.status } });
      return (await this.dtos(m, [await this.load(m, id)], 'owner'))[0];
    });
  }

  /** A room opened on the demand: open → in_talks (no-op in any other state). */
  async markInTalks(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE demands SET status = 'in_talks', updated_at = now() WHERE id = $1 AND status = 'open'`, [id]);
  }

  // ---------- matching ----------

  /** Ranked achievements for a demand (forward matching). */
  private async rank(d: DemandRow, limit: number): Promise<AchievementMatchDto[]> {
    const { title, body } = demandText(d);
    const terms = d.match_terms ?? (await this.candidates.terms(title, body));
    const [cands, names] = await Promise.all([this.candidates.achievementsFor(terms), this.candidates.fieldNames()]);
    const side = demandSide(d);
    return cands
      .map((c) => {
        const a = c.achievement;
        const s = scoreMatch({
          demand: side,
          achievement: { fieldCode: a.fieldCode, stage: a.stage, dealTypes: a.dealTypes, priceMinFen: a.askingPrice?.minFen ?? null, priceMaxFen: a.askingPrice?.maxFen ?? null },
          textOverlap: Math.min(1, c.overlap.overlap / FULL_OVERLAP),
          sharedTerms: c.overlap.shared,
          fieldNames: names,
        });
        return { item: { achievementId: a.id, score: s.score, reasons: s.reasons.map(reasonText), reasonDetails: s.reasons, achievement: a }, rank: c.rank };
      })
      .sort((x, y) => y.item.score - x.item.score || y.rank - x.rank || x.item.achievementId.localeCompare(y.item.achievementId))
      .slice(0, limit)
      .map((x) => x.item);
  }

  /**
   * Who may run a demand's matches: those who see its detail, and brokers (they broker it). The access check
   * runs every time; the ranking is kept in the catalog's result cache (when on) under its generation: a
   * demand's text, fields, budget and deal types never change after posting, so the list only goes stale
   * when public catalog data changes — and every such commit bumps the generation.
   */
  async matches(user: AuthUser, id: string, limit: number): Promise<{ items: AchievementMatchDto[] }> {
    const { d, access, me } = await this.visible(this.dataSource.manager, user, id);
    if (access === 'public' && !me?.roles.includes('broker')) throw Problems.forbidden("Matches are for the demand's enterprise, invited parties, brokers and admins");
    const { value } = await this.cache.derived(`demand-matches:${d.id}:${limit}`, () => this.rank(d, limit));
    return { items: value };
  }

  /** Open demands for a published achievement (reverse matching), over demands.search with the same machinery. */
  async demandsFor(achievementId: string, limit: number): Promise<{ items: DemandMatchDto[] }> {
    const text = await this.candidates.publicText(achievementId);
    if (!text || text.status !== 'published') throw Problems.notFound('Achievement');
    const [a] = await this.candidates.summaries([achievementId]);
    const terms: MatchTerms = await matchTerms(this.dataSource.manager, text.title, text.body);
    if (!terms.terms.length) return { items: [] };
    const q = tierQueries(terms.terms);
    const hits: { id: string; rank: number; matched: string[] }[] = await this.dataSource.transaction(async (tm) => {
      await tm.query('SET LOCAL enable_seqscan = off');
      return tm.query(candidateSql('demands', 'search', `t.status IN ('open','in_talks')`), [q.pairs, q.any, terms.terms.map((t) => t.lexeme), 400, 200]);
    });
    if (!hits.length) return { items: [] };
    const rows: DemandRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.id = ANY($1::uuid[])`, [hits.map((h) => h.id)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const [names, orgNames] = await Promise.all([this.candidates.fieldNames(), this.orgNames(this.dataSource.manager, rows)]);
    const aSide: MatchSide = { fieldCode: a.fieldCode, stage: a.stage, dealTypes: a.dealTypes, priceMinFen: a.askingPrice?.minFen ?? null, priceMaxFen: a.askingPrice?.maxFen ?? null };
    const items = hits
      .filter((h) => byId.has(h.id))
      .map((h) => {
        const d = byId.get(h.id) as DemandRow;
        // Shared terms are cut to the demand's PUBLIC text: a confidential detail must not leak through a reason.
        const publicText = [d.title_zh, d.title_en, d.summary_zh, d.summary_en, d.confidential ? '' : d.detail_zh, d.confidential ? '' : d.detail_en].filter(Boolean).join(' ');
        const o = termOverlap(terms, h.matched, publicText);
        const lower = publicText.toLowerCase();
        o.shared = o.shared.filter((t) => /\p{Script=Han}/u.test(t) || lower.includes(t.toLowerCase().slice(0, Math.max(3, t.length - 3))));
        const s = scoreMatch({ demand: demandSide(d), achievement: aSide, textOverlap: Math.min(1, o.overlap / FULL_OVERLAP), sharedTerms: o.shared, fieldNames: names });
        // Reverse matches show the public view of the demand: reasons never quote a confidential budget.
        const reasonDetails = d.confidential ? s.reasons.filter((r) => !r.code.startsWith('budget')) : s.reasons;
        return { item: { demandId: d.id, score: s.score, reasons: reasonDetails.map(reasonText), reasonDetails, demand: this.toDto(d, 'public', orgNames.get(d.organization_id) ?? null) }, rank: Number(h.rank) };
      })
      .sort((x, y) => y.item.score - x.item.score || y.rank - x.rank)
      .slice(0, limit)
      .map((x) => x.item);
    return { items };
  }

  // ---------- jobs ----------

  private async remember(m: EntityManager, demandId: string, ms: { achievementId: string; score: number }[]): Promise<string[]> {
    if (!ms.length) return [];
    const rows: { achievement_id: string }[] = await m.query(
      `INSERT INTO demand_match_notices (demand_id, achievement_id, score) SELECT $1, x.id, x.score FROM unnest($2::uuid[], $3::numeric[]) AS x(id, score)
       ON CONFLICT DO NOTHING RETURNING achievement_id`,
      [demandId, ms.map((x) => x.achievementId), ms.map((x) => x.score)],
    );
    return rows.map((r) => r.achievement_id);
  }

  /**
   * The periodic sweep (worker): expires demands past their deadline, then notifies each open demand's
   * poster of matching achievements not announced before. Idempotent: a notice row per pair is written
   * once (ON CONFLICT), in the same transaction as its notification.
   */
  async sweep(): Promise<{ expired: number; notified: number }> {
    const expired: { id: string; created_by: string; title_zh: string | null; title_en: string | null }[] = await this.dataSource.transaction(async (m) => {
      const rows = await returning<{ id: string; created_by: string; title_zh: string | null; title_en: string | null }>(
        m,
        `UPDATE demands SET status = 'expired', closed_at = now(), updated_at = now() WHERE deadline < current_date AND status IN ('open','in_talks')
         RETURNING id, created_by, title_zh, title_en`,
        [],
      );
      for (const d of rows) {
        await this.audit.append(m, { actorId: null, action: 'demand.expired', entityType: 'demand', entityId: d.id, data: {} });
        await this.outbox.enqueue(m, 'notification', {
          userId: d.created_by,
          kind: 'demand-expired',
          title: { zh: `需求「${d.title_zh ?? d.title_en}」已到期`, en: `Demand “${d.title_en ?? d.title_zh}” has expired` },
          body: { zh: '截止日期已过，需求不再公开。', en: 'Its deadline has passed; it is no longer public.' },
          link: `/brokerage/demands/${d.id}`,
        });
      }
      return rows;
    });
    let notified = 0;
    const open: DemandRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE d.status IN ('open','in_talks') ORDER BY d.created_at LIMIT 500`);
    for (const d of open) {
      const found = (await this.rank(d, 100)).filter((x) => x.score >= NOTIFY_MIN_SCORE);
      // Notice rows and the notification commit together: a crash in between neither loses nor repeats one.
      const fresh = await this.dataSource.transaction(async (m) => {
        const added = await this.remember(m, d.id, found);
        if (!added.length) return 0;
        await this.outbox.enqueue(m, 'notification', {
          userId: d.created_by,
          kind: 'demand-new-matches',
          title: { zh: `需求「${d.title_zh ?? d.title_en}」有 ${added.length} 项新匹配成果`, en: `${added.length} new matching achievement(s) for “${d.title_en ?? d.title_zh}”` },
          body: { zh: '查看匹配结果及理由。', en: 'See the matches and why they match.' },
          link: `/brokerage/demands/${d.id}`,
        });
        return added.length;
      });
      if (fresh) notified++;
    }
    if (expired.length || notified) void this.queues.nudgeOutbox();
    return { expired: expired.length, notified };
  }
}
