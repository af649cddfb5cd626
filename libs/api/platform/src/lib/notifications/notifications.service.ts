import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Problems } from '@ttx/api/core';
import type { NotificationPageDto } from './notifications.controller';

@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(userId: string, page: number, pageSize: number): Promise<NotificationPageDto> {
    const [items, [counts]] = await Promise.all([
      this.dataSource.query(
        `SELECT id, kind, title, body, link, read_at AS "readAt", created_at AS "createdAt"
           FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
        [userId, pageSize, (page - 1) * pageSize],
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
           FROM notifications WHERE user_id = $1`,
        [userId],
      ),
    ]);
    return { items, total: counts.total, unread: counts.unread, page, pageSize };
  }

  /** Only the owner's notification can be marked; anyone else's looks absent (404). */
  async markRead(userId: string, id: string): Promise<void> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      'UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2',
      [id, userId],
    );
    if (affected === 0) throw Problems.notFound('Notification');
  }
}
