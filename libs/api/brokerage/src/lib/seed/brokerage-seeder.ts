import { Inject, Injectable, Logger } from '@nestjs/common';
import { MatchCandidatesService, matchTerms, searchVectorParts, searchVectorSql } from '@ttx/api/catalog';
import { APP_CONFIG, OutboxService, type AppConfig } from '@ttx/api/core';
import { MemberDirectory } from '@ttx/api/identity';
import type { CreditEventKind, DealRoomRole, DealRoomStage, DealType, DemandStatus, MaturityStage } from '@ttx/shared/contracts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { DemandsService } from '../demands/demands.service';
import { brokersServingField, creditEventMessage, creditReversedMessage, demandInFieldMessage } from '../notify';
import { RoomsService } from '../rooms/rooms.service';

type L = { zh?: string; en?: string };

/** seeds/demo/brokerage.json (see seeds/README.md). Dates are relative to the day of seeding. */
export interface BrokerageSeed {
  brokers: { email: string; certificationNumber: string; fieldCodes: string[]; bio: L; events: { kind: CreditEventKind; daysAgo: number; reason: string; reversed?: string }[] }[];
  demands: {
    key: string;
    org: string;
    by: string;
    status: DemandStatus;
    title: L;
    summary: L;
    detail?: L;
    fieldCode: string | null;
    desiredStage: MaturityStage | null;
    dealTypes: DealType[];
    budget: { minFen: number; maxFen: number } | null;
    deadlineInDays: number;
    confidential: boolean;
  }[];
  rooms: {
    demand: string;
    achievement: string;
    broker: string;
    stage: DealRoomStage;
    members: { email: string; role: DealRoomRole }[];
    daysAgo: number;
    messages: { email: string; body: string }[];
    documents: { email: string; name: string; contentType: string; text: string }[];
    /** Made through the room service: an achievement listed for offers of that deal type gets the market offer too (when the market is bound). */
    offers: { email: string; dealType: DealType; amountFen: number; terms?: string }[];
    commission?: { amountFen: number; agreedBy?: string };
    checklistDone: number;
  }[];
}

const CHECKLIST: [string, string][] = [
  ['各方签署保密协议', 'All parties sign the NDA'],
  ['技术尽职调查', 'Technical due diligence'],
  ['确定价格与支付方式', 'Agree price and payment terms'],
  ['起草技术合同', 'Draft the technology contract'],
  ['技术合同认定登记', 'Register the technology contract'],
];
const DAY = 86_400_000;

/** Every e-mail the seed names (users are looked up in one batch). */
function seedEmails(seed: BrokerageSeed): Set<string> {
  return new Set([
    ...seed.brokers.map((b) => b.email),
    ...seed.demands.map((d) => d.by),
    ...seed.rooms.flatMap((r) => [r.broker, ...(r.commission?.agreedBy ? [r.commission.agreedBy] : []), ...[...r.members, ...r.messages, ...r.documents, ...r.offers].map((x) => x.email)]),
  ]);
}

/**
 * Loads the brokerage demo data after identity and catalog: only into an empty brokerage context, never in
 * production. Rows are written directly (like the catalog seeder) so that past states — an expired demand,
 * a repaired dispute, a closed room — can be dated in the past; domain events are written as the services
 * would, so consumers (market, licensing) see the seeded offers and commission too, and the notifications the
 * live events send (credit events, open demands to the brokers of their field, offers to the room's broker,
 * messages to the room's other members).
 */
