import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Problems, QueueService } from '@ttx/api/core';
import { MemberDirectory, type OrganizationFacts } from '@ttx/api/identity';
import type { DisclosureKind, DisclosureStatus, ObjectionStatus } from '@ttx/shared/contracts';
import type { DisclosureDetailDto, DisclosureDto, DisclosurePageDto, DisclosureQueryDto, ObjectionDto } from './disclosure.dto';

export interface PublishDisclosureInput {
  kind: DisclosureKind;
  /** The owning context's name for the subject, e.g. 'empowerment' or 'deal'. */
  subjectType: string;
  subjectId: string;
  institutionId?: string | null;
  titleZh: string;
  titleEn: string;
  summary: Record<string, unknown>;
  startsAt: Date;
  endsAt: Date;
}

/** What a context that publishes notices wants to hear about (called inside the objection's transaction). */
export interface DisclosureSubjectHandler {
  onObjection(m: EntityManager, event: { disclosure: DisclosureDto; objection: ObjectionDto; userId: string }): Promise<void>;
}

// statement_timestamp(), not now(): now() is the transaction's start, and a transaction that waited for a
// notice's row lock must judge the notice by the time it acts (lock first, then read status in a new
// statement). Unlike clock_timestamp() it is stable, so the status filters below can use the indexes.
const STATUS_SQL = `CASE WHEN d.withdrawn_at IS NOT NULL THEN 'withdrawn' WHEN statement_timestamp() < d.starts_at THEN 'upcoming'
  WHEN statement_timestamp() < d.ends_at THEN 'open' ELSE 'ended' END`;

/** The same statuses as STATUS_SQL, written so range scans on starts_at / ends_at can serve them. */
const STATUS_FILTERS: Record<DisclosureStatus, string> = {
  upcoming: 'd.withdrawn_at IS NULL AND d.starts_at > statement_timestamp()',
  open: 'd.withdrawn_at IS NULL AND d.ends_at > statement_timestamp() AND d.starts_at <= statement_timestamp()',
  ended: 'd.withdrawn_at IS NULL AND d.ends_at <= statement_timestamp()',
  withdrawn: 'd.withdrawn_at IS NOT NULL',
};

/** The public view of notices taken from `source` (a table or a paginated subquery aliased d). */
const selectFrom = (source: string) => `
  SELECT d.id, d.kind, d.subject_type AS "subjectType", d.subject_id AS "subjectId", d.institution_id AS "institutionId",
         NULL::text AS "institutionName", d.title_zh AS "titleZh", d.title_en AS "titleEn", d.summary,
         d.starts_at AS "startsAt", d.ends_at AS "endsAt", ${STATUS_SQL} AS status, d.outcome,
         json_build_object('total', c.total, 'open', c.open, 'upheld', c.upheld, 'dismissed', c.dismissed) AS objections
    FROM ${source} d
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS total, count(*) FILTER (WHERE x.status = 'open')::int AS open,
             count(*) FILTER (WHERE x.status = 'upheld')::int AS upheld, count(*) FILTER (WHERE x.status = 'dismissed')::int AS dismissed
        FROM disclosure_objections x WHERE x.disclosure_id = d.id) c`;
const SELECT_SQL = selectFrom('disclosures');

const OBJECTION_COLUMNS = `id, text, status, answer, answered_at AS "answeredAt", created_at AS "createdAt"`;

interface Row extends Omit<DisclosureDto, 'startsAt' | 'endsAt'> {
  startsAt: Date;
  endsAt: Date;
}
interface ObjectionRow extends Omit<ObjectionDto, 'answeredAt' | 'createdAt'> {
  answeredAt: Date | null;
  createdAt: Date;
}

