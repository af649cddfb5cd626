import { Injectable } from '@nestjs/common';
import { MatchCandidatesService } from '@ttx/api/catalog';
import { AuditService, OutboxService, Problems, QueueService, type AuthUser } from '@ttx/api/core';
import { MeService, MemberDirectory } from '@ttx/api/identity';
import type { DealRoomRole, DealRoomStage, DealType } from '@ttx/shared/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { roomMessageMessage, roomOfferMessage } from '../notify';
import { returning } from '../sql';
import { BrokersService } from '../brokers/brokers.service';
import { DemandsService } from '../demands/demands.service';
import { BrokerageEventsService } from '../events/brokerage-events.service';
import { RoomEvents, type RoomEvent } from './room-events';
import type { RoomMarket } from './room-market';
import type {
  CommissionDto,
  InviteDto,
  OpenRoomDto,
  RoomDocumentContentDto,
  RoomDocumentDto,
  RoomDto,
  RoomMessageDto,
  RoomOfferDto,
  RoomOfferViewDto,
  RoomSummaryDto,
  UploadDocumentDto,
} from './room.dto';

export interface RoomRow {
  id: string;
  demand_id: string;
  achievement_id: string;
  broker_id: string | null;
  opened_by: string;
  stage: DealRoomStage;
  commission_rate_bp: number | null;
  commission_amount_fen: string | null;
  commission_proposed_by: string | null;
  commission_agreed_at: Date | null;
  created_at: Date;
  closed_at: Date | null;
  deal_id: string | null;
  deal_price_fen: string | null;
}
interface MemberRow {
  user_id: string;
  role: DealRoomRole;
  nda_accepted_at: Date | null;
}

/** What every room starts with (zh, en): the usual steps of a technology deal. */
const CHECKLIST: [string, string][] = [
  ['各方签署保密协议', 'All parties sign the NDA'],
  ['技术尽职调查', 'Technical due diligence'],
  ['确定价格与支付方式', 'Agree price and payment terms'],
  ['起草技术合同', 'Draft the technology contract'],
  ['技术合同认定登记', 'Register the technology contract'],
];
const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
const LIVE = new Set<DealRoomStage>(['nda', 'negotiating']);

/**
 * Deal rooms: a broker (or the TTO of the achievement's institution) opens one for a demand–achievement
 * pair and invites the parties. Everything inside — messages, documents, checklist, offers, commission —
 * is for members only: a non-member gets 404 (the room's existence is not disclosed), a member who has
 * not accepted the room's NDA gets 403.
 */
