import type { Page } from 'playwright-core';
import type { Round } from './pages';
import type { PageCheck, Visit } from './sweep';

/**
 * Phone layout checks (see mobile.e2e-spec.ts): the document never scrolls sideways, the header's controls
 * (home, main navigation, language, sign-in/out) are on screen and not covered, and no control of the content
 * or of an opened dialog/drawer lies beyond the screen's edges — unless it sits in a container that scrolls
 * sideways itself (a wide table).
 */
export interface LayoutProblem {
  page: string;
  rule: 'page-overflow' | 'header-control' | 'nav' | 'clipped-control';
  detail: string;
}

/** The header controls every page must offer, by who is signed in. */
const HEADER_SIGNED_IN = ['home-link', 'nav-toggle', 'lang-switch', 'user-name', 'logout-button'];
const HEADER_ANONYMOUS = ['home-link', 'header-catalog', 'lang-switch', 'nav-login', 'nav-register'];

/** The layout rules as a sweep's page check, collecting into `into`; `opened` parts skip the header (a mask covers it). */
export const phoneCheck =
  (into: LayoutProblem[]): PageCheck =>
  async (page, who, what, opened = false) => {
    const lang = (await page.locator('html').getAttribute('lang')) ?? '?';
    const label = `${what} (${who}, ${lang})`;
    const header = opened ? [] : who === 'anonymous' ? HEADER_ANONYMOUS : HEADER_SIGNED_IN;
    const found = await page.evaluate(layoutFindings, { header, zh: lang.startsWith('zh') });
    into.push(...found.map((f) => ({ ...f, page: label })));
    // Opened once per page (in Chinese; in English the header check above finds the button and its name).
    if (!opened && who !== 'anonymous' && lang === 'zh-CN' && !found.some((f) => f.detail.startsWith('nav-toggle'))) {
      const nav = await navProblem(page);
      if (nav) into.push({ page: label, rule: 'nav', detail: nav });
    }
  };

/**
 * Opens the main navigation with its header button and closes it again; returns what went wrong: the button must
 * say it is expanded and the first navigation link must be on screen and not covered.
 */
async function navProblem(page: Page): Promise<string | undefined> {
  const toggle = page.getByTestId('nav-toggle');
  await toggle.click();
  const opened = await page
    .waitForFunction(
      () => {
        const link = document.querySelector('[data-testid="side-nav-menu"] a');
        if (!link || document.querySelector('[data-testid="nav-toggle"]')?.getAttribute('aria-expanded') !== 'true') return false;
        const r = link.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return r.left >= 0 && r.right <= document.documentElement.clientWidth + 1 && r.width > 0 && !!hit && link.contains(hit);
      },
      undefined,
      { timeout: 3_000 },
    )
    .then(() => true)
    .catch(() => false);
  if (!opened) return 'nav-toggle: the navigation did not open on screen (its first link not visible and uncovered)';
  await toggle.click();
  const closed = await page
    .waitForFunction(() => document.querySelector('[data-testid="nav-toggle"]')?.getAttribute('aria-expanded') === 'false', undefined, { timeout: 3_000 })
    .then(() => true)
    .catch(() => false);
  return closed ? undefined : 'nav-toggle: a second click did not close the navigation';
}