const toDto = (r: Row, names: ReadonlyMap<string, OrganizationFacts>): DisclosureDto => ({
  ...r,
  institutionName: r.institutionId ? (names.get(r.institutionId)?.name ?? null) : null,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
});
const toObjection = (r: ObjectionRow): ObjectionDto => ({
  ...r,
  answeredAt: r.answeredAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

/**
 * Public notices (公示) for every context: rights publishes empowerment decisions, market publishes deals.
 * Writes take the caller's EntityManager so a notice exists if and only if the caller's change committed.
 */
@Injectable()
export class DisclosuresService {
  private readonly handlers = new Map<string, DisclosureSubjectHandler>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly members: MemberDirectory,
  ) {}

  /** DTOs of `rows`, their institutions named by identity (one query for the lot). */
  private async toDtos(rows: Row[], manager: EntityManager = this.dataSource.manager): Promise<DisclosureDto[]> {
    const names = await this.members.organizations([...new Set(rows.flatMap((r) => (r.institutionId ? [r.institutionId] : [])))], manager);
    return rows.map((r) => toDto(r, names));
  }

  /** A context registers itself for its subject type (at module init). */
  registerHandler(subjectType: string, handler: DisclosureSubjectHandler): void {
    this.handlers.set(subjectType, handler);
  }

  async publish(input: PublishDisclosureInput, manager: EntityManager = this.dataSource.manager): Promise<DisclosureDto> {
    return this.get(await this.publishId(input, manager), manager);
  }

  /** `publish` for callers that need only the notice's id (a deal's close): no read back. */
  async publishId(input: PublishDisclosureInput, manager: EntityManager = this.dataSource.manager): Promise<string> {
    if (!(input.endsAt > input.startsAt)) throw new Error('A disclosure must end after it starts');
    try {
      const [{ id }] = await manager.query(
        `INSERT INTO disclosures (kind, subject_type, subject_id, institution_id, title_zh, title_en, summary, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [input.kind, input.subjectType, input.subjectId, input.institutionId ?? null, input.titleZh, input.titleEn, input.summary, input.startsAt, input.endsAt],
      );
      return id;
    } catch (e) {
      if ((e as { code?: string }).code === '23505') {
        throw Problems.conflict('disclosure-exists', `A live public notice already exists for this ${input.subjectType}`);
      }
      throw e;
    }
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<DisclosureDto> {
    const [row]: Row[] = await manager.query(`${SELECT_SQL} WHERE d.id = $1`, [id]);
    if (!row) throw Problems.notFound('Disclosure');
    const [dto] = await this.toDtos([row], manager);
    return dto;
  }

  async detail(id: string): Promise<DisclosureDetailDto> {
    const d = await this.get(id);
    const rows: ObjectionRow[] = await this.dataSource.query(
      `SELECT ${OBJECTION_COLUMNS} FROM disclosure_objections WHERE disclosure_id = $1 ORDER BY created_at, id`,
      [id],
    );
    return { ...d, objectionList: rows.map(toObjection) };
  }

  /** The live notice of a subject, or null. */
  async findBySubject(subjectType: string, subjectId: string, manager: EntityManager = this.dataSource.manager): Promise<DisclosureDto | null> {
    const [row]: Row[] = await manager.query(`${SELECT_SQL} WHERE d.subject_type = $1 AND d.subject_id = $2 AND d.withdrawn_at IS NULL`, [
      subjectType,
      subjectId,
    ]);
    return row ? (await this.toDtos([row], manager))[0] : null;
  }

  async list(q: DisclosureQueryDto): Promise<DisclosurePageDto> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.kind) where.push(`d.kind = $${params.push(q.kind)}`);
    if (q.status) where.push(STATUS_FILTERS[q.status]);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, [{ total }]] = await Promise.all([
      // Page first, then join names and objection counts for the page's rows only.
      this.dataSource.query(
        `${selectFrom(`(SELECT * FROM disclosures d ${filter} ORDER BY d.starts_at DESC, d.id LIMIT $${params.length + 1} OFFSET $${params.length + 2})`)}
          ORDER BY d.starts_at DESC, d.id`,
        [...params, q.pageSize, (q.page - 1) * q.pageSize],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM disclosures d ${filter}`, params),
    ]);
    return { items: await this.toDtos(rows), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * Anyone signed in may object while the notice is open. The row lock (FOR SHARE) orders this against a
   * subject owner's `lockForDecision` (FOR UPDATE): an objection either lands before the decision reads
   * the counts or is refused because the notice has ended.
   */
  async raiseObjection(disclosureId: string, userId: string, text: string): Promise<ObjectionDto> {
    const objection = await this.dataSource.transaction(async (m) => {
      // Lock, then read the status in a new statement (its statement_timestamp() is after any wait).
      await m.query('SELECT 1 FROM disclosures WHERE id = $1 FOR SHARE', [disclosureId]);
      const [row] = await m.query(`SELECT ${STATUS_SQL} AS status, d.subject_type AS "subjectType" FROM disclosures d WHERE d.id = $1`, [disclosureId]);
      if (!row) throw Problems.notFound('Disclosure');
      if (row.status !== 'open') {
        throw Problems.conflict('disclosure-not-open', `Objections are accepted only while the notice is open (it is ${row.status})`);
      }
      const [o]: ObjectionRow[] = await m.query(
        `INSERT INTO disclosure_objections (disclosure_id, user_id, text) VALUES ($1, $2, $3) RETURNING ${OBJECTION_COLUMNS}`,
        [disclosureId, userId, text],
      );
      const dto = toObjection(o);
      await this.handlers.get(row.subjectType)?.onObjection(m, { disclosure: await this.get(disclosureId, m), objection: dto, userId });
      return dto;
    });
    await this.queues.nudgeOutbox();
    return objection;
  }

  /** Only an open objection can be answered, once (409 otherwise). The caller checks who may answer. */
  async answerObjection(
    manager: EntityManager,
    disclosureId: string,
    objectionId: string,
    answer: { status: Exclude<ObjectionStatus, 'open'>; text: string; userId: string },
  ): Promise<ObjectionDto> {
    const [rows]: [ObjectionRow[], number] = await manager.query(
      `UPDATE disclosure_objections SET status = $3, answer = $4, answered_by = $5, answered_at = now()
        WHERE id = $1 AND disclosure_id = $2 AND status = 'open' RETURNING ${OBJECTION_COLUMNS}`,
      [objectionId, disclosureId, answer.status, answer.text, answer.userId],
    );
    if (rows[0]) return toObjection(rows[0]);
    const [exists] = await manager.query('SELECT 1 FROM disclosure_objections WHERE id = $1 AND disclosure_id = $2', [objectionId, disclosureId]);
    if (!exists) throw Problems.notFound('Objection');
    throw Problems.conflict('objection-already-answered', 'This objection has already been answered');
  }

  async objectionsOf(disclosureId: string, manager: EntityManager = this.dataSource.manager): Promise<(ObjectionDto & { userId: string })[]> {
    const rows: (ObjectionRow & { userId: string })[] = await manager.query(
      `SELECT ${OBJECTION_COLUMNS}, user_id AS "userId" FROM disclosure_objections WHERE disclosure_id = $1 ORDER BY created_at, id`,
      [disclosureId],
    );
    return rows.map((r) => ({ ...toObjection(r), userId: r.userId }));
  }

  /** Locks the notice (FOR UPDATE) and returns it with fresh objection counts; for the subject owner's final decision. */
  async lockForDecision(manager: EntityManager, disclosureId: string): Promise<DisclosureDto & { status: DisclosureStatus }> {
    const [locked] = await manager.query('SELECT id FROM disclosures WHERE id = $1 FOR UPDATE', [disclosureId]);
    if (!locked) throw Problems.notFound('Disclosure');
    return this.get(disclosureId, manager);
  }

  /** Records how the subject was decided (e.g. 'final', 'rejected'); the notice stays public. */
  async setOutcome(manager: EntityManager, disclosureId: string, outcome: string): Promise<void> {
    await manager.query('UPDATE disclosures SET outcome = $2 WHERE id = $1', [disclosureId, outcome]);
  }

  /** Takes a notice down (subject withdrawn); it stays readable with status 'withdrawn'. */
  async withdraw(manager: EntityManager, disclosureId: string): Promise<void> {
    await manager.query('UPDATE disclosures SET withdrawn_at = COALESCE(withdrawn_at, now()) WHERE id = $1', [disclosureId]);
  }

  /** Writes an objection as it stood at a past moment (dated, maybe answered), without handlers: for demo seeders. */
  async recordPastObjection(
    manager: EntityManager,
    disclosureId: string,
    o: { userId: string; text: string; createdAt: Date; answer?: { status: Exclude<ObjectionStatus, 'open'>; text: string; userId: string; at: Date } },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO disclosure_objections (disclosure_id, user_id, text, status, answer, answered_by, answered_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [disclosureId, o.userId, o.text, o.answer?.status ?? 'open', o.answer?.text ?? null, o.answer?.userId ?? null, o.answer?.at ?? null, o.createdAt],
    );
  }
}
