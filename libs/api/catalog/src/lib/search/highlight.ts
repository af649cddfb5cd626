import { hasHan } from './tokenize';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c]);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A matcher for the query's terms: Han-bearing terms as literal substrings, Latin words as words that
 * start with the word's stem-ish prefix (battery → batter… also marks "batteries"), case-insensitively.
 */
export function highlighter(terms: string[]): RegExp | null {
  const alts: string[] = [];
  for (const term of terms) {
    if (hasHan(term)) {
      alts.push(escapeRegExp(term));
    } else {
      for (const w of term.split(/[^\p{L}\p{N}]+/u).filter((x) => x.length > 1)) {
        const stem = w.length > 4 ? w.replace(/(ies|es|s|y|e|ing|ed)$/i, '') : w;
        alts.push(`(?<![\\p{L}\\p{N}])${escapeRegExp(stem)}[\\p{L}\\p{N}]*`);
      }
    }
  }
  if (!alts.length) return null;
  alts.sort((a, b) => b.length - a.length);
  return new RegExp(alts.join('|'), 'giu');
}

/** HTML-escapes `text` and wraps matches in <mark>…</mark>; with `window`, cuts a snippet around the first match. */
export function highlight(text: string | null, re: RegExp | null, window?: number): string | null {
  if (text === null) return null;
  const ranges: [number, number][] = [];
  if (re) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  let start = 0;
  let end = text.length;
  if (window && text.length > window) {
    const first = ranges[0]?.[0] ?? 0;
    start = Math.max(0, first - Math.floor(window / 3));
    end = Math.min(text.length, start + window);
  }
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const [a, b] of ranges) {
    if (b <= at || a >= end) continue;
    const s = Math.max(a, at);
    const e = Math.min(b, end);
    out += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    at = e;
  }
  out += escapeHtml(text.slice(at, end)) + (end < text.length ? '…' : '');
  return out;
}
