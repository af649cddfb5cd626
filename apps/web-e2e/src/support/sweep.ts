import type { Page } from 'playwright-core';
import { axeFindings, type Finding } from './axe';
import { DEMO_PASSWORD, loginViaUi, openHome, useLang, type Lang } from './flows';

/**
 * A page to check: its path, and (for detail pages) the test id that shows its record has loaded, not an error;
 * `open` lists parts that appear on a click (a panel, a dialog): each is clicked, checked too, and closed with Escape.
 */
export type Visit = string | { path: string; ready: string; open?: Array<{ click: string; shows: string }> };

/** Waits until the routed page has rendered and stopped loading (spinners and skeletons gone). */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.locator('router-outlet + *').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading'), undefined, { timeout: 10_000 }).catch(() => undefined);
  // Entry animations (fade-ins) end before contrast is measured.
  await page.waitForTimeout(350);
}

/** Runs axe on the page as it is now, labelled with the path, who saw it and in which language. */
export async function check(page: Page, who: string, into: Finding[], what = new URL(page.url()).pathname): Promise<void> {
  const lang = await page.locator('html').getAttribute('lang');
  into.push(...(await axeFindings(page, `${what} (${who}, ${lang})`)));
}

/** Visits each page and collects axe's serious and critical findings, labelled with who saw what. */
export async function sweep(page: Page, who: string, visits: Visit[], into: Finding[]): Promise<void> {
  for (const visit of visits) {
    const { path, ready, open = [] } = typeof visit === 'string' ? { path: visit, ready: undefined, open: [] } : visit;
    await page.goto(path);
    // A detail page that failed to load (403, 404) would pass the sweep with nothing on it.
    if (ready) await shown(page, ready, `${path} as ${who}`);
    await settle(page);
    await check(page, who, into, path);
    for (const { click, shows } of open) {
      await page.getByTestId(click).first().click();
      await shown(page, shows, `${path} → ${click} as ${who}`);
      await settle(page);
      await check(page, who, into, `${path} → ${click}`);
      await page.keyboard.press('Escape');
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

/** Signs in through the header (so the app runs as a user would have it) and back out afterwards. */
export async function asUser(page: Page, email: string, lang: Lang, fn: () => Promise<void>): Promise<void> {
  await openHome(page);
  await useLang(page, lang);
  await loginViaUi(page, email, DEMO_PASSWORD);
  await fn();
  await page.getByTestId('logout-button').click();
  await page.getByTestId('nav-login').waitFor();
}
