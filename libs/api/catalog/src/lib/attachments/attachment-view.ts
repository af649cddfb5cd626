import type { AchievementAttachmentDto } from '../dto/achievement.dto';
import type { AchievementAttachmentEntity } from '../entities';

export const attachmentView = (r: AchievementAttachmentEntity): AchievementAttachmentDto => ({
  id: r.id,
  name: r.originalName,
  mimeType: r.mimeType,
  sizeBytes: Number(r.sizeBytes),
  sha256: r.sha256,
  uploadedAt: r.uploadedAt.toISOString(),
});
