import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MemberDirectory } from '@ttx/api/identity';
import { institutionNames } from './institution-names';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './search.service';
import { bigrams, hanRuns, latinPart, sanitize } from './tokenize';

/**
 * Candidate retrieval for matching (brokerage: demands ↔ achievements) on the catalog's own search
 * machinery: the same Han bigrams and English stems that `achievements.search` holds (tokenize.ts), so a
 * demand's text finds achievements through the GIN index. The SQL over catalog tables stays here.
 *
 * A demand is long free text, so an AND of its tokens finds nothing; an OR of them finds most of the
 * catalog. Candidates are therefore rows holding at least two of the demand's most informative terms,
 * then, if that is not enough, rows holding any one. Over achievements this runs best-first in one SQL
 * function (`catalog_match_candidates`, migration 1765100000000): one AND per term pair, least frequent
 * first, until the pool is full — a GIN AND costs its rarer term's posting list, an OR of the pairs costs
 * all of them. Over the few demands (reverse matching) one OR per tier does (`candidateSql`). Only the pool
 * is ranked (ts_rank) and the best `limit` returned.
 */
/** Bigrams / stems that occur in most patent-style texts and so carry no signal for matching. */
const GENERIC_HAN = new Set(['一种', '方法', '制备', '及其', '其制', '备方', '装置', '系统', '技术', '基于', '用于', '应用', '一个', '进行', '具有', '提供', '实现', '可以', '需要', '我们', '公司', '企业', '希望', '寻求', '合作', '产品', '相关', '以及', '通过', '研发', '提高', '能够', '采用']);
const GENERIC_LATIN = new Set(['method', 'prepar', 'thereof', 'devic', 'system', 'use', 'base', 'technolog', 'applic', 'need', 'seek', 'compani', 'product', 'provid', 'improv', 'develop', 'new', 'high', 'via', 'can', 'also', 'look', 'want', 'solut', 'partner', 'enterpris']);

/** One informative term of a text: its tsquery literal and how people read it. */
export interface MatchTerm {
  /** The lexeme as the index holds it (电池, batteri). */
  lexeme: string;
  /** What the term looks like in the source text (电池, battery). */
  display: string;
  /** Title terms weigh double in the overlap. */
  weight: 1 | 2;
}

export interface MatchTerms {
  terms: MatchTerm[];
  /** Han runs of the source text, to rebuild longer shared phrases from consecutive shared bigrams. */
  runs: string[];
}

/** Anything that runs SQL (DataSource or EntityManager). */
type Sql = Pick<EntityManager, 'query'>;

const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The informative terms of a text, title first: Han bigrams (tokenize.ts) and English stems (to_tsvector
 * 'english' — the same configuration the index uses), without generic words; at most `max`.
 */
export async function matchTerms(sql: Sql, title: (string | null | undefined)[], body: (string | null | undefined)[], max = 20): Promise<MatchTerms> {
  const out = new Map<string, MatchTerm>();
  const runs: string[] = [];
  const add = (lexeme: string, display: string, weight: 1 | 2) => {
    if (!out.has(lexeme) && out.size < max) out.set(lexeme, { lexeme, display, weight });
  };
  const words: { w: string; weight: 1 | 2 }[] = [];
  for (const [texts, weight] of [[title, 2], [body, 1]] as const) {
    for (const text of texts) {
      if (!text) continue;
      const clean = sanitize(text);
      for (const run of hanRuns(clean)) {
        runs.push(run);
        if (Array.from(run).length < 2) continue;
        for (const b of bigrams(run)) if (!GENERIC_HAN.has(b)) add(b, b, weight);
      }
      for (const w of latinPart(clean).match(/[A-Za-z][A-Za-z0-9-]{2,}/g) ?? []) words.push({ w, weight });
    }
  }
  if (words.length) {
    const unique = [...new Map(words.map((x) => [x.w.toLowerCase(), x])).values()].slice(0, 200);
    const rows: { w: string; lexemes: string[] }[] = await sql.query(
      `SELECT w, tsvector_to_array(to_tsvector('english', w)) AS lexemes FROM unnest($1::text[]) w`,
      [unique.map((x) => x.w)],
    );
    const weightOf = new Map(unique.map((x) => [x.w, x.weight]));
    for (const r of rows) for (const l of r.lexemes) if (!GENERIC_LATIN.has(l) && !/^\d+$/.test(l)) add(l, r.w.toLowerCase(), weightOf.get(r.w) ?? 1);
  }
  // Title terms first (they were added first), then the body's — informative order for the OR tiers.
  return { terms: [...out.values()], runs };
}

