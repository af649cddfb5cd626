import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, containsPattern, type AppConfig } from '@ttx/api/core';
import { MemberDirectory } from '@ttx/api/identity';
import { DataSource } from 'typeorm';
import type { FacetBucketDto, SearchAchievementsQueryDto, SearchHitDto, SearchResultDto } from '../dto/achievement.dto';
import { highlight, highlighter } from './highlight';
import { institutionNames } from './institution-names';
import { SearchCache } from './search-cache';
import { parseQuery } from './tokenize';

/** The public text columns a query matches, Chinese first (a Han substring never spans two columns). */
const PUBLIC_TEXT_COLUMNS = ['title_zh', 'abstract_zh', 'problem_zh', 'advantages_zh', 'applications_zh', 'title_en', 'abstract_en', 'problem_en', 'advantages_en', 'applications_en'];

/** The public text a query matches: what the index holds, and what the ILIKE recheck (and the test oracle) reads. */
export const PUBLIC_TEXT_SQL = `concat_ws(' ', a.title_zh, a.title_en, a.abstract_zh, a.abstract_en, a.problem_zh, a.problem_en,
  a.advantages_zh, a.advantages_en, a.applications_zh, a.applications_en)`;

/** An achievement's summary columns; its institution's name comes from identity (see institutionNames). */
export const SUMMARY_COLUMNS = `a.id, a.institution_id AS "institutionId", a.kind, a.status,
  a.title_zh, a.title_en, a.abstract_zh, a.abstract_en, a.field_code AS "fieldCode", a.stage, a.trl,
  a.deal_types AS "dealTypes", a.asking_price_min_fen, a.asking_price_max_fen, a.published_at, a.updated_at`;

export interface SummaryRow {
  id: string;
  institutionId: string;
  kind: SearchHitDto['kind'];
  status: SearchHitDto['status'];
  title_zh: string | null;
  title_en: string | null;
  abstract_zh: string | null;
  abstract_en: string | null;
  fieldCode: string | null;
  stage: SearchHitDto['stage'];
  trl: number | null;
  dealTypes: SearchHitDto['dealTypes'];
  asking_price_min_fen: string | null;
  asking_price_max_fen: string | null;
  published_at: Date | null;
  updated_at: Date;
}

export const toSummary = (r: SummaryRow, names: ReadonlyMap<string, string>) => ({
  id: r.id,
  institutionId: r.institutionId,
  institutionName: names.get(r.institutionId) ?? '',
  kind: r.kind,
  status: r.status,
  title: { zh: r.title_zh, en: r.title_en },
  abstract: { zh: r.abstract_zh, en: r.abstract_en },
  fieldCode: r.fieldCode,
  stage: r.stage,
  trl: r.trl,
  dealTypes: r.dealTypes,
  askingPrice:
    r.asking_price_min_fen === null || r.asking_price_max_fen === null
      ? null
      : { minFen: Number(r.asking_price_min_fen), maxFen: Number(r.asking_price_max_fen) },
  publishedAt: r.published_at?.toISOString() ?? null,
  updatedAt: r.updated_at.toISOString(),
});

/** The WHERE clause of a public search, with its parameters; shared by the page and the facet query. */
export function buildSearchFilter(query: SearchAchievementsQueryDto, tsqueryUsable: (tsq: string, params: unknown[]) => boolean = () => true) {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = [`a.status = 'published'`];
  let tsq: string | null = null;
  const parsed = query.q ? parseQuery(query.q) : null;
  if (parsed && parsed.terms.length) {
    const parts: string[] = [];
    if (parsed.hanTsquery) parts.push(`${p(parsed.hanTsquery)}::tsquery`);
    if (parsed.latinWords) parts.push(`plainto_tsquery('english', ${p(parsed.latinWords)})`);
    for (const ph of parsed.latinPhrases) parts.push(`phraseto_tsquery('english', ${p(ph)})`);
    const candidate = parts.join(' && ');
    if (tsqueryUsable(candidate, params)) {
      tsq = candidate;
      where.push(`a.search @@ (${tsq})`);
      for (const r of parsed.hanRechecks) {
        const x = p(r);
        where.push(`(${PUBLIC_TEXT_COLUMNS.map((c) => `strpos(a.${c}, ${x}) > 0`).join(' OR ')})`);
      }
      for (const r of parsed.rechecks) where.push(`${PUBLIC_TEXT_SQL} ILIKE ${p(containsPattern(r))}`);
    } else {
      // Nothing indexable (only stop words or punctuation): fall back to substring matching of each term.
      for (const t of parsed.terms) where.push(`${PUBLIC_TEXT_SQL} ILIKE ${p(containsPattern(t))}`);
    }
  }
  if (query.field) {
    const f = p(query.field);
    where.push(`(a.field_code = ${f} OR a.field_code LIKE ${f} || '.%')`);
  }
  if (query.kind) where.push(`a.kind = ${p(query.kind)}`);
  if (query.stage) where.push(`a.stage = ${p(query.stage)}`);
  if (query.institutionId) where.push(`a.institution_id = ${p(query.institutionId)}`);
  if (query.dealType) where.push(`${p(query.dealType)} = ANY(a.deal_types)`);
  // Relevance: how many of the query's Han runs and English words the title holds (short inline columns,
  // so ranking reads nothing the filter did not). Its parameters follow the WHERE clause's.
  const whereParams = params.length;
  let rank = '0';
  if (tsq && parsed) {
    const title = `coalesce(a.title_zh, '') || ' ' || coalesce(a.title_en, '')`;
    const scores = parsed.hanRuns.map((r) => `(strpos(${title}, ${p(r)}) > 0)::int`);
    // English words by substring (no stemming): to_tsvector per candidate title cost ~50 µs a row.
    for (const w of new Set([parsed.latinWords, ...parsed.latinPhrases].join(' ').split(/\s+/).filter((x) => x.length > 2))) {
      scores.push(`coalesce(a.title_en ILIKE ${p(containsPattern(w))}, false)::int`);
    }
    rank = scores.join(' + ') || '0';
  }
  return { where: where.join(' AND '), params: params.slice(0, whereParams), rankParams: params.slice(whereParams), tsq, rank, terms: parsed?.terms ?? [] };
}


