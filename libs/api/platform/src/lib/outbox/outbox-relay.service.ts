import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OutboxPayloads } from '@ttx/api/core';
import { MemberDirectory } from '@ttx/api/identity';
import { Mailer } from './mailer';

interface OutboxRow {
  id: string;
  topic: string;
  payload: unknown;
  attempts: number;
}

export const MAX_OUTBOX_ATTEMPTS = 10;

/**
 * Writes the notifications of the outbox rows `$1` (uuid[]) as CTE `delivered` (id, outbox_id). Dated when the
 * event happened (the outbox row), not when relayed. Notifications with a collapse key replace the recipient's
 * unread one with that key (unique partial index): of the rows given, only the newest per recipient and key is
 * written, and an older one relayed late (relays overtake each other) leaves a newer text alone. A redelivered
 * row (its outbox id already delivered) changes nothing.
 */
const DELIVER = `
  batch AS (
    SELECT DISTINCT ON (o.payload->>'userId', coalesce(o.payload->>'collapseKey', o.id::text)) o.id, o.payload, o.created_at
      FROM outbox o WHERE o.id = ANY($1::uuid[])
     ORDER BY o.payload->>'userId', coalesce(o.payload->>'collapseKey', o.id::text), o.created_at DESC),
  delivered AS (
    INSERT INTO notifications (outbox_id, user_id, kind, title, body, link, collapse_key, created_at)
    SELECT b.id, (b.payload->>'userId')::uuid, b.payload->>'kind', b.payload->'title', b.payload->'body', b.payload->>'link', b.payload->>'collapseKey', b.created_at
      FROM batch b WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.outbox_id = b.id)
    ON CONFLICT (user_id, collapse_key) WHERE read_at IS NULL DO UPDATE
      SET kind = EXCLUDED.kind, title = EXCLUDED.title, body = EXCLUDED.body, link = EXCLUDED.link, created_at = EXCLUDED.created_at
      WHERE notifications.created_at <= EXCLUDED.created_at
    RETURNING id, outbox_id)`;

/**
 * Delivers outbox rows. SKIP LOCKED lets several workers relay side by side without taking the
 * same row; a row whose outbox id is already in notifications is not delivered again.
 */
@Injectable()
export class OutboxRelayService {
  private readonly log = new Logger('OutboxRelay');

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly members: MemberDirectory,
  ) {}

  /**
   * Relays up to `batch` rows; returns how many were delivered. In-app notifications go in by one set-based
   * statement; if any row makes it fail, the batch is rolled back and relayed again row by row, so one bad
   * row is kept pending with its error and the others are still delivered.
   */
  async relayOnce(batch = 100): Promise<number> {
    try {
      return await this.dataSource.transaction((m) => this.relayBatch(m, batch, true));
    } catch (e) {
      this.log.warn(`outbox batch relayed row by row: ${e instanceof Error ? e.message : String(e)}`);
      return this.dataSource.transaction((m) => this.relayBatch(m, batch, false));
    }
  }

  private async relayBatch(m: EntityManager, batch: number, together: boolean): Promise<number> {
    const rows: OutboxRow[] = await m.query(
      `SELECT id, topic, payload, attempts FROM outbox
        WHERE processed_at IS NULL AND attempts < $2
        ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batch, MAX_OUTBOX_ATTEMPTS],
    );
    const inApp = together ? rows.filter((r) => this.inAppOnly(r)) : [];
    if (inApp.length) {
      await m.query(`WITH ${DELIVER} UPDATE outbox SET processed_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])`, [inApp.map((r) => r.id)]);
    }
    const rest = rows.filter((r) => !inApp.includes(r));
    const emails = await this.recipientEmails(m, rest);
    let delivered = inApp.length;
    for (const row of rest) {
      try {
        await m.query('SAVEPOINT relay_row');
        await this.deliver(m, row, emails);
        await m.query('RELEASE SAVEPOINT relay_row');
        await m.query('UPDATE outbox SET processed_at = now(), attempts = attempts + 1 WHERE id = $1', [row.id]);
        delivered++;
      } catch (e) {
        await m.query('ROLLBACK TO SAVEPOINT relay_row');
        const msg = e instanceof Error ? e.message : String(e);
        this.log.warn(`outbox ${row.id} (${row.topic}) failed: ${msg}`);
        await m.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [row.id, msg.slice(0, 500)]);
      }
    }
    return delivered;
  }

  /** A notification that is not also e-mailed: nothing to do outside the database. */
  private inAppOnly(row: OutboxRow): boolean {
    const n = row.payload as Partial<OutboxPayloads['notification']> | null;
    return row.topic === 'notification' && !(n?.email && this.mailer.enabled);
  }

  /** Drains the outbox in batches. */
  async relayAll(batch = 100): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.relayOnce(batch);
      total += n;
      if (n < batch) return total;
    }
  }

  /** The addresses of the batch's e-mail recipients, in one lookup (none when mail is off). */
  private recipientEmails(m: EntityManager, rows: OutboxRow[]): Promise<Map<string, string>> {
    if (!this.mailer.enabled) return Promise.resolve(new Map());
    const wanted = rows.flatMap((r) => {
      const n = r.payload as Partial<OutboxPayloads['notification']> | null;
      return r.topic === 'notification' && n?.email && n.userId ? [n.userId] : [];
    });
    return this.members.emails([...new Set(wanted)], m);
  }

  private async deliver(m: EntityManager, row: OutboxRow, emails: Map<string, string>): Promise<void> {
    if (row.topic !== 'notification') throw new Error(`unknown outbox topic ${row.topic}`);
    const n = row.payload as OutboxPayloads['notification'];
    // `fresh` is false when it replaced an unread notification of the same collapse key: that one is not e-mailed again.
    const inserted: { id: string; fresh: boolean }[] = await m.query(`WITH ${DELIVER} SELECT id, outbox_id = $2::uuid AS fresh FROM delivered`, [[row.id], row.id]);
    if (n.email && this.mailer.enabled && inserted[0]?.fresh) {
      const to = emails.get(n.userId);
      if (to) {
        await this.mailer.send({ to, subject: `${n.title.zh} / ${n.title.en}`, text: `${n.body.zh}\n\n${n.body.en}` });
        await m.query('UPDATE notifications SET emailed_at = now() WHERE id = $1', [inserted[0].id]);
      }
    }
  }
}