/** How many of the first terms the "two of them" tier pairs up. */
export const HEAD_TERMS = 8;

/** Each term's lexeme as a one-lexeme tsquery literal. */
export const termQueries = (terms: MatchTerm[]): string[] => terms.map((t) => quote(t.lexeme));

/**
 * The best-first order of `catalog_match_candidates`: every pair of the first `n` terms, the pair with the
 * lowest product of its terms' catalog frequencies first (the most specific pair: fewest rows, shortest posting
 * list to drive the GIN AND), then the single terms, least frequent first; ties keep the text's order (title
 * terms first). `freq` is a term's share of the catalog (1 when unknown: the text's order alone decides).
 */
export function bestFirst(terms: MatchTerm[], freq: (lexeme: string) => number, n = HEAD_TERMS): { pairs: string[]; singles: string[] } {
  const q = termQueries(terms);
  const f = terms.map((t) => freq(t.lexeme));
  const pairs: { a: number; b: number }[] = [];
  for (let a = 0; a < Math.min(n, terms.length); a++) for (let b = a + 1; b < Math.min(n, terms.length); b++) pairs.push({ a, b });
  // Array.prototype.sort is stable: equal products keep the enumeration (text) order.
  pairs.sort((x, y) => f[x.a] * f[x.b] - f[y.a] * f[y.b]);
  const singles = terms.map((_, i) => i).sort((x, y) => f[x] - f[y]);
  return { pairs: pairs.map((p) => `${q[p.a]} & ${q[p.b]}`), singles: singles.map((i) => q[i]) };
}

/** tsquery text for "at least two of the first `n` terms" (an OR of pairs) and for "any term". */
export function tierQueries(terms: MatchTerm[], n = HEAD_TERMS): { pairs: string | null; any: string | null } {
  const head = terms.slice(0, n).map((t) => quote(t.lexeme));
  const pairs: string[] = [];
  for (let i = 0; i < head.length; i++) for (let j = i + 1; j < head.length; j++) pairs.push(`(${head[i]} & ${head[j]})`);
  return { pairs: pairs.length ? pairs.join(' | ') : null, any: terms.length ? terms.map((t) => quote(t.lexeme)).join(' | ') : null };
}

/**
 * SQL for the bounded two-tier candidate search over `table` (alias t) with its tsvector `column`;
 * `$1` = pairs tsquery (may be null), `$2` = any tsquery, `$3` = the terms' lexemes (text[]), `$4` = pool,
 * `$5` = limit. `extraWhere` filters the table. Returns id, rank and the matched lexemes; each candidate's
 * vector is read once for the rank and once (as an array) for the matched terms.
 */
export function candidateSql(table: string, column: string, extraWhere: string): string {
  return `WITH strict AS MATERIALIZED (
      SELECT t.id, t.${column} AS v FROM ${table} t WHERE ${extraWhere} AND t.${column} @@ $1::tsquery LIMIT $4),
    loose AS MATERIALIZED (
      SELECT t.id, t.${column} AS v FROM ${table} t WHERE ${extraWhere} AND (SELECT count(*) FROM strict) < $5
        AND t.${column} @@ $2::tsquery AND t.id NOT IN (SELECT id FROM strict) LIMIT $4),
    ranked AS MATERIALIZED (
      SELECT id, v, tier, ts_rank(v, $2::tsquery) AS rank FROM
        (SELECT id, v, 0 AS tier FROM strict UNION ALL SELECT id, v, 1 FROM loose) c
       ORDER BY tier, rank DESC, id LIMIT $5)
    SELECT id, rank, array(SELECT x FROM unnest(tsvector_to_array(v)) x WHERE x = ANY($3::text[])) AS matched
      FROM ranked ORDER BY tier, rank DESC, id`;
}

export interface TermOverlap {
  /** 0..1: weighted share of the source's terms found in the candidate. */
  overlap: number;
  /** Shared terms as people read them: consecutive shared bigrams joined back into phrases. */
  shared: string[];
}