/**
 * Transaction-local settings of the bounded statement, in one round trip. work_mem: the bitmap of a
 * broad term's GIN posting list (电池 is in ~40 % of rows) no longer fits the default 4 MB at 1,000,000
 * rows; a lossy bitmap rechecks `search @@` on every row of its pages, detoasting each ~5 KB vector
 * (measured 2–10× slower for the same 10,001 rows). 32 MB holds an exact bitmap of ~500,000 heap pages.
 * jit: the statement is short; compiling it never pays off and the plan cost can cross jit_above_cost.
 */
const BOUNDED_SETTINGS = `SELECT set_config('work_mem', '32MB', true), set_config('jit', 'off', true)`;

/**
 * The statements of one public search (exported so the benchmark EXPLAINs exactly these):
 * `settings` for the bounded statement's transaction, the bounded statement (total, facets and the
 * relevance page over the first cap + 1 matches) and, for newest-first, the exact page.
 */
export function searchStatements(query: SearchAchievementsQueryDto, cap: number, tsqueryUsable?: (tsq: string, params: unknown[]) => boolean) {
  const { page, pageSize } = query;
  const f = buildSearchFilter(query, tsqueryUsable);
  const sort = query.sort ?? (f.tsq ? 'relevance' : 'newest');
  const relevance = sort === 'relevance' && f.tsq !== null;
  const n = f.params.length + (relevance ? f.rankParams.length : 0);
  const offset = (page - 1) * pageSize;
  const rank = relevance ? `, ${f.rank} AS rank` : '';
  // The first CAP + 1 matches in index order; everything below reads only them. With a text query the
  // GIN bitmap is forced: for a broad word the planner prefers a sequential scan that stops after CAP
  // matches, but it detoasts every row's vector on the way (measured 5× slower at 200,000 rows).
  const boundedSql = `WITH m AS MATERIALIZED (
       SELECT a.id, a.field_code, a.kind, a.stage, a.institution_id, a.deal_types, a.published_at${rank}
         FROM achievements a WHERE ${f.where} LIMIT ${cap + 1}),
     c AS (SELECT * FROM m LIMIT ${cap})
     SELECT 'total' AS facet, NULL AS key, NULL AS label, (SELECT count(*)::int FROM m) AS count
     UNION ALL SELECT 'field', field_code, NULL, count(*)::int FROM c WHERE field_code IS NOT NULL GROUP BY field_code
     UNION ALL SELECT 'kind', kind, NULL, count(*)::int FROM c GROUP BY kind
     UNION ALL SELECT 'stage', stage, NULL, count(*)::int FROM c WHERE stage IS NOT NULL GROUP BY stage
     UNION ALL SELECT 'dealType', d, NULL, count(*)::int FROM c, unnest(c.deal_types) d GROUP BY d
     UNION ALL SELECT 'institution', institution_id::text, NULL, count(*)::int FROM c GROUP BY institution_id
     ${
       relevance
         ? `UNION ALL SELECT 'hit', id::text, NULL, ord FROM (SELECT id, (row_number() OVER (ORDER BY rank DESC, published_at DESC, id))::int AS ord
              FROM c ORDER BY ord LIMIT $${n + 1} OFFSET $${n + 2}) h`
         : ''
     }`;
  return {
    f,
    relevance,
    settings: f.tsq ? `${BOUNDED_SETTINGS}, set_config('enable_seqscan', 'off', true)` : BOUNDED_SETTINGS,
    bounded: { sql: boundedSql, params: relevance ? [...f.params, ...f.rankParams, pageSize, offset] : f.params },
    // Newest first is exact over all matches: the published_at index walk stops after the page.
    newest: relevance
      ? null
      : {
          sql: `SELECT a.id FROM achievements a WHERE ${f.where} ORDER BY a.published_at DESC, a.id LIMIT $${f.params.length + 1} OFFSET $${f.params.length + 2}`,
          params: [...f.params, pageSize, offset],
        },
  };
}

