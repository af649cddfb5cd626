import type { Lang } from '@ttx/web/core';

export interface Localized {
  zh: string | null;
  en: string | null;
}

/** The text in the active language, else in the other one, else ''. */
export function pickText(text: Localized | null | undefined, lang: Lang): string {
  if (!text) return '';
  const [first, second] = lang === 'zh-CN' ? [text.zh, text.en] : [text.en, text.zh];
  return (first && first.trim()) || (second && second.trim()) || '';
}

/** Whole yuan from fen, grouped (e.g. 12_345_600 fen → "123,456"). */
/** Whole yuan without decimals; otherwise always two (¥55,603.20, never ¥55,603.2). */
export function fenToYuan(fen: number, lang: Lang): string {
  const digits = fen % 100 === 0 ? 0 : 2;
  return new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(fen / 100);
}

export function priceRange(price: { minFen: number; maxFen: number } | null, lang: Lang): string | null {
  if (!price) return null;
  const min = fenToYuan(price.minFen, lang);
  const max = fenToYuan(price.maxFen, lang);
  return min === max ? `¥${min}` : `¥${min} – ¥${max}`;
}

export interface FieldNode {
  code: string;
  name: Localized;
  children: FieldNode[];
}

/** code → localized name for every node of the taxonomy. */
export function fieldNames(tree: readonly FieldNode[]): Map<string, Localized> {
  const out = new Map<string, Localized>();
  const walk = (nodes: readonly FieldNode[]) => {
    for (const n of nodes) {
      out.set(n.code, n.name);
      walk(n.children ?? []);
    }
  };
  walk(tree);
  return out;
}
