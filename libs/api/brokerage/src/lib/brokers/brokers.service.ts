import { Injectable } from '@nestjs/common';
import { AuditService, OutboxService, Problems, type AuthUser } from '@ttx/api/core';
import { FieldsService } from '@ttx/api/catalog';
import { MeService, MemberDirectory } from '@ttx/api/identity';
import type { CreditEventKind } from '@ttx/shared/contracts';
import { CREDIT_FORMULA_TEXT, creditRating, type CreditRating } from '@ttx/shared/policy';
import { DataSource, type EntityManager } from 'typeorm';
import { creditEventMessage, creditReversedMessage } from '../notify';
import { returning } from '../sql';
import type { BrokerDto, BrokerPageDto, BrokersQueryDto, CreditEventDto, CreditRatingDto, RecordCreditEventDto, TrackRecordDto, UpsertBrokerProfileDto } from './broker.dto';

interface ProfileRow {
  id: string;
  user_id: string;
  organization_id: string;
  certification_number: string;
  field_codes: string[];
  bio_zh: string | null;
  bio_en: string | null;
}

interface EventRow {
  id: string;
  broker_id: string;
  kind: CreditEventKind;
  occurred_at: Date;
  reason: string;
  deal_room_id: string | null;
  reversed_at: Date | null;
  reverse_reason: string | null;
}

// Brokers' and agencies' names come from identity (MemberDirectory), batched per request in views().
const PROFILE = `SELECT b.id, b.user_id, b.organization_id, b.certification_number, b.field_codes, b.bio_zh, b.bio_en FROM broker_profiles b`;

