/**
 * Application-side tokenisation for Chinese + English search (ARCHITECTURE.md "CJK search").
 *
 * PostgreSQL's parser treats a run of Han characters as one word, and pg_trgm cannot index 1–2 character
 * queries, so the catalog indexes Chinese itself: every Han run contributes its overlapping bigrams (with
 * positions) and its single characters (presence only) as lexemes (电池组 → 电池 池组 电 池 组). A query
 * run becomes an AND of its bigrams (or its one character), which the GIN index answers exactly for
 * 1–2 characters. Longer runs over-match (电池 & 池组 also fits "池组…电池"), so they are RECHECKED as
 * substrings — per column with strpos, which reads only the rows the index found; a phrase query of the
 * bigrams would be exact too but must detoast the whole vector of every candidate (measured 2–3× slower).
 * Terms mixing Han with other characters (5G基站) are rechecked with ILIKE. Latin text goes through
 * to_tsvector('english') in SQL: lower-cased, stemmed, stop words dropped.
 */

const HAN_RUN = /\p{Script=Han}+/gu;
const HAN = /\p{Script=Han}/u;
/** PostgreSQL keeps at most 256 positions per lexeme and positions up to 16383. */
const MAX_POSITIONS = 255;
const MAX_POSITION = 16383;

export const hasHan = (s: string) => HAN.test(s);

/** The text with every Han run replaced by a space: what to_tsvector('english', …) gets. */
export const latinPart = (s: string) => s.replace(HAN_RUN, ' ');

/** Han runs of a text, in order. */
export const hanRuns = (s: string): string[] => s.match(HAN_RUN) ?? [];

/** Overlapping bigrams of a run (a one-character run is its own token). */
export function bigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Removes characters PostgreSQL text cannot hold. */
export const sanitize = (s: string) => s.split('\u0000').join('');

/**
 * A tsvector literal of the Han tokens of `parts`: bigrams with positions (phrases need them; weight A for
 * `weightA` parts — titles) and single characters WITHOUT positions — a one-character query needs only
 * their presence, and leaving their positions out keeps the vector about a third smaller (less to detoast
 * per phrase recheck). Han tokens never contain quotes or backslashes, so no escaping is needed.
 */
export function hanTsvector(parts: { text: string | null | undefined; weightA?: boolean }[]): string {
  const lexemes = new Map<string, string[]>();
  let pos = 1;
  const add = (tok: string, at: string | null) => {
    let list = lexemes.get(tok);
    if (!list) lexemes.set(tok, (list = []));
    if (at !== null && list.length < MAX_POSITIONS) list.push(at);
  };
  for (const { text, weightA } of parts) {
    if (!text) continue;
    const w = weightA ? 'A' : '';
    for (const run of hanRuns(text)) {
      const chars = Array.from(run);
      for (let i = 0; i < chars.length; i++) {
        add(chars[i], null);
        if (i + 1 < chars.length) add(chars[i] + chars[i + 1], `${Math.min(pos, MAX_POSITION)}${w}`);
        pos++;
      }
      pos++; // runs are not adjacent
    }
  }
  return [...lexemes].map(([tok, ps]) => (ps.length ? `'${tok}':${ps.join(',')}` : `'${tok}'`)).join(' ');
}

/** What `search` is made of: the Han literal (titles weighted A) and the Latin text for to_tsvector('english'). */
export function searchVectorParts(title: (string | null | undefined)[], body: (string | null | undefined)[]) {
  const titleParts = title.map((text) => ({ text, weightA: true }));
  return {
    han: hanTsvector([...titleParts, ...body.map((text) => ({ text }))]),
    latinTitle: latinPart(title.filter(Boolean).join(' ')),
    latinBody: latinPart(body.filter(Boolean).join(' ')),
  };
}

/** SQL for `search` from the three parts above, given as SQL expressions (parameters or columns). */
export const searchVectorSql = (han: string, latinTitle: string, latinBody: string) =>
  `${han}::tsvector || setweight(to_tsvector('english', ${latinTitle}), 'A') || to_tsvector('english', ${latinBody})`;

export interface ParsedQuery {
  /** tsquery literal: AND of the Han bigrams (or single characters); '' when the query has no Han. */
  hanTsquery: string;
  /** Latin words that sit inside Han-bearing terms (e.g. "5G" of "5G基站"), for plainto_tsquery('english'). */
  latinWords: string;
  /** Pure-Latin phrases (consecutive Latin terms), each for phraseto_tsquery('english'). */
  latinPhrases: string[];
  /** Pure-Han terms of 3+ characters: their bigrams may over-match, so they are rechecked as substrings. */
  hanRechecks: string[];
  /** Terms mixing Han and other characters: rechecked with ILIKE over the public text. */
  rechecks: string[];
  /** Han runs of the query (title relevance). */
  hanRuns: string[];
  /** Every term as typed (for highlighting and the fallback when nothing is indexable). */
  terms: string[];
}

/** Splits a query on white space into terms and tokenises them as the index was. */
export function parseQuery(raw: string): ParsedQuery {
  const terms = sanitize(raw).trim().split(/\s+/u).filter(Boolean).slice(0, 16);
  const han = new Set<string>();
  const runsOfQuery = new Set<string>();
  const latinWords: string[] = [];
  const latinPhrases: string[] = [];
  const hanRechecks: string[] = [];
  const rechecks: string[] = [];
  let phrase: string[] = [];
  const flush = () => {
    if (phrase.length) latinPhrases.push(phrase.join(' '));
    phrase = [];
  };
  for (const term of terms) {
    if (hasHan(term)) {
      flush();
      const runs = hanRuns(term);
      for (const run of runs) {
        runsOfQuery.add(run);
        for (const b of bigrams(run)) han.add(b);
      }
      if (runs.length !== 1 || runs[0] !== term) rechecks.push(term);
      else if (Array.from(term).length >= 3) hanRechecks.push(term);
      const latin = latinPart(term).trim();
      if (latin) latinWords.push(latin);
    } else {
      phrase.push(term);
    }
  }
  flush();
  return {
    hanTsquery: [...han].map((t) => `'${t}'`).join(' & '),
    latinWords: latinWords.join(' '),
    latinPhrases,
    hanRechecks,
    rechecks,
    hanRuns: [...runsOfQuery],
    terms,
  };
}

/** Escapes LIKE wildcards (backslash is the default escape character). */
