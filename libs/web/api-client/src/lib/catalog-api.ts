import { HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Api } from '../generated/api';
import {
  acceptAchievementNda,
  archiveAchievement,
  createAchievement,
  deleteAttachment,
  downloadAttachment,
  getAchievement,
  listMyAchievements,
  listTechnologyFields,
  publishAchievement,
  searchAchievements,
  submitAchievement,
  updateAchievement,
  uploadAttachment,
  withdrawAchievement,
} from '../generated/functions';
import type { ListMyAchievements$Params } from '../generated/fn/catalog/list-my-achievements';
import type { SearchAchievements$Params } from '../generated/fn/catalog/search-achievements';
import type {
  AchievementAttachmentDto,
  AchievementDto,
  AchievementPageDto,
  AchievementSummaryDto,
  CreateAchievementDto,
  NdaAcceptanceDto,
  SearchHitDto,
  SearchResultDto,
  TechnologyFieldDto,
  UpdateAchievementDto,
} from '../generated/models';

export type AchievementView = AchievementDto;
export type AchievementSummaryView = AchievementSummaryDto;
export type AchievementPageView = AchievementPageDto;
export type AchievementInput = CreateAchievementDto;
export type AchievementPatch = UpdateAchievementDto;
export type SearchHitView = SearchHitDto;
export type SearchResultView = SearchResultDto;
export type TechnologyFieldView = TechnologyFieldDto;
export type NdaAcceptanceView = NdaAcceptanceDto;
export type AttachmentView = AchievementAttachmentDto;
export type AchievementSearchParams = SearchAchievements$Params;
export type AchievementStatus = NonNullable<ListMyAchievements$Params['status']>;

/** Catalog (API.md "Catalog"): achievements, search, technology fields, attachments and the NDA of an achievement. */
@Injectable({ providedIn: 'root' })
export class CatalogApi {
  private readonly api = inject(Api);

  searchAchievements(params: AchievementSearchParams, context?: HttpContext): Promise<SearchResultView> {
    return this.api.invoke(searchAchievements, params, context);
  }

  technologyFields(context?: HttpContext): Promise<TechnologyFieldView[]> {
    return this.api.invoke(listTechnologyFields, undefined, context);
  }

  achievement(id: string, context?: HttpContext): Promise<AchievementView> {
    return this.api.invoke(getAchievement, { id }, context);
  }

  acceptNda(id: string, organizationId?: string, context?: HttpContext): Promise<NdaAcceptanceView> {
    return this.api.invoke(acceptAchievementNda, { id, body: organizationId ? { organizationId } : {} }, context);
  }

  myAchievements(
    params: { status?: AchievementStatus; q?: string; page?: number; pageSize?: number },
    context?: HttpContext,
  ): Promise<AchievementPageView> {
    return this.api.invoke(listMyAchievements, params, context);
  }

  createAchievement(body: AchievementInput, context?: HttpContext): Promise<AchievementView> {
    return this.api.invoke(createAchievement, { body }, context);
  }

  updateAchievement(id: string, body: AchievementPatch, context?: HttpContext): Promise<AchievementView> {
    return this.api.invoke(updateAchievement, { id, body }, context);
  }

  submitAchievement(id: string, context?: HttpContext): Promise<AchievementView> {
    return this.api.invoke(submitAchievement, { id }, context);
  }

  publishAchievement(id: string, context?: HttpContext): Promise<AchievementView> {
    return this.api.invoke(publishAchievement, { id }, context);
  }

  withdrawAchievement(id: string, context?: HttpContext): Promise<AchievementView> {
    return this.api.invoke(withdrawAchievement, { id }, context);
  }

  archiveAchievement(id: string, context?: HttpContext): Promise<AchievementView> {
    return this.api.invoke(archiveAchievement, { id }, context);
  }

  uploadAttachment(id: string, file: File, context?: HttpContext): Promise<AttachmentView> {
    return this.api.invoke(uploadAttachment, { id, body: { file } }, context);
  }

  downloadAttachment(id: string, attachmentId: string, context?: HttpContext): Promise<Blob> {
    return this.api.invoke(downloadAttachment, { id, attachmentId }, context);
  }

  deleteAttachment(id: string, attachmentId: string, context?: HttpContext): Promise<void> {
    return this.api.invoke(deleteAttachment, { id, attachmentId }, context);
  }
}
