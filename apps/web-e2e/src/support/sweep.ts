import type { Page } from 'playwright-core';
import { axeFindings, type Finding } from './axe';
import { currentLang, DEMO_PASSWORD, loginViaUi, openHome, useLang } from './flows';
import type { Round } from './pages';

/**
 * A part of a page that appears on a click (a panel, a dialog, a drawer): `click` is a test id, or the steps that
 * open it; `shows` the test id it then shows. It is checked too, and closed with Escape.
 */
export interface Opening {
  click: string | ((page: Page) => Promise<void>);
  shows: string;
  /** Names it in findings; the click's test id by default. */
  label?: string;
}

/**
 * A page to check: its path, and (for detail pages) the test id that shows its record has loaded, not an error;
 * `open` lists parts that appear on a click.
 */
export type Visit = string | { path: string; ready?: string; open?: Opening[] };

/** What a sweep checks on each page and each opened part (`opened`), labelled with the path and who saw it. */
export type PageCheck = (page: Page, who: string, what: string, opened?: boolean) => Promise<void>;

/**
 * Waits until the routed page has rendered and stopped loading (spinners and skeletons gone), then for entry
 * animations to end: a fixed pause (fade-ins end before contrast is measured), or with `geometry` (checks that
 * read only positions and sizes) until no finite animation that moves or resizes anything runs; fades are ignored.
 */
export async function settle(page: Page, { geometry = false } = {}): Promise<void> {
  await page.waitForLoadState('load');
  await page.locator('router-outlet + *').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading'), undefined, { timeout: 10_000 }).catch(() => undefined);
  if (!geometry) {
    await page.waitForTimeout(350);
    return;
  }
  await page
    .waitForFunction(
      () => {
        const paintOnly = new Set(['offset', 'easing', 'composite', 'computedOffset', 'opacity', 'color', 'backgroundColor', 'borderColor', 'boxShadow', 'outlineColor', 'fill', 'stroke']);
        return document.getAnimations().every((a) => {
          if (a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity) return true;
          const frames = a.effect instanceof KeyframeEffect ? a.effect.getKeyframes() : [];
          return frames.length > 0 && frames.every((f) => Object.keys(f).every((k) => paintOnly.has(k)));
        });
      },
      undefined,
      { timeout: 2_000 },
    )
    .catch(() => undefined);
}

/** Runs axe on the page as it is now, labelled with the path, who saw it and in which language. */
export async function check(page: Page, who: string, into: Finding[], what = new URL(page.url()).pathname): Promise<void> {
  const lang = await page.locator('html').getAttribute('lang');
  into.push(...(await axeFindings(page, `${what} (${who}, ${lang})`)));
}

/** The axe check as a sweep's page check, collecting into `into`. */
export const axeCheck =
  (into: Finding[]): PageCheck =>
  (page, who, what) =>
    check(page, who, into, what);

/** `bothLanguages`: check each page in both languages, switching in place; `geometry`: see settle(). */
export interface SweepOptions {
  bothLanguages?: boolean;
  geometry?: boolean;
}

/**
 * Visits each page, settles it and runs `checkPage` on it and on each part it opens; with `bothLanguages`, then
 * switches the language in place (the header's switch) and checks it all again, leaving the page in the other one.
 */
export async function sweep(page: Page, who: string, visits: Visit[], checkPage: PageCheck, { bothLanguages = false, geometry = false }: SweepOptions = {}): Promise<void> {
  for (const visit of visits) {
    const { path, ready, open = [] } = typeof visit === 'string' ? { path: visit, ready: undefined, open: [] } : visit;
    for (let pass = 1; pass <= (bothLanguages ? 2 : 1); pass++) {
      // The first time, and again when it opens parts: one may stay open (an inline panel) and the click close it.
      if (pass === 1 || open.length) {
        await page.goto(path);
        // A detail page that failed to load (403, 404) would pass the sweep with nothing on it.
        if (ready) await shown(page, ready, `${path} as ${who}`);
      }
      await settle(page, { geometry });
      await checkPage(page, who, path);
      for (const { click, shows, label = typeof click === 'string' ? click : 'opened' } of open) {
        if (typeof click === 'string') await page.getByTestId(click).first().click();
        else await click(page);
        await shown(page, shows, `${path} → ${label} as ${who}`);
        await settle(page, { geometry });
        await checkPage(page, who, `${path} → ${label}`, true);
        await page.keyboard.press('Escape');
        // A closing drawer or dialog would take the next click (the header's sign-out or language switch).
        await page.locator('.ant-drawer-open, .ant-modal-wrap').first().waitFor({ state: 'detached' });
      }
      if (pass < (bothLanguages ? 2 : 1)) await useLang(page, (await currentLang(page)) === 'zh-CN' ? 'en-US' : 'zh-CN');
    }
  }
}
/** Runs each round: the anonymous visitor's in its language, a user's signed in through the header (and out after). */
export async function sweepRounds(page: Page, rounds: Round[], checkPage: PageCheck, options: SweepOptions = {}): Promise<void> {
  for (const { who, email, lang, visits } of rounds) {
    await openHome(page);
    await useLang(page, lang);
    if (email) await loginViaUi(page, email, DEMO_PASSWORD);
    await sweep(page, who, visits, checkPage, options);
    if (email) {
      await page.getByTestId('logout-button').click();
      await page.getByTestId('nav-login').waitFor();
    }
  }
}

/** Waits for a test id, failing with what was expected where. */
async function shown(page: Page, testId: string, where: string): Promise<void> {
  await page
    .getByTestId(testId)
    .first()
    .waitFor()
    .catch((e: Error) => Promise.reject(new Error(`${where}: [data-testid=${testId}] not shown (${e.message.split('\n')[0]})`)));
}