/** Runs in the page: the layout rules' findings (page left empty). Self-contained: playwright serialises it. */
function layoutFindings({ header, zh }: { header: string[]; zh: boolean }): Array<Omit<LayoutProblem, 'page'>> {
  // The screen: on a mobile viewport Chrome widens the layout viewport (and window.innerWidth) to fit content
  // that sticks out, so the initial containing block's width is the phone's.
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const out: Array<Omit<LayoutProblem, 'page'>> = [];
  const describe = (e: Element) => {
    const r = e.getBoundingClientRect();
    const classes = Array.from(e.classList).slice(0, 3).map((c) => `.${c}`).join('');
    const testId = e.getAttribute('data-testid');
    return `${e.tagName.toLowerCase()}${classes}${testId ? `[data-testid=${testId}]` : ''} width ${Math.round(r.width)}px (right edge ${Math.round(r.right)}px)`;
  };
  /** The nearest ancestor that clips or scrolls sideways (its content may be wider than the screen). */
  const sidewaysBox = (e: Element): Element | undefined => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return a;
    }
    return undefined;
  };
  const beyond = (r: DOMRect) => r.right > vw + 1 || r.left < -1;
  // A closed drawer keeps its content, moved off screen: nothing in it is shown.
  const shown = (e: Element) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' && !e.closest('.ant-drawer:not(.ant-drawer-open)');
  };
  // NG-ZORRO's tab bar clips the tabs that do not fit on purpose: it scrolls on a swipe and lists them under its ⋯ button.
  const tabsReachable = (e: Element) => {
    const nav = e.closest('.ant-tabs-nav-wrap')?.parentElement;
    const more = nav?.querySelector('.ant-tabs-nav-operations');
    return !!more && !more.classList.contains('ant-tabs-nav-operations-hidden') && shown(more) && !beyond(more.getBoundingClientRect());
  };

  // 1. The document must not scroll sideways; name the widest and the innermost elements that stick out.
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > vw + 1) {
    const sticking = Array.from(document.body.querySelectorAll('*')).filter((e) => shown(e) && beyond(e.getBoundingClientRect()) && !sidewaysBox(e));
    const widest = [...sticking].sort((a, b) => b.getBoundingClientRect().width - a.getBoundingClientRect().width).slice(0, 3);
    const innermost = sticking.filter((e) => !sticking.some((d) => d !== e && e.contains(d))).slice(0, 3);
    const named = [...new Set([...widest, ...innermost])].map(describe);
    out.push({ rule: 'page-overflow', detail: `document ${scrollWidth}px wide on a ${vw}px screen; sticking out: ${named.join('; ') || '(nothing visible)'}` });
  }

  // 2. The header's controls: present, wholly on screen, not covered, named in the page's language.
  for (const id of header) {
    const e = document.querySelector(`[data-testid="${id}"]`);
    if (!e || !shown(e)) {
      out.push({ rule: 'header-control', detail: `${id}: not shown` });
      continue;
    }
    const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) out.push({ rule: 'header-control', detail: `${id}: off screen, ${describe(e)}` });
    else if (!hit || !e.contains(hit)) out.push({ rule: 'header-control', detail: `${id}: covered by ${hit ? describe(hit) : 'nothing'}` });
    // The language switch names the other language on purpose (its title is in the page's); the user link a person.
    const name = (id === 'lang-switch' ? e.getAttribute('title') : e.getAttribute('aria-label') || (e as HTMLElement).innerText || e.getAttribute('title')) ?? '';
    const anyLanguage = id === 'user-name';
    if (!name.trim() || (!anyLanguage && /[\u4e00-\u9fff]/.test(name) !== zh)) out.push({ rule: 'header-control', detail: `${id}: named ${JSON.stringify(name.trim())}, not in the page's language` });
  }

  // 3. Controls of the content and of opened dialogs/drawers: none beyond the screen's edges unless it scrolls there.
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=tab], [role=radio], [role=checkbox], .ant-select-selector';
  for (const root of Array.from(document.querySelectorAll('#main, .cdk-overlay-container'))) {
    for (const e of Array.from(root.querySelectorAll(controls))) {
      if (!shown(e) || !beyond(e.getBoundingClientRect()) || tabsReachable(e)) continue;
      const box = sidewaysBox(e);
      const scrolls = box && ['auto', 'scroll'].includes(getComputedStyle(box).overflowX) && !beyond(box.getBoundingClientRect());
      if (!scrolls) out.push({ rule: 'clipped-control', detail: `${describe(e)}${box ? ` inside ${describe(box)}, which does not scroll sideways` : ''}` });
    }
  }
  return out;
}

/** One round per user: each user's pages of every sweep, without repeats (the sweep checks each in both languages). */
export function phoneRounds(rounds: Round[]): Round[] {
  const byUser = new Map<string, Round>();
  for (const r of rounds) {
    const key = r.email ?? r.who;
    const seen = byUser.get(key);
    if (!seen) byUser.set(key, { ...r, visits: [...r.visits] });
    else seen.visits.push(...r.visits.filter((v) => !seen.visits.some((s) => visitKey(s) === visitKey(v))));
  }
  return [...byUser.values()];
}

const visitKey = (v: Visit) => (typeof v === 'string' ? v : `${v.path} ${(v.open ?? []).map((o) => o.label ?? o.click).join(',')}`);