/**
 * The longest piece (2+ characters) of `span` that occurs in `text`: consecutive shared bigrams need not be
 * consecutive in the candidate, so a rebuilt phrase is only shown as far as the candidate really contains it.
 */
function longestPresent(span: string, text: string): string | null {
  const chars = Array.from(span);
  for (let len = chars.length; len >= 2; len--) {
    for (let i = 0; i + len <= chars.length; i++) {
      const piece = chars.slice(i, i + len).join('');
      if (text.includes(piece)) return piece;
    }
  }
  return null;
}

/**
 * Function characters that practically never begin or end a technical term (的, 及, 于, 其, 与); 的 never stands
 * inside one either. Broader lists would cut real words (在线, 等离子, 并联, 饱和).
 */
const EDGE_CHARS = new Set(Array.from('的及于其与'));

/**
 * The pieces of a rebuilt phrase worth showing: consecutive shared bigrams run across word boundaries
 * ("于深度学习的缺陷", "正极材料及"), and without a segmenter those show at 的 and at function characters at
 * the ends. Pieces of fewer than two characters are dropped.
 */
function phrasePieces(phrase: string | null): string[] {
  const out: string[] = [];
  for (const piece of (phrase ?? '').split('的')) {
    const chars = Array.from(piece);
    let a = 0;
    let b = chars.length;
    while (a < b && EDGE_CHARS.has(chars[a])) a++;
    while (b > a && EDGE_CHARS.has(chars[b - 1])) b--;
    if (b - a >= 2) out.push(chars.slice(a, b).join(''));
  }
  return out;
}

/**
 * How much of `source` a candidate holding `matched` lexemes covers, and which phrases they share. With the
 * candidate's `text` (its title and abstract), rebuilt Han phrases are cut to what the text contains.
 */
export function termOverlap(source: MatchTerms, matched: string[], text?: string): TermOverlap {
  const hit = new Set(matched);
  const total = source.terms.reduce((s, t) => s + t.weight, 0);
  const got = source.terms.filter((t) => hit.has(t.lexeme)).reduce((s, t) => s + t.weight, 0);
  const shared: string[] = [];
  const seen = new Set<string>();
  const push = (s: string) => {
    if (seen.has(s)) return;
    seen.add(s);
    shared.push(s);
  };
  for (const run of source.runs) {
    const chars = Array.from(run);
    let start = -1;
    for (let i = 0; i <= chars.length - 1; i++) {
      const ok = i + 1 < chars.length && hit.has(chars[i] + chars[i + 1]);
      if (ok && start < 0) start = i;
      if (!ok && start >= 0) {
        const span = chars.slice(start, i + 1).join('');
        for (const piece of phrasePieces(text === undefined ? span : longestPresent(span, text))) push(piece);
        start = -1;
      }
    }
  }
  for (const t of source.terms) if (hit.has(t.lexeme) && !/\p{Script=Han}/u.test(t.display)) push(t.display);
  // Phrases rebuilt from bigrams are only shown when longer than one bigram or a real word on their own.
  return { overlap: total ? got / total : 0, shared: shared.filter((s) => !GENERIC_HAN.has(s)) };
}

/** Lexeme → share of published achievements holding it; `rest` for lexemes not listed. */
export interface TermFrequencies {
  of: Map<string, number>;
  rest: number;
}

export interface AchievementCandidate {
  achievement: ReturnType<typeof toSummary>;
  rank: number;
  overlap: TermOverlap;
}

/** `load`, run at most once a minute (a failed load is retried by the next call). */
function keptAMinute<T>(load: () => Promise<T>): () => Promise<T> {
  let held: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!held || Date.now() - held.at > 60_000) {
      const value = load();
      held = { at: Date.now(), value };
      value.catch(() => (held = undefined));
    }
    return held.value;
  };
}

