/**
 * Application-side tokenisation for Chinese + English search (ARCHITECTURE.md "CJK search").
 *
 * PostgreSQL's parser treats a run of Han characters as one word, and pg_trgm cannot index 1–2 character
 * queries, so the catalog indexes Chinese itself: every Han run contributes its single characters and its
 * overlapping bigrams as lexemes (电池组 → 电 池 组 电池 池组), a bigram at the position of its first character.
 * A query run becomes a PHRASE of its bigrams ('电池' <-> '池组', or its one character), which the GIN index
 * answers and the positions make exact: adjacent bigrams at consecutive positions are exactly the substring
 * (runs are one position apart, so a phrase never spans two runs or two fields). Only terms that mix Han with
 * other characters (5G基站) are still RECHECKED as substrings with ILIKE, since the Latin part is matched by
 * stem. Latin text goes through to_tsvector('english') in SQL: lower-cased, stemmed, stop words dropped.
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
 * A tsvector literal of the Han tokens of `parts` (unigrams + bigrams with positions; weight A for
 * `weightA` parts — titles). Han tokens never contain quotes or backslashes, so no escaping is needed.
 */
export function hanTsvector(parts: { text: string | null | undefined; weightA?: boolean }[]): string {
  const lexemes = new Map<string, string[]>();
  let pos = 1;
  const add = (tok: string, weight: string) => {
    const list = lexemes.get(tok) ?? [];
    if (list.length < MAX_POSITIONS) list.push(`${Math.min(pos, MAX_POSITION)}${weight}`);
    lexemes.set(tok, list);
  };
  for (const { text, weightA } of parts) {
    if (!text) continue;
    const w = weightA ? 'A' : '';
    for (const run of hanRuns(text)) {
      const chars = Array.from(run);
      for (let i = 0; i < chars.length; i++) {
        add(chars[i], w);
        if (i + 1 < chars.length) add(chars[i] + chars[i + 1], w);
        pos++;
      }
      pos++; // runs are not adjacent
    }
  }
  return [...lexemes].map(([tok, ps]) => `'${tok}':${ps.join(',')}`).join(' ');
}

/** A tsquery literal matching exactly the Han run as a substring: its bigrams as a phrase. */
export const hanPhrase = (run: string): string => {
  const toks = bigrams(run).map((t) => `'${t}'`);
  return toks.length === 1 ? toks[0] : `(${toks.join(' <-> ')})`;
};

export interface ParsedQuery {
  /** tsquery literal: AND of one phrase per Han run; '' when the query has no Han. */
  hanTsquery: string;
  /** Latin words that sit inside Han-bearing terms (e.g. "5G" of "5G基站"), for plainto_tsquery('english'). */
  latinWords: string;
  /** Pure-Latin phrases (consecutive Latin terms), each for phraseto_tsquery('english'). */
  latinPhrases: string[];
  /** Terms to recheck as substrings (ILIKE): Han-bearing terms that are not one pure Han run. */
  rechecks: string[];
  /** Every term as typed (for highlighting and the fallback when nothing is indexable). */
  terms: string[];
}

/** Splits a query on white space into terms and tokenises them as the index was. */
export function parseQuery(raw: string): ParsedQuery {
  const terms = sanitize(raw).trim().split(/\s+/u).filter(Boolean).slice(0, 16);
  const han = new Set<string>();
  const latinWords: string[] = [];
  const latinPhrases: string[] = [];
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
      for (const run of runs) han.add(hanPhrase(run));
      if (runs.length !== 1 || runs[0] !== term) rechecks.push(term);
      const latin = latinPart(term).trim();
      if (latin) latinWords.push(latin);
    } else {
      phrase.push(term);
    }
  }
  flush();
  return {
    hanTsquery: [...han].join(' & '),
    latinWords: latinWords.join(' '),
    latinPhrases,
    rechecks,
    terms,
  };
}

/** Escapes LIKE wildcards (backslash is the default escape character). */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
