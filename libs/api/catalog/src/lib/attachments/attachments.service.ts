import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AuditService, ProblemException, Problems, type AppConfig, type AuthUser } from '@ttx/api/core';
import { FileStore, nameMatchesType, sniffFileType } from '@ttx/api/platform';
import type { ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AchievementsService } from '../achievements/achievements.service';
import type { AchievementAttachmentDto } from '../dto/achievement.dto';
import { AchievementAttachmentEntity } from '../entities';
import { attachmentView } from './attachment-view';

/** At most this many files per achievement: attachments document a listing, they are not a file share. */
export const MAX_ATTACHMENTS = 20;

export interface Upload {
  file: Readable;
  filename: string;
}

/**
 * Attachments are confidential detail (DOMAIN.md §1): uploaded by the owning institution's writers,
 * read by whoever sees the confidential part (owner, platform admins, NDA-accepting enterprises).
 * Files are stored content-addressed by the platform's FileStore; the type is sniffed from the bytes.
 */
@Injectable()
export class AttachmentsService {
  private readonly maxBytes: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly achievements: AchievementsService,
    private readonly files: FileStore,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.maxBytes = config.ATTACHMENT_MAX_MB * 1024 * 1024;
  }

  /** 201 with the new attachment, or 200 with the existing one when the same content is uploaded again. */
  async upload(caller: AuthUser, achievementId: string, upload: Upload | undefined): Promise<{ created: boolean; attachment: AchievementAttachmentDto }> {
    if (!upload) throw Problems.badRequest('Send the file as multipart/form-data field "file"', [{ field: 'file', message: 'required' }]);
    const name = upload.filename.normalize('NFC').trim().slice(0, 255);
    // Rights first (404/403 before reading a byte), then the bytes, then the row under the achievement's lock.
    await this.achievements.requireWritable(caller, achievementId, this.dataSource.manager);
    const stored = await this.files.save(upload.file, this.maxBytes);
    const type = sniffFileType(stored.head, name);
    if (!type || !nameMatchesType(name, type)) {
      throw new ProblemException(
        415,
        'file-type',
        'Unsupported file type',
        type ? `The content is ${type.mime}, but the name ${name} says otherwise` : 'Accepted: PDF, images (PNG, JPEG, GIF, WebP), Office documents, UTF-8 text',
        [{ field: 'file', message: type ? `content is ${type.mime}` : 'unknown content' }],
      );
    }
    return this.dataSource.transaction(async (m) => {
      await this.achievements.requireWritable(caller, achievementId, m);
      const existing = await m.findOne(AchievementAttachmentEntity, { where: { achievementId, sha256: stored.sha256 } });
      if (existing) return { created: false, attachment: attachmentView(existing) };
      const count = await m.count(AchievementAttachmentEntity, { where: { achievementId } });
      if (count >= MAX_ATTACHMENTS) throw Problems.rule('attachments-limit', `An achievement holds at most ${MAX_ATTACHMENTS} attachments`);
      const row = await m.save(
        m.create(AchievementAttachmentEntity, {
          achievementId,
          sha256: stored.sha256,
          sizeBytes: String(stored.sizeBytes),
          mimeType: type.mime,
          originalName: name,
          uploadedBy: caller.id,
        }),
      );
      await this.audit.append(m, {
        actorId: caller.id,
        action: 'achievement.attachment-added',
        entityType: 'achievement',
        entityId: achievementId,
        data: { attachmentId: row.id, sha256: row.sha256, sizeBytes: stored.sizeBytes, mimeType: type.mime, name },
      });
      return { created: true, attachment: attachmentView(await m.findOneByOrFail(AchievementAttachmentEntity, { id: row.id })) };
    });
  }

  async download(caller: AuthUser | null, achievementId: string, attachmentId: string): Promise<{ attachment: AchievementAttachmentDto; stream: ReadStream }> {
    await this.achievements.requireConfidentialAccess(caller, achievementId);
    const row = await this.dataSource.manager.findOne(AchievementAttachmentEntity, { where: { id: attachmentId, achievementId } });
    if (!row) throw Problems.notFound('Attachment');
    return { attachment: attachmentView(row), stream: await this.files.open(row.sha256) };
  }

  async remove(caller: AuthUser, achievementId: string, attachmentId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.achievements.requireWritable(caller, achievementId, m);
      const row = await m.findOne(AchievementAttachmentEntity, { where: { id: attachmentId, achievementId } });
      if (!row) throw Problems.notFound('Attachment');
      await m.delete(AchievementAttachmentEntity, { id: row.id });
      // The stored file stays: the same content may belong to other achievements (content-addressed).
      await this.audit.append(m, {
        actorId: caller.id,
        action: 'achievement.attachment-removed',
        entityType: 'achievement',
        entityId: achievementId,
        data: { attachmentId: row.id, sha256: row.sha256, name: row.originalName },
      });
    });
  }
}