/** Technology managers: profiles, track record from closed rooms, and the credit rating from recorded events. */
@Injectable()
export class BrokersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly me: MeService,
    private readonly members: MemberDirectory,
    private readonly fields: FieldsService,
  ) {}

  private rate(events: EventRow[], now = new Date()): { rating: CreditRating; dto: CreditRatingDto } {
    const rating = creditRating(events.map((e) => ({ id: e.id, kind: e.kind, occurredAt: e.occurred_at, reversed: e.reversed_at !== null })), now);
    const byId = new Map(events.map((e) => [e.id, e]));
    return {
      rating,
      dto: {
        score: rating.score,
        grade: rating.grade,
        completedDeals: rating.completedDeals,
        liveNegativeEvents: rating.live.length,
        repairedEvents: rating.repaired.length,
        breaches: rating.breaches.map((id) => {
          const e = byId.get(id) as EventRow;
          return { id, occurredAt: e.occurred_at.toISOString(), reason: e.reason };
        }),
        formula: CREDIT_FORMULA_TEXT,
      },
    };
  }

  private async views(m: EntityManager, rows: ProfileRow[]): Promise<BrokerDto[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [names, orgs] = await Promise.all([
      this.members.displayNames([...new Set(rows.map((r) => r.user_id))], m),
      this.members.organizations([...new Set(rows.map((r) => r.organization_id))], m),
    ]);
    const events: EventRow[] = await m.query(`SELECT * FROM credit_events WHERE broker_id = ANY($1::uuid[])`, [ids]);
    const records: { broker_id: string; won: number; lost: number; active: number; commission: string }[] = await m.query(
      `SELECT broker_id, count(*) FILTER (WHERE stage = 'closed_won')::int AS won, count(*) FILTER (WHERE stage = 'closed_lost')::int AS lost,
              count(*) FILTER (WHERE stage IN ('nda','negotiating'))::int AS active,
              coalesce(sum(commission_amount_fen) FILTER (WHERE stage = 'closed_won' AND commission_agreed_at IS NOT NULL), 0)::text AS commission
         FROM deal_rooms WHERE broker_id = ANY($1::uuid[]) GROUP BY broker_id`,
      [ids],
    );
    return rows.map((r) => {
      const rec = records.find((x) => x.broker_id === r.id);
      const trackRecord: TrackRecordDto = { closedDeals: rec?.won ?? 0, closedLost: rec?.lost ?? 0, activeRooms: rec?.active ?? 0, commissionFen: Number(rec?.commission ?? 0) };
      return {
        id: r.id,
        userId: r.user_id,
        displayName: names.get(r.user_id) ?? '',
        organizationId: r.organization_id,
        organizationName: orgs.get(r.organization_id)?.name ?? '',
        certificationNumber: r.certification_number,
        fieldCodes: r.field_codes,
        bio: { zh: r.bio_zh, en: r.bio_en },
        rating: this.rate(events.filter((e) => e.broker_id === r.id)).dto,
        trackRecord,
      };
    });
  }

  /** The public directory, best rated first (the rating is computed, so the page is sorted in memory over a bounded set). */
  async list(q: BrokersQueryDto): Promise<BrokerPageDto> {
    const params: unknown[] = [];
    const where: string[] = ['true'];
    if (q.field) {
      params.push(q.field);
      where.push(`EXISTS (SELECT 1 FROM unnest(b.field_codes) f WHERE f = $${params.length} OR f LIKE $${params.length} || '.%' OR $${params.length} LIKE f || '.%')`);
    }
    if (q.q) {
      // Names live in identity: it picks, among the profiles that pass the other filters, the brokers and
      // agencies whose names contain q; the limit and the in-memory sort below then see only matching rows.
      const among: { user_id: string; organization_id: string }[] = await this.dataSource.query(
        `SELECT b.user_id, b.organization_id FROM broker_profiles b WHERE ${where.join(' AND ')}`,
        params,
      );
      const hit = await this.members.namesContaining(q.q, {
        userIds: [...new Set(among.map((r) => r.user_id))],
        organizationIds: [...new Set(among.map((r) => r.organization_id))],
      });
      params.push(hit.userIds, hit.organizationIds);
      where.push(`(b.user_id = ANY($${params.length - 1}::uuid[]) OR b.organization_id = ANY($${params.length}::uuid[]))`);
    }
    const rows: ProfileRow[] = await this.dataSource.query(`${PROFILE} WHERE ${where.join(' AND ')} ORDER BY b.created_at LIMIT 2000`, params);
    const all = (await this.views(this.dataSource.manager, rows)).sort((a, b) => b.rating.score - a.rating.score || a.displayName.localeCompare(b.displayName));
    const start = (q.page - 1) * q.pageSize;
    return { items: all.slice(start, start + q.pageSize), total: all.length, page: q.page, pageSize: q.pageSize };
  }

  async get(id: string, m: EntityManager = this.dataSource.manager): Promise<BrokerDto> {
    const rows: ProfileRow[] = await m.query(`${PROFILE} WHERE b.id = $1`, [id]);
    if (!rows.length) throw Problems.notFound('Broker');
    return (await this.views(m, rows))[0];
  }

  async profileIdOf(userId: string, m: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [r] = await m.query('SELECT id FROM broker_profiles WHERE user_id = $1', [userId]);
    return r?.id ?? null;
  }

  async mine(user: AuthUser): Promise<BrokerDto> {
    const id = await this.profileIdOf(user.id);
    if (!id) throw Problems.notFound('Broker profile');
    return this.get(id);
  }

  /** Creates or updates the caller's own profile (a broker of a verified agency). */
  async upsert(user: AuthUser, dto: UpsertBrokerProfileDto): Promise<BrokerDto> {
    return this.dataSource.transaction(async (m) => {
      const me = await this.me.find(user.id, m);
      const agencies = [...new Set(me?.memberships.filter((x) => x.verified && x.role === 'broker').map((x) => x.organizationId) ?? [])];
      const orgId = dto.organizationId ?? (agencies.length === 1 ? agencies[0] : undefined);
      if (!agencies.length || (dto.organizationId && !agencies.includes(dto.organizationId))) throw Problems.forbidden('A broker profile needs the broker role in a verified agency');
      if (!orgId) throw Problems.rule('organization-ambiguous', 'You are a broker of several agencies: name one in organizationId', [{ field: 'organizationId', message: 'required' }]);
      const unknown = await this.fields.unknownCodes(dto.fieldCodes, m);
      if (unknown.length) throw Problems.rule('unknown-technology-field', `Unknown technology field(s): ${unknown.join(', ')}`, [{ field: 'fieldCodes', message: 'unknown code' }]);
      const [taken] = await m.query('SELECT 1 FROM broker_profiles WHERE certification_number = $1 AND user_id <> $2', [dto.certificationNumber, user.id]);
      if (taken) throw Problems.conflict('certification-number-taken', 'Another broker holds this certification number');
      const [{ id }] = await m.query(
        `INSERT INTO broker_profiles (user_id, organization_id, certification_number, field_codes, bio_zh, bio_en) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (user_id) DO UPDATE SET organization_id = $2, certification_number = $3, field_codes = $4, bio_zh = $5, bio_en = $6 RETURNING id`,
        [user.id, orgId, dto.certificationNumber, dto.fieldCodes, dto.bio?.zh ?? null, dto.bio?.en ?? null],
      );
      await this.audit.append(m, { actorId: user.id, action: 'broker.profile-saved', entityType: 'broker', entityId: id, data: { certificationNumber: dto.certificationNumber, fieldCodes: dto.fieldCodes } });
      return this.get(id, m);
    });
  }

  // ---------- credit events ----------

  private eventDto(e: EventRow, rating: CreditRating): CreditEventDto {
    const live = rating.live.find((x) => x.id === e.id);
    const effect = e.reversed_at ? 'reversed' : e.kind === 'completed_deal' ? 'positive' : rating.repaired.includes(e.id) ? 'repaired' : 'live';
    return {
      id: e.id,
      kind: e.kind,
      occurredAt: e.occurred_at.toISOString(),
      reason: e.reason,
      dealRoomId: e.deal_room_id,
      reversedAt: e.reversed_at?.toISOString() ?? null,
      reverseReason: e.reverse_reason,
      effect,
      penalty: live?.penalty ?? 0,
    };
  }

  /** Every event of a broker with how it counts now: platform admins and the broker themself. */
  async events(user: AuthUser, brokerId: string): Promise<{ items: CreditEventDto[] }> {
    const [b] = await this.dataSource.query('SELECT user_id FROM broker_profiles WHERE id = $1', [brokerId]);
    if (!b) throw Problems.notFound('Broker');
    if (b.user_id !== user.id && !user.roles.includes('platform_admin')) throw Problems.forbidden('Credit events are shown to the broker and platform admins');
    const rows: EventRow[] = await this.dataSource.query('SELECT * FROM credit_events WHERE broker_id = $1 ORDER BY occurred_at DESC, created_at DESC', [brokerId]);
    const { rating } = this.rate(rows);
    return { items: rows.map((e) => this.eventDto(e, rating)) };
  }

  /** Records an event (admin, or the platform itself when `actorId` is null); audited in the same transaction. */
  async record(m: EntityManager, actorId: string | null, brokerId: string, e: { kind: CreditEventKind; occurredAt: Date; reason: string; dealRoomId?: string }): Promise<string> {
    const [b] = await m.query('SELECT id, user_id FROM broker_profiles WHERE id = $1 FOR UPDATE', [brokerId]);
    if (!b) throw Problems.notFound('Broker');
    const [{ id }] = await m.query(
      `INSERT INTO credit_events (broker_id, kind, occurred_at, reason, deal_room_id, recorded_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [brokerId, e.kind, e.occurredAt, e.reason, e.dealRoomId ?? null, actorId],
    );
    await this.audit.append(m, { actorId, action: 'credit-event.recorded', entityType: 'broker', entityId: brokerId, data: { eventId: id, kind: e.kind, occurredAt: e.occurredAt.toISOString(), reason: e.reason } });
    if (e.kind !== 'completed_deal') {
      await this.outbox.enqueue(m, 'notification', { userId: b.user_id, ...creditEventMessage(e.kind, e.reason) });
    }
    return id;
  }

  async recordByAdmin(user: AuthUser, brokerId: string, dto: RecordCreditEventDto): Promise<CreditEventDto> {
    const occurredAt = new Date(dto.occurredAt);
    if (occurredAt.getTime() > Date.now() + 60_000) throw Problems.rule('event-in-future', 'A credit event cannot be dated in the future', [{ field: 'occurredAt', message: 'in the future' }]);
    return this.dataSource.transaction(async (m) => {
      const id = await this.record(m, user.id, brokerId, { kind: dto.kind, occurredAt, reason: dto.reason });
      const rows: EventRow[] = await m.query('SELECT * FROM credit_events WHERE broker_id = $1', [brokerId]);
      return this.eventDto(rows.find((r) => r.id === id) as EventRow, this.rate(rows).rating);
    });
  }

  /** Reverses an event with a reason (conditional: a second reversal is a 409); audited. */
  async reverse(user: AuthUser, eventId: string, reason: string): Promise<CreditEventDto> {
    return this.dataSource.transaction(async (m) => {
      const [e]: EventRow[] = await m.query('SELECT * FROM credit_events WHERE id = $1 FOR UPDATE', [eventId]);
      if (!e) throw Problems.notFound('Credit event');
      const done = await returning(m, `UPDATE credit_events SET reversed_at = now(), reversed_by = $2, reverse_reason = $3 WHERE id = $1 AND reversed_at IS NULL RETURNING id`, [eventId, user.id, reason]);
      if (!done.length) throw Problems.conflict('credit-event-reversed', 'This credit event was already reversed');
      await this.audit.append(m, { actorId: user.id, action: 'credit-event.reversed', entityType: 'broker', entityId: e.broker_id, data: { eventId, kind: e.kind, reason } });
      const [b] = await m.query('SELECT user_id FROM broker_profiles WHERE id = $1', [e.broker_id]);
      await this.outbox.enqueue(m, 'notification', { userId: b.user_id, ...creditReversedMessage(e.kind, reason) });
      const rows: EventRow[] = await m.query('SELECT * FROM credit_events WHERE broker_id = $1', [e.broker_id]);
      return this.eventDto(rows.find((r) => r.id === eventId) as EventRow, this.rate(rows).rating);
    });
  }

  /** The public breach list: brokers with unrepaired breaches of trust. */
  async breachList(): Promise<BrokerDto[]> {
    const rows: ProfileRow[] = await this.dataSource.query(
      `${PROFILE} WHERE EXISTS (SELECT 1 FROM credit_events e WHERE e.broker_id = b.id AND e.kind = 'breach_of_trust' AND e.reversed_at IS NULL) ORDER BY b.created_at`,
    );
    return (await this.views(this.dataSource.manager, rows)).filter((b) => b.rating.breaches.length > 0);
  }
}
