import type { Params } from '@angular/router';
import { ACHIEVEMENT_KINDS, DEAL_TYPES, MATURITY_STAGES } from '@ttx/shared/contracts';
import type { AchievementSearchParams } from '@ttx/web/api-client';

export const CATALOG_PAGE_SIZE = 10;

/** The catalog page's state; it lives in the URL (`?q=&kind=&page=…`). */
export interface CatalogQuery {
  q: string;
  field: string | null;
  kind: AchievementSearchParams['kind'] | null;
  stage: AchievementSearchParams['stage'] | null;
  dealType: AchievementSearchParams['dealType'] | null;
  institutionId: string | null;
  sort: 'relevance' | 'newest' | null;
  page: number;
}

export const EMPTY_QUERY: CatalogQuery = {
  q: '',
  field: null,
  kind: null,
  stage: null,
  dealType: null,
  institutionId: null,
  sort: null,
  page: 1,
};

function str(v: unknown): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : null;
}

function oneOf<T extends string>(values: readonly T[], v: unknown): T | null {
  const s = str(v);
  return s !== null && (values as readonly string[]).includes(s) ? (s as T) : null;
}

/** Reads the URL's query params; unknown or malformed values fall back to the defaults. */
export function queryFromParams(params: Params): CatalogQuery {
  const page = Number(str(params['page']));
  return {
    q: str(params['q']) ?? '',
    field: str(params['field']),
    kind: oneOf(ACHIEVEMENT_KINDS, params['kind']),
    stage: oneOf(MATURITY_STAGES, params['stage']),
    dealType: oneOf(DEAL_TYPES, params['dealType']),
    institutionId: str(params['institutionId']),
    sort: oneOf(['relevance', 'newest'] as const, params['sort']),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The URL's query params for a state; defaults are dropped (null removes the param). */
export function queryToParams(query: CatalogQuery): Params {
  return {
    q: query.q.trim() || null,
    field: query.field,
    kind: query.kind,
    stage: query.stage,
    dealType: query.dealType,
    institutionId: query.institutionId,
    sort: query.sort,
    page: query.page > 1 ? query.page : null,
  };
}

/** The search endpoint's params for a state. */
export function queryToApi(query: CatalogQuery, pageSize = CATALOG_PAGE_SIZE): AchievementSearchParams {
  const out: AchievementSearchParams = { page: query.page, pageSize };
  if (query.q.trim()) out.q = query.q.trim();
  if (query.field) out.field = query.field;
  if (query.kind) out.kind = query.kind;
  if (query.stage) out.stage = query.stage;
  if (query.dealType) out.dealType = query.dealType;
  if (query.institutionId) out.institutionId = query.institutionId;
  if (query.sort) out.sort = query.sort;
  return out;
}

/** Changes one filter (or the text); any change but the page goes back to page 1. */
export function withChange(query: CatalogQuery, change: Partial<CatalogQuery>): CatalogQuery {
  return { ...query, page: 1, ...change };
}