type FacetRow = { facet: string; key: string | null; label: string | null; count: number };

/**
 * At most `SEARCH_COUNT_CAP` (default 10,000) matches are counted, faceted and ranked per query, so a
 * query's cost stops growing with its number of matches (专利 matches most of the catalog). Beyond it,
 * total and facet counts are lower bounds (`totalExact: false`, shown as "10,000+") — as search engines
 * do (Elasticsearch's track_total_hits default is the same 10,000). Newest-first paging stays exact.
 */
@Injectable()
export class SearchService {
  private readonly cap: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: SearchCache,
    private readonly members: MemberDirectory,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cap = config.SEARCH_COUNT_CAP;
  }

  /** The public search, answered from the result cache while the catalog has not changed. */
  async search(query: SearchAchievementsQueryDto): Promise<SearchResultDto> {
    const cached = await this.cache.get(query);
    if (cached.hit) return cached.hit;
    const result = await this.run(query);
    await this.cache.set(cached.generation, query, result);
    return result;
  }

  /** The search against PostgreSQL: one bounded statement for total, facets (and relevance page), one for the rows. */
  async run(query: SearchAchievementsQueryDto): Promise<SearchResultDto> {
    const { page, pageSize } = query;
    const m = this.dataSource.manager;
    let usable = true;
    // Han tokens are never stop words; a query of Latin words only may reduce to nothing ("the").
    const probe = query.q ? parseQuery(query.q) : null;
    if (probe && !probe.hanTsquery && probe.terms.length) {
      const pre = buildSearchFilter(query);
      if (pre.tsq) {
        const [{ n }] = await m.query(`SELECT numnode(${pre.tsq}) AS n`, pre.params.slice(0, (pre.tsq.match(/\$\d+/g) ?? []).length));
        usable = n > 0;
      }
    }
    const plan = searchStatements(query, this.cap, () => usable);
    const { f, relevance } = plan;
    const bounded = this.dataSource.transaction(async (tm): Promise<FacetRow[]> => {
      await tm.query(plan.settings);
      return tm.query(plan.bounded.sql, plan.bounded.params);
    });
    const newest = plan.newest ? (m.query(plan.newest.sql, plan.newest.params) as Promise<{ id: string }[]>) : Promise.resolve([]);
    const [facetRows, newestRows] = await Promise.all([bounded, newest]);

    const facets: SearchResultDto['facets'] = { field: [], kind: [], stage: [], dealType: [], institution: [] };
    let matched = 0;
    const hits: { id: string; ord: number }[] = [];
    for (const r of facetRows) {
      if (r.facet === 'total') matched = r.count;
      else if (r.facet === 'hit') hits.push({ id: r.key as string, ord: r.count });
      else {
        const b: FacetBucketDto = { key: r.key as string, count: r.count };
        if (r.label !== null) b.label = r.label;
        facets[r.facet as keyof typeof facets].push(b);
      }
    }
    for (const list of Object.values(facets) as FacetBucketDto[][]) list.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    const ids = relevance ? hits.sort((a, b) => a.ord - b.ord).map((h) => h.id) : newestRows.map((r) => r.id);
    // The page's rows and the facet's institution names side by side: no extra round trip in sequence.
    const [rows, facetNames]: [SummaryRow[], Map<string, string>] = await Promise.all([
      ids.length ? m.query(`SELECT ${SUMMARY_COLUMNS} FROM achievements a WHERE a.id = ANY($1::uuid[]) AND a.status = 'published'`, [ids]) : [],
      institutionNames(this.members, facets.institution.map((b) => b.key)),
    ]);
    // Only a newest-first page beyond the cap can hold an institution the capped facet did not count.
    const unnamed = rows.map((r) => r.institutionId).filter((id) => !facetNames.has(id));
    const names = unnamed.length ? new Map([...facetNames, ...(await institutionNames(this.members, unnamed))]) : facetNames;
    facets.institution = facets.institution.flatMap((b) => {
      const label = names.get(b.key);
      return label === undefined ? [] : [{ ...b, label }];
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const re = highlighter(f.terms);
    const items: SearchHitDto[] = ids
      .map((id) => byId.get(id))
      .filter((r): r is SummaryRow => r !== undefined)
      .map((r) => ({
        ...toSummary(r, names),
        highlight: {
          title: { zh: highlight(r.title_zh, re), en: highlight(r.title_en, re) },
          abstract: { zh: highlight(r.abstract_zh, re, 160), en: highlight(r.abstract_en, re, 320) },
        },
      }));
    const totalExact = matched <= this.cap;
    return { items, total: Math.min(matched, this.cap), totalExact, page, pageSize, facets };
  }
}
