import { Injectable } from '@nestjs/common';
import { AuditService, containsPattern, Problems, type AuthUser } from '@ttx/api/core';
import { BrokersService } from '@ttx/api/brokerage';
import { AchievementFactsService } from '@ttx/api/catalog';
import { MemberDirectory, OrganizationsService } from '@ttx/api/identity';
import { DataSource, type EntityManager } from 'typeorm';
import type { CreateLicenceDto, LicenceCostDto, LicenceDetailDto, LicencePageDto, LicencesQueryDto, TerminateLicenceDto } from '../dto/licence.dto';
import { LicenceBroker } from '../deals/licence-broker';
import { InvoiceScheduler } from '../invoices/invoice-scheduler';
import { LicenceAccess, type CallerOrgs } from './licence-access';
import { LICENCE_COLUMNS, type LicenceRow } from './licence-row';
import { detail, summaries } from './licence-view';
import { LicenceWriter } from './licence-writer';

/** Licences over HTTP: the caller's list and detail, a TTO's offline licence, activation, termination, milestones, costs. */
@Injectable()
export class LicencesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: LicenceAccess,
    private readonly writer: LicenceWriter,
    private readonly organizations: OrganizationsService,
    private readonly members: MemberDirectory,
    private readonly brokers: BrokersService,
    private readonly achievements: AchievementFactsService,
    private readonly audit: AuditService,
    private readonly invoices: InvoiceScheduler,
    private readonly broker: LicenceBroker,
  ) {}

  async load(m: EntityManager, id: string, lock = false): Promise<LicenceRow> {
    const [row] = await m.query(`SELECT ${LICENCE_COLUMNS} FROM licences l WHERE l.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) throw Problems.notFound('Licence');
    return row;
  }

  readonly names = async (ids: string[]): Promise<Map<string, string>> => new Map((await this.organizations.byIds(ids)).map((o) => [o.id, o.name]));

  async list(caller: AuthUser, q: LicencesQueryDto): Promise<LicencePageDto> {
    const m = this.dataSource.manager;
    // Party names live in identity: it answers which organisations' names contain q (a bounded list), and
    // those ids widen the match here, so the search stays one query over licensing's own table.
    const [o, named] = await Promise.all([this.access.orgs(caller, m), q.q ? this.members.organizationIdsNameContains(q.q) : []]);
    // A picker's type-ahead: plain substring, % and _ taken literally. The roles match access.role (licensor first).
    const like = q.q ? containsPattern(q.q) : null;
    const params: unknown[] = [o.all, q.status ?? null, q.role ?? null, like, named, q.pageSize, (q.page - 1) * q.pageSize];
    const where = `(l.licensor_org_id = ANY($1) OR l.licensee_org_id = ANY($1)) AND ($2::text IS NULL OR l.status = $2)
      AND ($3::text IS NULL OR ($3 = 'licensor') = (l.licensor_org_id = ANY($1)))
      AND ($4::text IS NULL OR l.number ILIKE $4 OR l.title_zh ILIKE $4 OR l.title_en ILIKE $4
           OR l.licensor_org_id = ANY($5::uuid[]) OR l.licensee_org_id = ANY($5::uuid[]))`;
    const [rows, [{ total }]] = await Promise.all([
      m.query(`SELECT ${LICENCE_COLUMNS} FROM licences l WHERE ${where} ORDER BY l.created_at DESC, l.id LIMIT $6 OFFSET $7`, params),
      m.query(`SELECT count(*)::int AS total FROM licences l WHERE ${where}`, params.slice(0, 5)),
    ]);
    return { items: await summaries(m, rows, this.names, (r) => this.access.role(o, r) ?? 'admin'), total, page: q.page, pageSize: q.pageSize };
  }

  async get(caller: AuthUser, id: string): Promise<LicenceDetailDto> {
    const m = this.dataSource.manager;
    const [o, r] = await Promise.all([this.access.orgs(caller, m), this.load(m, id)]);
    const role = this.access.role(o, r);
    if (!role) throw Problems.notFound('Licence');
    const [summary] = await summaries(m, [r], this.names, () => role);
    return detail(m, summary, r);
  }

  /** A TTO manager of the achievement's institution records an offline deal (draft). */
  async create(caller: AuthUser, dto: CreateLicenceDto): Promise<LicenceDetailDto> {
    const id = await this.dataSource.transaction(async (m) => {
      const o = await this.access.orgs(caller, m);
      const a = await this.achievements.facts(dto.achievementId, m);
      if (!o.tto.includes(a.institutionId)) throw Problems.forbidden("Only the TTO manager of the achievement's institution records its licences");
      // The broker's user is the recipient of the commission lines (its income statement). Without one given,
      // the commission agreed in a deal room between the parties (brokerage) applies.
      const broker = dto.broker
        ? await this.brokers.get(dto.broker.brokerId, m).then((b) => ({ id: b.userId, name: b.displayName, rateBp: dto.broker?.rateBp ?? 0 }), () => null)
        : await this.broker.of(m, { achievementId: dto.achievementId, buyerOrgId: dto.licenseeOrgId }, null);
      if (dto.broker && !broker) throw Problems.rule('broker-unknown', 'No broker profile with this id', [{ field: 'broker.brokerId', message: 'not found' }]);
      return this.writer.create(m, {
        ...dto,
        sublicensing: dto.sublicensing ?? false,
        terms: dto.terms,
        dealId: null,
        broker,
        status: 'draft',
        actorId: caller.id,
      });
    });
    return this.get(caller, id);
  }

  private async transition(caller: AuthUser, id: string, act: (m: EntityManager, r: LicenceRow, o: CallerOrgs) => Promise<void>): Promise<LicenceDetailDto> {
    await this.dataSource.transaction(async (m) => {
      const o = await this.access.orgs(caller, m);
      const r = await this.load(m, id, true);
      this.access.assertLicensorTto(o, r);
      await act(m, r, o);
    });
    await this.invoices.scheduleDue(id);
    return this.get(caller, id);
  }

  activate(caller: AuthUser, id: string): Promise<LicenceDetailDto> {
    return this.transition(caller, id, async (m, r) => {
      if (r.status !== 'draft') throw Problems.conflict('licence-not-draft', `Only a draft licence can be activated (this one is ${r.status})`);
      await m.query(`UPDATE licences SET status = 'active', activated_at = now() WHERE id = $1`, [id]);
      await this.audit.append(m, { actorId: caller.id, action: 'licence.activated', entityType: 'licence', entityId: id, data: {} });
    });
  }

  /** Ends a draft or active licence; its exclusivity cells are released for later licences. */
  terminate(caller: AuthUser, id: string, dto: TerminateLicenceDto): Promise<LicenceDetailDto> {
    return this.transition(caller, id, async (m, r) => {
      if (r.status !== 'draft' && r.status !== 'active') throw Problems.conflict('licence-not-live', `The licence is already ${r.status}`);
      await m.query(`UPDATE licences SET status = 'terminated', terminated_at = now() WHERE id = $1`, [id]);
      await m.query(`DELETE FROM licence_exclusivity_cells WHERE licence_id = $1`, [id]);
      await this.audit.append(m, { actorId: caller.id, action: 'licence.terminated', entityType: 'licence', entityId: id, data: { reason: dto.reason } });
    });
  }

  confirmMilestone(caller: AuthUser, id: string, milestoneId: string): Promise<LicenceDetailDto> {
    return this.transition(caller, id, async (m, r) => {
      if (r.status !== 'active') throw Problems.conflict('licence-not-active', 'Milestones are confirmed on an active licence');
      const [ms] = await m.query(`SELECT confirmed_at FROM licence_milestones WHERE id = $1 AND licence_id = $2`, [milestoneId, id]);
      if (!ms) throw Problems.notFound('Milestone');
      if (ms.confirmed_at) throw Problems.conflict('milestone-confirmed', 'The milestone is already confirmed');
      await m.query(`UPDATE licence_milestones SET confirmed_at = now(), confirmed_by = $2 WHERE id = $1`, [milestoneId, caller.id]);
      await this.audit.append(m, { actorId: caller.id, action: 'licence.milestone-confirmed', entityType: 'licence', entityId: id, data: { milestoneId } });
    });
  }

  /** Direct deal costs (evaluation, legal, fees, taxes) come off the next payments before the split (DOMAIN.md §4). */
  addCost(caller: AuthUser, id: string, dto: LicenceCostDto): Promise<LicenceDetailDto> {
    return this.transition(caller, id, async (m) => {
      await m.query(`INSERT INTO licence_costs (licence_id, amount_fen, description, created_by) VALUES ($1,$2,$3,$4)`, [id, dto.amount, dto.description, caller.id]);
      await this.audit.append(m, { actorId: caller.id, action: 'licence.cost', entityType: 'licence', entityId: id, data: { amount: dto.amount, description: dto.description } });
    });
  }
}
