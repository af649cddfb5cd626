import type { Page } from 'playwright-core';
import { journey } from './support/browser';
import { DEMO_PASSWORD, loginViaUi, openHome, useLang, type Lang } from './support/flows';
import { api } from './support/api';
import { axeFindings, describeFindings, type Finding } from './support/axe';

/** Waits until the routed page has rendered and stopped loading (spinners and skeletons gone). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.locator('router-outlet + *').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading'), undefined, { timeout: 10_000 }).catch(() => undefined);
  // Entry animations (fade-ins) end before contrast is measured.
  await page.waitForTimeout(350);
}

/** Visits each path and collects axe's serious and critical findings, labelled with who saw what. */
async function sweep(page: Page, who: string, paths: string[], into: Finding[]): Promise<void> {
  for (const path of paths) {
    await page.goto(path);
    await settle(page);
    const lang = await page.locator('html').getAttribute('lang');
    into.push(...(await axeFindings(page, `${path} (${who}, ${lang})`)));
  }
}

/** Signs in through the header (so the app runs as a user would have it) and back out afterwards. */
async function asUser(page: Page, email: string, lang: Lang, fn: () => Promise<void>): Promise<void> {
  await openHome(page);
  await useLang(page, lang);
  await loginViaUi(page, email, DEMO_PASSWORD);
  await fn();
  await page.getByTestId('logout-button').click();
  await page.getByTestId('nav-login').waitFor();
}

describe('accessibility (axe-core, WCAG 2.1 A + AA)', () => {
  journey('the main pages of every role have no serious or critical violation, in Chinese and English', async ({ page, baseUrl }) => {
    const achievementId = (await api(baseUrl, 'GET', '/api/achievements?pageSize=1')).items[0].id as string;
    const listings = (await api(baseUrl, 'GET', '/api/listings?pageSize=100')).items as Array<{ id: string; method: string; auctionId?: string }>;
    const listingId = listings.find((l) => l.method !== 'auction')?.id ?? listings[0].id;
    const auctionId = listings.find((l) => l.auctionId)?.auctionId;
    expect(auctionId).toBeDefined();

    const findings: Finding[] = [];
    const publicPaths = ['/', '/catalog', `/catalog/${achievementId}`, '/market', '/rights/notices', '/registry/stats', '/registry/verify', '/brokerage/demands', '/brokerage/brokers', '/login', '/register'];
    await openHome(page);
    for (const lang of ['zh-CN', 'en-US'] as const) {
      await useLang(page, lang);
      await sweep(page, 'anonymous', publicPaths, findings);
      await openHome(page);
    }

    await asUser(page, 'tto@demo.ttx', 'zh-CN', () =>
      sweep(page, 'tto_manager', ['/dashboard', '/catalog/mine', '/catalog/new', '/market/mine', '/market/mine/new', '/rights/policy', '/licensing', '/licensing/new', '/licensing/finance'], findings),
    );
    await asUser(page, 'sme@demo.ttx', 'en-US', () =>
      sweep(page, 'enterprise_member', ['/dashboard', '/market', `/market/listings/${listingId}`, `/market/auctions/${auctionId}`, '/market/inbox', '/brokerage/demands/new', '/licensing', '/registry/new'], findings),
    );
    await asUser(page, 'researcher@demo.ttx', 'zh-CN', () => sweep(page, 'researcher', ['/dashboard', '/rights', '/licensing/income'], findings));
    await asUser(page, 'registrar@demo.ttx', 'en-US', () => sweep(page, 'registrar', ['/dashboard', '/registry', '/registry/import'], findings));
    await asUser(page, 'broker@demo.ttx', 'zh-CN', () => sweep(page, 'broker', ['/dashboard', '/brokerage/workspace'], findings));
    await asUser(page, 'admin@demo.ttx', 'en-US', () => sweep(page, 'platform_admin', ['/dashboard', '/admin/organizations', '/organizations/new'], findings));

    if (findings.length) console.log(describeFindings(findings));
    expect(describeFindings(findings)).toBe(describeFindings([]));
  }, 110_000);
});
