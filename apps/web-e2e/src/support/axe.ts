import fs from 'node:fs';
import type { Page } from 'playwright-core';

/** The WCAG 2.1 A + AA rules (GB/T 37668 follows WCAG 2.x). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Impacts that fail the sweep; 'moderate' and 'minor' are reported by axe but do not fail it. */
const FAILING = new Set(['serious', 'critical']);

/**
 * Selectors left out of the sweep, each with the reason (third-party markup the app cannot change).
 * Never a whole rule: a rule switched off hides every future violation of it.
 */
export const EXCLUDED: ReadonlyArray<{ selector: string; why: string }> = [];

let source: string | undefined;
const axeSource = () => (source ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export interface Finding {
  page: string;
  rule: string;
  impact: string;
  target: string;
  help: string;
  /** axe's reason for this node (for contrast: the two colours and the ratio). */
  why: string;
}

/** Runs axe on the page as it is now; returns the serious and critical findings (one per rule + node). */
export async function axeFindings(page: Page, label: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource() });
  const results = await page.evaluate(
    async ({ tags, exclude }) => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResults> } }).axe;
      const context = exclude.length ? { exclude: exclude.map((s) => [s]) } : document;
      return axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    },
    { tags: WCAG_TAGS, exclude: EXCLUDED.map((e) => e.selector) },
  );
  return results.violations
    .filter((v) => FAILING.has(v.impact ?? ''))
    .flatMap((v) =>
      v.nodes.map((n) => ({ page: label, rule: v.id, impact: v.impact ?? '', target: n.target.join(' '), help: v.help, why: [...n.any, ...n.all, ...n.none][0]?.message ?? '' })),
    );
}

/** The part of axe's result this sweep reads (axe.d.ts is not loaded into the page's types). */
interface AxeResults {
  violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: string[]; any: AxeCheck[]; all: AxeCheck[]; none: AxeCheck[] }> }>;
}
interface AxeCheck {
  message: string;
}

/** One line per finding, and a count per rule: what a failing run prints. */
export function describeFindings(findings: Finding[]): string {
  const byRule = new Map<string, number>();
  for (const f of findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  const counts = [...byRule].map(([rule, n]) => `${rule}: ${n}`).join(', ');
  const lines = findings.map((f) => `  [${f.impact}] ${f.rule} at ${f.target} on ${f.page}: ${f.why || f.help}`);
  return `${findings.length} serious/critical accessibility violations (${counts}):\n${lines.join('\n')}`;
}
