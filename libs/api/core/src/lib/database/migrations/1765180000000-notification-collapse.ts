import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Collapsing notifications: a busy deal room would otherwise send one notification per message. A notification
 * may carry a collapse key; the unique index keeps at most one unread notification per recipient and key, and
 * the outbox relay replaces that one's text instead of adding another (concurrent relays cannot both insert).
 */
export class NotificationCollapse1765180000000 implements MigrationInterface {
  name = 'NotificationCollapse1765180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN collapse_key text`);
    await q.query(`CREATE UNIQUE INDEX notifications_unread_collapse ON notifications (user_id, collapse_key) WHERE read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_unread_collapse`);
    await q.query(`ALTER TABLE notifications DROP COLUMN collapse_key`);
  }
}