/** Published achievements whose public text shares the most informative terms with a demand's text. */
@Injectable()
export class MatchCandidatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly members: MemberDirectory,
  ) {}

  /** The terms of a text, tokenised as the catalog index is. */
  terms(title: (string | null | undefined)[], body: (string | null | undefined)[]): Promise<MatchTerms> {
    return matchTerms(this.dataSource.manager, title, body);
  }

  /**
   * The best `limit` of a pool of published candidates, with their summary: one statement (see the header).
   * A pool of 200 (it was 400): ranking reads every pooled vector (4.6 KB, toasted); at 1M the halved pool
   * cut the rank step in half with the same top matches and reasons in the bench, and the specs hold.
   */
  async achievementsFor(source: MatchTerms, { pool = 200, limit = 120 } = {}): Promise<AchievementCandidate[]> {
    if (!source.terms.length) return [];
    const freq = await this.termFrequencies();
    const order = bestFirst(source.terms, (l) => freq.of.get(l) ?? freq.rest);
    const rows: (SummaryRow & { rank: number; matched: string[] })[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, c.rank, c.matched
         FROM catalog_match_candidates($1::text[], $2::tsquery[], $3::tsquery[], $4::tsquery, $5, $6) c
         JOIN achievements a ON a.id = c.achievement_id
        ORDER BY c.tier, c.rank DESC, c.achievement_id`,
      [source.terms.map((t) => t.lexeme), order.pairs, order.singles, tierQueries(source.terms).any, pool, limit],
    );
    const names = await institutionNames(this.members, rows.map((r) => r.institutionId));
    return rows.map((r) => {
      const text = [r.title_zh, r.abstract_zh].filter(Boolean).join(' ');
      return { achievement: toSummary(r, names), rank: Number(r.rank), overlap: termOverlap(source, r.matched, text) };
    });
  }

  /**
   * How common lexemes are in the catalog: the most common elements ANALYZE keeps for `achievements.search`
   * (parsing them costs milliseconds, so they are kept a minute); any other lexeme counts as half the rarest
   * of those. Without statistics yet (a new database) every term is 1 and the text's order decides.
   */
  readonly termFrequencies = keptAMinute(() =>
    this.dataSource
      .query(
        `SELECT most_common_elems::text::text[] AS e, most_common_elem_freqs AS f FROM pg_stats
          WHERE schemaname = current_schema() AND tablename = 'achievements' AND attname = 'search'`,
      )
      .then(([st]: { e: string[] | null; f: number[] | null }[]): TermFrequencies => {
        if (!st?.e?.length || !st.f) return { of: new Map(), rest: 1 };
        const f = st.f;
        // most_common_elem_freqs: one per element, then the least and greatest of them, then the null share.
        return { of: new Map(st.e.map((l, i) => [l, f[i]])), rest: f[st.e.length] / 2 };
      }),
  );

  /** Field names (zh, en) by code, for match reasons; the taxonomy changes only with a seed, so it is kept a minute. */
  readonly fieldNames = keptAMinute(() =>
    this.dataSource
      .query('SELECT code, name_zh, name_en FROM technology_fields')
      .then((rows: { code: string; name_zh: string; name_en: string }[]) => Object.fromEntries(rows.map((r) => [r.code, [r.name_zh, r.name_en] as [string, string]]))),
  );

  /** The public summary of published achievements by id (for reverse matching and room views). */
  async summaries(ids: string[]): Promise<ReturnType<typeof toSummary>[]> {
    if (!ids.length) return [];
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM achievements a WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
    const names = await institutionNames(this.members, rows.map((r) => r.institutionId));
    return rows.map((r) => toSummary(r, names));
  }

  /** Ids of published achievements by title, English unless `lang` says (demo seeds of other contexts name achievements this way). */
  async publishedIdsByTitle(titles: string[], lang: 'zh' | 'en' = 'en'): Promise<Map<string, string>> {
    if (!titles.length) return new Map();
    const rows: { id: string; title: string }[] = await this.dataSource.query(
      `SELECT id, title_${lang} AS title FROM achievements WHERE status = 'published' AND title_${lang} = ANY($1)`,
      [titles],
    );
    return new Map(rows.map((r) => [r.title, r.id]));
  }

  /** The text a published achievement matches demands with (public parts only) and its owner. */
  async publicText(id: string): Promise<{ title: (string | null)[]; body: (string | null)[]; institutionId: string; status: string } | null> {
    const [a] = await this.dataSource.query(
      `SELECT institution_id, status, title_zh, title_en, abstract_zh, abstract_en, problem_zh, problem_en, applications_zh, applications_en FROM achievements WHERE id = $1`,
      [id],
    );
    if (!a) return null;
    return {
      institutionId: a.institution_id,
      status: a.status,
      title: [a.title_zh, a.title_en],
      body: [a.abstract_zh, a.abstract_en, a.problem_zh, a.problem_en, a.applications_zh, a.applications_en],
    };
  }
}