@Injectable()
export class BrokerageSeeder {
  private readonly log = new Logger('BrokerageSeeder');

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: MatchCandidatesService,
    private readonly demandsService: DemandsService,
    private readonly rooms: RoomsService,
    private readonly members: MemberDirectory,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seed(dir: string): Promise<'seeded' | 'skipped'> {
    if (this.config.NODE_ENV === 'production') {
      this.log.warn('NODE_ENV=production: demo data is never loaded');
      return 'skipped';
    }
    const file = join(dir, 'brokerage.json');
    if (!existsSync(file)) return 'skipped';
    const seed = JSON.parse(readFileSync(file, 'utf8')) as BrokerageSeed;
    const identity = JSON.parse(readFileSync(join(dir, 'identity.json'), 'utf8')) as { organizations: { key: string; creditCode: string }[] };
    const achievements = await this.catalog.publishedIdsByTitle(seed.rooms.map((r) => r.achievement));
    const outcome = await this.dataSource.transaction(async (m) => {
      await m.query('LOCK TABLE demands, broker_profiles IN EXCLUSIVE MODE');
      const [{ n }] = await m.query('SELECT (SELECT count(*) FROM demands) + (SELECT count(*) FROM broker_profiles) AS n');
      if (Number(n) > 0) return 'skipped' as const;
      const users = await this.members.userIdsByEmail([...seedEmails(seed)], m);
      const byCode = await this.members.organizationIdsByCreditCode(identity.organizations.map((o) => o.creditCode), m);
      const orgs = new Map(identity.organizations.flatMap((o) => (byCode.has(o.creditCode) ? [[o.key, byCode.get(o.creditCode) as string] as const] : [])));
      // The user's first membership (with `role` when given), as identity orders them.
      const orgOf = async (uid: string, role?: 'broker') => (await this.members.organizationsOfUser(uid, role && [role], m))[0]?.organizationId ?? null;
      const user = (email: string) => {
        const id = users.get(email);
        if (!id) throw new Error(`brokerage seed: unknown user ${email}`);
        return id;
      };
      const ago = (days: number) => new Date(Date.now() - days * DAY);

      const brokers = new Map<string, string>();
      for (const b of seed.brokers) {
        const uid = user(b.email);
        const agency = await orgOf(uid, 'broker');
        const [{ id }] = await m.query(
          `INSERT INTO broker_profiles (user_id, organization_id, certification_number, field_codes, bio_zh, bio_en, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
          [uid, agency, b.certificationNumber, b.fieldCodes, b.bio.zh ?? null, b.bio.en ?? null, ago(1000)],
        );
        brokers.set(b.email, id);
        for (const e of b.events) {
          await m.query(
            `INSERT INTO credit_events (broker_id, kind, occurred_at, reason, reversed_at, reverse_reason) VALUES ($1,$2,$3,$4,$5,$6)`,
            [id, e.kind, ago(e.daysAgo), e.reason, e.reversed ? ago(Math.max(0, e.daysAgo - 10)) : null, e.reversed ?? null],
          );
          if (e.kind !== 'completed_deal') await this.outbox.notify(m, [uid], creditEventMessage(e.kind, e.reason));
          if (e.reversed) await this.outbox.notify(m, [uid], creditReversedMessage(e.kind, e.reversed));
        }
      }

      const demands = new Map<string, { id: string; orgId: string }>();
      for (const d of seed.demands) {
        const orgId = orgs.get(d.org);
        if (!orgId) throw new Error(`brokerage seed: unknown organisation ${d.org}`);
        const title = [d.title.zh, d.title.en];
        const body = [d.summary.zh, d.summary.en, d.detail?.zh, d.detail?.en];
        const v = searchVectorParts(title, body);
        const closed = d.status === 'satisfied' || d.status === 'expired' ? ago(Math.max(0, -d.deadlineInDays)) : null;
        const [{ id }] = await m.query(
          `INSERT INTO demands (organization_id, created_by, title_zh, title_en, summary_zh, summary_en, detail_zh, detail_en, field_code, desired_stage, deal_types,
             budget_min_fen, budget_max_fen, deadline, confidential, status, created_at, closed_at, search, match_terms)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,(current_date + $14::int),$15,$16,$17,$18, ${searchVectorSql('$19', '$20', '$21')}, $22) RETURNING id`,
          [orgId, user(d.by), d.title.zh ?? null, d.title.en ?? null, d.summary.zh ?? null, d.summary.en ?? null, d.detail?.zh ?? null, d.detail?.en ?? null,
           d.fieldCode, d.desiredStage, d.dealTypes, d.budget?.minFen ?? null, d.budget?.maxFen ?? null, d.deadlineInDays, d.confidential, d.status,
           ago(Math.max(30, 30 - d.deadlineInDays)), closed, v.han, v.latinTitle, v.latinBody, JSON.stringify(await matchTerms(m, title, body))],
        );
        demands.set(d.key, { id, orgId });
        await this.event(m, 'demand.posted', id, { organizationId: orgId, fieldCode: d.fieldCode });
        if ((d.status === 'open' || d.status === 'in_talks') && d.fieldCode) {
          const title = { zh: d.title.zh ?? null, en: d.title.en ?? null };
          await this.outbox.notify(m, await brokersServingField(m, d.fieldCode), demandInFieldMessage({ id, title, fieldCode: d.fieldCode }));
        }
      }

      for (const r of seed.rooms) {
        const demand = demands.get(r.demand);
        const achievementId = achievements.get(r.achievement);
        if (!demand || !achievementId) throw new Error(`brokerage seed: room ${r.demand} ↔ ${r.achievement} names an unknown demand or achievement`);
        const opened = ago(r.daysAgo);
        const closed = r.stage === 'closed_won' || r.stage === 'closed_lost' ? ago(Math.max(0, r.daysAgo - 5)) : null;
        const brokerUser = user(r.broker);
        const agreed = r.commission?.agreedBy ? { by: user(r.commission.agreedBy), at: ago(Math.max(0, r.daysAgo - 4)) } : null;
        const [{ id: roomId }] = await m.query(
          `INSERT INTO deal_rooms (demand_id, achievement_id, broker_id, opened_by, stage, commission_amount_fen, commission_proposed_by, commission_agreed_by, commission_agreed_at, created_at, closed_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
          [demand.id, achievementId, brokers.get(r.broker) ?? null, brokerUser, r.stage, r.commission?.amountFen ?? null, r.commission ? brokerUser : null, agreed?.by ?? null, agreed?.at ?? null, opened, closed],
        );
        const members = [{ uid: brokerUser, role: 'broker' as DealRoomRole, org: await orgOf(brokerUser, 'broker') }, ...r.members.map((x) => ({ uid: user(x.email), role: x.role, org: x.role === 'enterprise' ? demand.orgId : null }))];
        for (const x of members) {
          const org = x.org ?? (await orgOf(x.uid));
          await m.query(`INSERT INTO deal_room_members (room_id, user_id, organization_id, role, nda_accepted_at, created_at) VALUES ($1,$2,$3,$4,$5,$6)`, [roomId, x.uid, org, x.role, opened, opened]);
        }
        await m.query(
          `INSERT INTO deal_room_checklist_items (room_id, position, label_zh, label_en, done_at) SELECT $1, p, z, e, CASE WHEN p <= $4 THEN $5::timestamptz END FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS x(z, e, p)`,
          [roomId, CHECKLIST.map((c) => c[0]), CHECKLIST.map((c) => c[1]), r.checklistDone, opened],
        );
        const authors = await this.members.displayNames([...new Set(r.messages.map((msg) => user(msg.email)))], m);
        for (const [i, msg] of r.messages.entries()) {
          await m.query(`INSERT INTO deal_room_messages (room_id, author_id, body, created_at) VALUES ($1,$2,$3,$4)`, [roomId, user(msg.email), msg.body, new Date(opened.getTime() + (i + 1) * 3_600_000)]);
          await this.rooms.announceMessage(m, { id: roomId, demand_id: demand.id }, user(msg.email), authors.get(user(msg.email)) ?? '', msg.body);
        }
        for (const doc of r.documents) {
          const content = Buffer.from(doc.text, 'utf8');
          await m.query(`INSERT INTO deal_room_documents (room_id, uploaded_by, name, content_type, size, content) VALUES ($1,$2,$3,$4,$5,$6)`, [roomId, user(doc.email), doc.name, doc.contentType, content.length, content]);
        }
        await this.event(m, 'deal-room.opened', roomId, { demandId: demand.id, achievementId, brokerId: brokers.get(r.broker) ?? null });
        for (const o of r.offers) {
          await this.rooms.recordOffer(m, { id: user(o.email), email: o.email, roles: [] }, { id: roomId, demand_id: demand.id, achievement_id: achievementId }, o);
        }
        if (agreed) await this.event(m, 'deal-room.commission-agreed', roomId, { roomId, brokerId: brokers.get(r.broker) ?? null, achievementId, demandId: demand.id, rateBp: null, amountFen: r.commission?.amountFen ?? null, agreedBy: agreed.by });
        if (r.stage === 'closed_won' && brokers.has(r.broker)) {
          await m.query(`INSERT INTO credit_events (broker_id, kind, occurred_at, reason, deal_room_id) VALUES ($1,'completed_deal',$2,$3,$4)`, [brokers.get(r.broker), closed, `Deal room ${roomId} closed with a deal`, roomId]);
          await this.event(m, 'deal-room.closed', roomId, { roomId, outcome: 'won', brokerId: brokers.get(r.broker), demandId: demand.id, achievementId });
        }
      }
      return 'seeded' as const;
    });
    if (outcome === 'seeded') {
      // Every current match of a seeded live demand counts as already announced: the sweep tells only of new ones.
      const live: { id: string }[] = await this.dataSource.query(`SELECT id FROM demands WHERE status IN ('open','in_talks')`);
      for (const d of live) await this.demandsService.baseline(d.id);
    }
    return outcome;
  }

  private event(m: EntityManager, type: string, subjectId: string, payload: Record<string, unknown>) {
    return m.query('INSERT INTO brokerage_events (type, subject_id, payload) VALUES ($1, $2, $3)', [type, subjectId, payload]);
  }
}
