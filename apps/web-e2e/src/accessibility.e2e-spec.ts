import { journey } from './support/browser';
import { openHome, useLang } from './support/flows';
import { api } from './support/api';
import { describeFindings, type Finding } from './support/axe';
import { asUser, sweep } from './support/sweep';

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