@Injectable()
export class RoomsService {
  private market?: RoomMarket;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly queues: QueueService,
    private readonly me: MeService,
    private readonly catalog: MatchCandidatesService,
    private readonly demands: DemandsService,
    private readonly brokers: BrokersService,
    private readonly events: BrokerageEventsService,
    private readonly live: RoomEvents,
    private readonly members: MemberDirectory,
  ) {}

  /** Display names (identity's) of the users who wrote `rows`: one lookup per read. */
  private async authors<T>(m: EntityManager, rows: T[], by: (r: T) => string): Promise<(r: T) => string> {
    const names = await this.members.displayNames([...new Set(rows.map(by))], m);
    return (r) => names.get(by(r)) ?? '';
  }

  private async nameOf(m: EntityManager, userId: string): Promise<string> {
    return (await this.members.displayNames([userId], m)).get(userId) ?? '';
  }

  /** Binds room offers to the market (the api's BrokerageDealsModule does; without it offers stay in the room). */
  connectMarket(market: RoomMarket): void {
    this.market = market;
  }

  private publish(roomId: string, e: RoomEvent) {
    try {
      this.live.publish(roomId, e);
    } catch {
      /* live delivery is best effort; clients catch up with ?since= */
    }
  }

  private async room(m: EntityManager, id: string, lock = false): Promise<RoomRow> {
    const [r]: RoomRow[] = await m.query(`SELECT * FROM deal_rooms WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!r) throw Problems.notFound('Deal room');
    return r;
  }

  /** The caller's membership, or 404 for anyone else (admins included: rooms are private to their parties). */
  private async member(m: EntityManager, roomId: string, userId: string, opts: { lock?: boolean; open?: boolean } = {}) {
    const room = await this.room(m, roomId, opts.lock);
    const [me]: MemberRow[] = await m.query('SELECT user_id, role, nda_accepted_at FROM deal_room_members WHERE room_id = $1 AND user_id = $2', [roomId, userId]);
    if (!me) throw Problems.notFound('Deal room');
    if (opts.open && !LIVE.has(room.stage)) throw Problems.conflict('deal-room-closed', `The deal room is ${room.stage}`);
    return { room, me };
  }

  private requireNda(me: MemberRow) {
    if (!me.nda_accepted_at) throw Problems.forbidden('Accept the deal room NDA first (POST /api/deal-rooms/:id/nda)');
  }

  // ---------- open, invite, NDA ----------

  async open(user: AuthUser, dto: OpenRoomDto): Promise<RoomDto> {
    const id = await this.dataSource.transaction(async (m) => {
      const d = await this.demands.load(m, dto.demandId, true);
      if (d.status !== 'open' && d.status !== 'in_talks') throw Problems.conflict(`demand-${d.status}`, `A demand that is ${d.status} takes no new deal rooms`);
      const [a] = await this.catalog.summaries([dto.achievementId]);
      if (!a || a.status !== 'published') throw Problems.rule('achievement-not-published', 'Deal rooms pair a demand with a published achievement', [{ field: 'achievementId', message: 'not a published achievement' }]);
      const me = await this.me.find(user.id, m);
      const brokerId = me?.roles.includes('broker') ? await this.brokers.profileIdOf(user.id, m) : null;
      const tto = me?.memberships.some((x) => x.verified && x.organizationId === a.institutionId && x.role === 'tto_manager');
      if (!brokerId && !tto) throw Problems.forbidden("Deal rooms are opened by a broker with a profile or by the TTO manager of the achievement's institution");
      let roomId: string;
      try {
        [{ id: roomId }] = await m.query(
          `INSERT INTO deal_rooms (demand_id, achievement_id, broker_id, opened_by) VALUES ($1,$2,$3,$4) RETURNING id`,
          [d.id, a.id, brokerId, user.id],
        );
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw Problems.conflict('deal-room-exists', 'A live deal room already exists for this demand and achievement');
        throw e;
      }
      await m.query(`INSERT INTO deal_room_members (room_id, user_id, organization_id, role) VALUES ($1,$2,$3,$4)`, [
        roomId,
        user.id,
        brokerId ? (me?.memberships.find((x) => x.role === 'broker' && x.verified)?.organizationId ?? null) : a.institutionId,
        brokerId ? 'broker' : 'institution',
      ]);
      await m.query(
        `INSERT INTO deal_room_checklist_items (room_id, position, label_zh, label_en) SELECT $1, p, z, e FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS x(z, e, p)`,
        [roomId, CHECKLIST.map((c) => c[0]), CHECKLIST.map((c) => c[1])],
      );
      await this.demands.markInTalks(m, d.id);
      await this.audit.append(m, { actorId: user.id, action: 'deal-room.opened', entityType: 'deal-room', entityId: roomId, data: { demandId: d.id, achievementId: a.id, brokerId } });
      await this.events.append(m, 'deal-room.opened', roomId, { demandId: d.id, achievementId: a.id, brokerId });
      return roomId;
    });
    return this.get(user, id);
  }

  async invite(user: AuthUser, roomId: string, dto: InviteDto): Promise<RoomDto> {
    const added = await this.dataSource.transaction(async (m) => {
      const { room } = await this.member(m, roomId, user.id, { lock: true, open: true });
      const target = (await this.members.userIdsByEmail([dto.email], m)).get(dto.email); // the DTO lower-cases it
      if (!target) throw Problems.rule('invitee-unknown', `No user is registered as ${dto.email}`, [{ field: 'email', message: 'unknown user' }]);
      const them = await this.me.find(target, m);
      const d = await this.demands.load(m, room.demand_id);
      const [a] = await this.catalog.summaries([room.achievement_id]);
      const verified = them?.memberships.filter((x) => x.verified) ?? [];
      let role: DealRoomRole | null = null;
      let orgId: string | null = null;
      if (verified.some((x) => x.organizationId === d.organization_id)) [role, orgId] = ['enterprise', d.organization_id];
      else if (verified.some((x) => x.organizationId === a.institutionId)) [role, orgId] = ['institution', a.institutionId];
      else if (await this.brokers.profileIdOf(target, m)) [role, orgId] = ['broker', verified.find((x) => x.role === 'broker')?.organizationId ?? null];
      if (!role) throw Problems.rule('invitee-not-a-party', "Invite members of the demand's enterprise, of the achievement's institution, or brokers", [{ field: 'email', message: 'not a party to this deal' }]);
      const rows = await m.query(
        `INSERT INTO deal_room_members (room_id, user_id, organization_id, role, invited_by) VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING RETURNING user_id`,
        [roomId, target, orgId, role, user.id],
      );
      if (!rows.length) return null;
      await this.audit.append(m, { actorId: user.id, action: 'deal-room.member-invited', entityType: 'deal-room', entityId: roomId, data: { userId: target, role } });
      await this.outbox.enqueue(m, 'notification', {
        userId: target,
        kind: 'deal-room-invitation',
        title: { zh: `您被邀请进入洽谈室：${d.title_zh ?? d.title_en}`, en: `You are invited to a deal room: ${d.title_en ?? d.title_zh}` },
        body: { zh: '请先签署保密协议，然后查看消息和文件。', en: 'Accept the NDA, then read the messages and documents.' },
        link: `/brokerage/rooms/${roomId}`,
      });
      return target;
    });
    if (added) {
      void this.queues.nudgeOutbox();
      this.publish(roomId, { type: 'member', userId: added });
    }
    return this.get(user, roomId);
  }

  /** Accepts the room's NDA; when every member has, the room moves nda → negotiating (room row locked, so two last signatures cannot both miss it). */
  async acceptNda(user: AuthUser, roomId: string): Promise<RoomDto> {
    const moved = await this.dataSource.transaction(async (m) => {
      const { room } = await this.member(m, roomId, user.id, { lock: true });
      const signed = await returning(m, 'UPDATE deal_room_members SET nda_accepted_at = now() WHERE room_id = $1 AND user_id = $2 AND nda_accepted_at IS NULL RETURNING user_id', [roomId, user.id]);
      if (signed.length) await this.audit.append(m, { actorId: user.id, action: 'deal-room.nda-accepted', entityType: 'deal-room', entityId: roomId, data: {} });
      if (room.stage !== 'nda') return false;
      const done = await returning(m, 
        `UPDATE deal_rooms SET stage = 'negotiating' WHERE id = $1 AND stage = 'nda'
           AND (SELECT count(*) FROM deal_room_members WHERE room_id = $1) >= 2
           AND NOT EXISTS (SELECT 1 FROM deal_room_members WHERE room_id = $1 AND nda_accepted_at IS NULL) RETURNING id`,
        [roomId],
      );
      return done.length > 0;
    });
    if (moved) this.publish(roomId, { type: 'stage', stage: 'negotiating' });
    return this.get(user, roomId);
  }

  // ---------- views ----------

  private summary(r: RoomRow & { demand_title: string | null; achievement_title: string | null }): RoomSummaryDto {
    return {
      id: r.id,
      stage: r.stage,
      demandId: r.demand_id,
      achievementId: r.achievement_id,
      demandTitle: r.demand_title,
      achievementTitle: r.achievement_title,
      brokerId: r.broker_id,
      createdAt: r.created_at.toISOString(),
    };
  }

  /** The caller's rooms (broker workspace: by stage). */
  async list(user: AuthUser, stage?: DealRoomStage): Promise<{ items: RoomSummaryDto[] }> {
    const rows = await this.dataSource.query(
      `SELECT r.*, coalesce(d.title_zh, d.title_en) AS demand_title, NULL AS achievement_title FROM deal_rooms r
         JOIN deal_room_members rm ON rm.room_id = r.id AND rm.user_id = $1 JOIN demands d ON d.id = r.demand_id
        WHERE ($2::text IS NULL OR r.stage = $2) ORDER BY r.created_at DESC LIMIT 500`,
      [user.id, stage ?? null],
    );
    const titles = new Map((await this.catalog.summaries([...new Set<string>(rows.map((r: RoomRow) => r.achievement_id))])).map((a) => [a.id, a.title.zh ?? a.title.en]));
    return { items: rows.map((r: RoomRow & { demand_title: string | null }) => this.summary({ ...r, achievement_title: titles.get(r.achievement_id) ?? null })) };
  }

  async get(user: AuthUser, roomId: string): Promise<RoomDto> {
    const m = this.dataSource.manager;
    const { room, me } = await this.member(m, roomId, user.id);
    const demand = await this.demands.get(user, room.demand_id);
    const [achievement] = await this.catalog.summaries([room.achievement_id]);
    const members: { user_id: string; role: DealRoomRole; organization_id: string | null; nda_accepted_at: Date | null }[] = await m.query(
      'SELECT rm.user_id, rm.role, rm.organization_id, rm.nda_accepted_at FROM deal_room_members rm WHERE rm.room_id = $1 ORDER BY rm.created_at',
      [roomId],
    );
    const [memberName, orgs] = await Promise.all([
      this.authors(m, members, (x) => x.user_id),
      this.members.organizations([...new Set(members.flatMap((x) => (x.organization_id ? [x.organization_id] : [])))], m),
    ]);
    const checklist = await m.query('SELECT id, label_zh, label_en, done_at FROM deal_room_checklist_items WHERE room_id = $1 ORDER BY position', [roomId]);
    const signed = !!me.nda_accepted_at;
    return {
      ...this.summary({ ...room, demand_title: demand.title.zh ?? demand.title.en, achievement_title: achievement?.title.zh ?? achievement?.title.en ?? null }),
      demand,
      achievement,
      members: members.map((x) => ({
        userId: x.user_id,
        displayName: memberName(x),
        role: x.role,
        organizationName: x.organization_id ? (orgs.get(x.organization_id)?.name ?? null) : null,
        ndaAcceptedAt: x.nda_accepted_at?.toISOString() ?? null,
      })),
      checklist: checklist.map((c: { id: string; label_zh: string; label_en: string; done_at: Date | null }) => ({
        id: c.id,
        labelZh: c.label_zh,
        labelEn: c.label_en,
        done: c.done_at !== null,
        doneAt: c.done_at?.toISOString() ?? null,
      })),
      commission: {
        rateBp: room.commission_rate_bp,
        amountFen: room.commission_amount_fen === null ? null : Number(room.commission_amount_fen),
        agreedAt: room.commission_agreed_at?.toISOString() ?? null,
      },
      offers: signed ? await this.offers(m, roomId) : [],
      ndaAccepted: signed,
      closedAt: room.closed_at?.toISOString() ?? null,
      deal: room.deal_id ? { id: room.deal_id, priceFen: Number(room.deal_price_fen) } : null,
    };
  }

  // ---------- messages ----------

  async messages(user: AuthUser, roomId: string, since: number): Promise<{ items: RoomMessageDto[]; cursor: number }> {
    const { me } = await this.member(this.dataSource.manager, roomId, user.id);
    this.requireNda(me);
    const rows: { seq: string; author_id: string; body: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT m.seq, m.author_id, m.body, m.created_at FROM deal_room_messages m WHERE m.room_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT 200`,
      [roomId, since],
    );
    const author = await this.authors(this.dataSource.manager, rows, (r) => r.author_id);
    const items = rows.map((r) => ({ seq: Number(r.seq), authorId: r.author_id, authorName: author(r), body: r.body, createdAt: r.created_at.toISOString() }));
    return { items, cursor: items.length ? items[items.length - 1].seq : since };
  }

  async post(user: AuthUser, roomId: string, body: string): Promise<RoomMessageDto> {
    const msg = await this.dataSource.transaction(async (m) => {
      const { room, me } = await this.member(m, roomId, user.id, { open: true });
      this.requireNda(me);
      const [r] = await m.query(
        `INSERT INTO deal_room_messages (room_id, author_id, body) VALUES ($1,$2,$3) RETURNING seq, created_at`,
        [roomId, user.id, body],
      );
      const authorName = await this.nameOf(m, user.id);
      await this.announceMessage(m, room, user.id, authorName, body);
      return { seq: Number(r.seq), authorId: user.id, authorName, body, createdAt: (r.created_at as Date).toISOString() };
    });
    void this.queues.nudgeOutbox();
    this.publish(roomId, { type: 'message', ...msg });
    return msg;
  }

  /**
   * Tells every other member of the room of a message, in `m` (for `post` and the demo seeder): members are the
   * room's whole audience (everyone else gets 404), and one who has not accepted the NDA yet is told without the
   * excerpt, as they may not read messages. Live delivery reaches only those looking at the room; this reaches the rest.
   */
  async announceMessage(m: EntityManager, room: Pick<RoomRow, 'id' | 'demand_id'>, authorId: string, authorName: string, body: string): Promise<void> {
    const d = await this.demands.load(m, room.demand_id);
    const others: { user_id: string; signed: boolean }[] = await m.query(
      'SELECT user_id, nda_accepted_at IS NOT NULL AS signed FROM deal_room_members WHERE room_id = $1 AND user_id <> $2',
      [room.id, authorId],
    );
    const title = { zh: d.title_zh, en: d.title_en };
    const to = (signed: boolean) => others.filter((o) => o.signed === signed).map((o) => o.user_id);
    await this.outbox.notify(m, to(true), roomMessageMessage(room.id, title, authorName, body));
    await this.outbox.notify(m, to(false), roomMessageMessage(room.id, title, authorName, null));
  }

  // ---------- documents ----------

  async documents(user: AuthUser, roomId: string): Promise<{ items: RoomDocumentDto[] }> {
    const { me } = await this.member(this.dataSource.manager, roomId, user.id);
    this.requireNda(me);
    const rows: { id: string; name: string; content_type: string; size: number; uploaded_by: string; created_at: Date }[] = await this.dataSource.query(
      'SELECT d.id, d.name, d.content_type, d.size, d.uploaded_by, d.created_at FROM deal_room_documents d WHERE d.room_id = $1 ORDER BY d.created_at',
      [roomId],
    );
    const uploader = await this.authors(this.dataSource.manager, rows, (r) => r.uploaded_by);
    return { items: rows.map((r) => ({ id: r.id, name: r.name, contentType: r.content_type, size: r.size, uploadedByName: uploader(r), createdAt: r.created_at.toISOString() })) };
  }

  async upload(user: AuthUser, roomId: string, dto: UploadDocumentDto): Promise<RoomDocumentDto> {
    const content = Buffer.from(dto.contentBase64, 'base64');
    if (!content.length) throw Problems.rule('document-empty', 'The document is empty', [{ field: 'contentBase64', message: 'empty' }]);
    if (content.length > MAX_DOCUMENT_BYTES) throw Problems.rule('document-too-large', 'Documents are at most 2 MB', [{ field: 'contentBase64', message: 'larger than 2 MB' }]);
    const doc = await this.dataSource.transaction(async (m) => {
      const { me } = await this.member(m, roomId, user.id, { open: true });
      this.requireNda(me);
      const [r] = await m.query(
        `INSERT INTO deal_room_documents (room_id, uploaded_by, name, content_type, size, content) VALUES ($1,$2,$3,$4,$5,$6)
         RETURNING id, created_at`,
        [roomId, user.id, dto.name, dto.contentType, content.length, content],
      );
      await this.audit.append(m, { actorId: user.id, action: 'deal-room.document-uploaded', entityType: 'deal-room', entityId: roomId, data: { documentId: r.id, name: dto.name, size: content.length } });
      return { id: r.id as string, name: dto.name, contentType: dto.contentType, size: content.length, uploadedByName: await this.nameOf(m, user.id), createdAt: (r.created_at as Date).toISOString() };
    });
    this.publish(roomId, { type: 'document', id: doc.id, name: doc.name });
    return doc;
  }

  async document(user: AuthUser, roomId: string, documentId: string): Promise<RoomDocumentContentDto> {
    const { me } = await this.member(this.dataSource.manager, roomId, user.id);
    this.requireNda(me);
    const [r] = await this.dataSource.query(
      'SELECT d.id, d.name, d.content_type, d.size, d.content, d.uploaded_by, d.created_at FROM deal_room_documents d WHERE d.room_id = $1 AND d.id = $2',
      [roomId, documentId],
    );
    if (!r) throw Problems.notFound('Document');
    return { id: r.id, name: r.name, contentType: r.content_type, size: r.size, uploadedByName: await this.nameOf(this.dataSource.manager, r.uploaded_by), createdAt: r.created_at.toISOString(), contentBase64: (r.content as Buffer).toString('base64') };
  }

  // ---------- checklist ----------

  async check(user: AuthUser, roomId: string, itemId: string, done: boolean): Promise<RoomDto> {
    await this.dataSource.transaction(async (m) => {
      const { me } = await this.member(m, roomId, user.id, { open: true });
      this.requireNda(me);
      const rows = await returning(m, 
        `UPDATE deal_room_checklist_items SET done_at = CASE WHEN $3 THEN coalesce(done_at, now()) END, done_by = CASE WHEN $3 THEN $4::uuid END
          WHERE id = $1 AND room_id = $2 RETURNING id`,
        [itemId, roomId, done, user.id],
      );
      if (!rows.length) throw Problems.notFound('Checklist item');
    });
    this.publish(roomId, { type: 'checklist', itemId, done });
    return this.get(user, roomId);
  }

  // ---------- offers and commission ----------

  private async offers(m: EntityManager, roomId: string): Promise<RoomOfferViewDto[]> {
    type Row = { id: string; made_by: string; deal_type: DealType; amount_fen: string; terms: string | null; listing_id: string | null; market_offer_id: string | null; created_at: Date };
    const rows: Row[] = await m.query(
      `SELECT f.id, f.made_by, f.deal_type, f.amount_fen, f.terms, f.listing_id, f.market_offer_id, f.created_at FROM deal_room_offers f
        WHERE f.room_id = $1 ORDER BY f.created_at`,
      [roomId],
    );
    const maker = await this.authors(m, rows, (r) => r.made_by);
    return rows.map((r) => ({
      id: r.id,
      madeBy: r.made_by,
      madeByName: maker(r),
      dealType: r.deal_type,
      amountFen: Number(r.amount_fen),
      terms: r.terms,
      listingId: r.listing_id,
      marketOfferId: r.market_offer_id,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /**
   * An enterprise party's offer. When the achievement has a live listing of that deal type taking offers, the
   * offer also becomes an offer of the listing's negotiation (same transaction, the market's own rules), so the
   * seller answers it there and an accepted one makes the market deal that closes this room. Announced as
   * `deal-room.offer-made` either way.
   */
  async offer(user: AuthUser, roomId: string, dto: RoomOfferDto): Promise<RoomOfferViewDto> {
    const offer = await this.dataSource.transaction(async (m) => {
      const { room, me } = await this.member(m, roomId, user.id, { open: true });
      this.requireNda(me);
      if (me.role !== 'enterprise') throw Problems.forbidden("Offers are made by the demand's enterprise");
      return this.recordOffer(m, user, room, dto);
    });
    void this.queues.nudgeOutbox();
    this.publish(roomId, { type: 'offer', id: offer.id, amountFen: offer.amountFen, dealType: offer.dealType });
    return offer;
  }

  /** Records an offer of the room's enterprise (and its market offer) in `m`, for `offer` and the demo seeder; tells the room's brokers. */
  async recordOffer(m: EntityManager, user: AuthUser, room: Pick<RoomRow, 'id' | 'demand_id' | 'achievement_id'>, dto: RoomOfferDto): Promise<RoomOfferViewDto> {
    const d = await this.demands.load(m, room.demand_id);
    const terms = dto.terms ?? null;
    const market = this.market ? await this.market.offer(m, user, { achievementId: room.achievement_id, organizationId: d.organization_id, dealType: dto.dealType, amountFen: dto.amountFen, terms }) : null;
    const [r] = await m.query(
      `INSERT INTO deal_room_offers (room_id, made_by, deal_type, amount_fen, terms, listing_id, market_offer_id) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
      [room.id, user.id, dto.dealType, dto.amountFen, terms, market?.listingId ?? null, market?.offerId ?? null],
    );
    const data = { offerId: r.id, dealType: dto.dealType, amountFen: dto.amountFen, listingId: market?.listingId ?? null, marketOfferId: market?.offerId ?? null };
    await this.audit.append(m, { actorId: user.id, action: 'deal-room.offer-made', entityType: 'deal-room', entityId: room.id, data });
    await this.events.append(m, 'deal-room.offer-made', room.id, { ...data, roomId: room.id, achievementId: room.achievement_id, demandId: room.demand_id, organizationId: d.organization_id, userId: user.id, terms });
    const brokers: { user_id: string }[] = await m.query(`SELECT user_id FROM deal_room_members WHERE room_id = $1 AND role = 'broker' AND user_id <> $2`, [room.id, user.id]);
    await this.outbox.notify(m, brokers.map((b) => b.user_id), roomOfferMessage(room.id, { zh: d.title_zh, en: d.title_en }, dto));
    return (await this.offers(m, room.id)).find((o) => o.id === r.id) as RoomOfferViewDto;
  }

  /** The room's broker proposes a commission (a rate or an amount); a new proposal withdraws any agreement. */
  async proposeCommission(user: AuthUser, roomId: string, dto: CommissionDto): Promise<RoomDto> {
    if ((dto.rateBp === undefined) === (dto.amountFen === undefined)) {
      throw Problems.rule('commission-rate-or-amount', 'Give either a rate (rateBp) or an amount (amountFen), not both', [{ field: 'rateBp', message: 'exactly one of rateBp, amountFen' }]);
    }
    await this.dataSource.transaction(async (m) => {
      const { room, me } = await this.member(m, roomId, user.id, { open: true, lock: true });
      this.requireNda(me);
      if (me.role !== 'broker' || !room.broker_id) throw Problems.forbidden("Only the room's broker proposes a commission");
      await m.query(
        `UPDATE deal_rooms SET commission_rate_bp = $2, commission_amount_fen = $3, commission_proposed_by = $4, commission_agreed_by = NULL, commission_agreed_at = NULL WHERE id = $1`,
        [roomId, dto.rateBp ?? null, dto.amountFen ?? null, user.id],
      );
      await this.audit.append(m, { actorId: user.id, action: 'deal-room.commission-proposed', entityType: 'deal-room', entityId: roomId, data: { rateBp: dto.rateBp ?? null, amountFen: dto.amountFen ?? null } });
    });
    this.publish(roomId, { type: 'commission', agreed: false });
    return this.get(user, roomId);
  }

  /**
   * A party (enterprise or institution) agrees to the proposed commission — a conditional UPDATE, so of two
   * racing agreements one wins and the other gets 409. Announced as `deal-room.commission-agreed` for the
   * licensing context's distribution ledger.
   */
  async agreeCommission(user: AuthUser, roomId: string): Promise<RoomDto> {
    await this.dataSource.transaction(async (m) => {
      const { room, me } = await this.member(m, roomId, user.id, { open: true });
      this.requireNda(me);
      if (me.role === 'broker') throw Problems.forbidden('The commission is agreed by a party to the deal, not by the broker');
      const rows = await returning<{ commission_rate_bp: number | null; commission_amount_fen: string | null }>(m, 
        `UPDATE deal_rooms SET commission_agreed_by = $2, commission_agreed_at = now() WHERE id = $1 AND commission_proposed_by IS NOT NULL AND commission_agreed_at IS NULL
         RETURNING commission_rate_bp, commission_amount_fen`,
        [roomId, user.id],
      );
      if (!rows.length) throw Problems.conflict('commission-not-open', 'There is no proposed commission waiting for agreement');
      const c = { rateBp: rows[0].commission_rate_bp as number | null, amountFen: rows[0].commission_amount_fen === null ? null : Number(rows[0].commission_amount_fen) };
      await this.audit.append(m, { actorId: user.id, action: 'deal-room.commission-agreed', entityType: 'deal-room', entityId: roomId, data: c });
      await this.events.append(m, 'deal-room.commission-agreed', roomId, { roomId, brokerId: room.broker_id, achievementId: room.achievement_id, demandId: room.demand_id, ...c, agreedBy: user.id });
    });
    this.publish(roomId, { type: 'commission', agreed: true });
    return this.get(user, roomId);
  }

  /** Closes the room (broker or institution party); a deal credits the broker once (unique per room). */
  async close(user: AuthUser, roomId: string, outcome: 'won' | 'lost'): Promise<RoomDto> {
    const stage: DealRoomStage = outcome === 'won' ? 'closed_won' : 'closed_lost';
    await this.dataSource.transaction(async (m) => {
      const { room, me } = await this.member(m, roomId, user.id, { lock: true });
      if (me.role === 'enterprise') throw Problems.forbidden('The broker or the institution closes the room');
      if (!(await this.closeIn(m, room, outcome, user.id))) throw Problems.conflict('deal-room-closed', `The deal room is already ${room.stage}`);
    });
    this.publish(roomId, { type: 'stage', stage });
    return this.get(user, roomId);
  }

  /**
   * Closes a room whose row `m` has locked: stage, the broker's completed-deal credit when won, audit and the
   * `deal-room.closed` event. Returns false (changing nothing) when the room was already closed.
   */
  async closeIn(m: EntityManager, room: Pick<RoomRow, 'id' | 'stage' | 'broker_id' | 'demand_id' | 'achievement_id'>, outcome: 'won' | 'lost', actorId: string | null, deal?: { id: string; priceFen: number }): Promise<boolean> {
    const stage: DealRoomStage = outcome === 'won' ? 'closed_won' : 'closed_lost';
    const rows = await returning(m, `UPDATE deal_rooms SET stage = $2, closed_at = now() WHERE id = $1 AND stage IN ('nda','negotiating') RETURNING id`, [room.id, stage]);
    if (!rows.length) return false;
    if (outcome === 'won' && room.broker_id) {
      const reason = deal ? `Deal room ${room.id} closed by market deal ${deal.id}` : `Deal room ${room.id} closed with a deal`;
      await this.brokers.record(m, null, room.broker_id, { kind: 'completed_deal', occurredAt: new Date(), reason, dealRoomId: room.id });
    }
    await this.audit.append(m, { actorId, action: `deal-room.${stage}`, entityType: 'deal-room', entityId: room.id, data: { from: room.stage, dealId: deal?.id ?? null } });
    await this.events.append(m, 'deal-room.closed', room.id, { roomId: room.id, outcome, brokerId: room.broker_id, demandId: room.demand_id, achievementId: room.achievement_id, dealId: deal?.id ?? null });
    return true;
  }
}
