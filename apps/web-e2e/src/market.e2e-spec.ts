import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectText, journey, launchContext } from './support/browser';
import { DEMO_PASSWORD, loginViaUi, openHome, useLang } from './support/flows';
import { api, token } from './support/api';

/** A TTO auction of a fresh published patent ending in `endsInS` with a `softS` soft close; sme and enterprise approved. */
async function liveAuction(baseUrl: string, endsInS: number, softS: number): Promise<string> {
  const tto = await token(baseUrl, 'tto@demo.ttx');
  const tag = Date.now().toString(36);
  const a = await api(baseUrl, 'POST', '/api/achievements', {
    kind: 'technical_secret',
    title: { zh: `竞价演示成果 ${tag}`, en: `Live auction lot ${tag}` },
    abstract: { zh: '网页端到端竞价测试。', en: 'Web end-to-end bidding test.' },
    fieldCode: '01.01',
    dealTypes: ['transfer'],
    inventors: [{ name: '李伟', sharePct: 100 }],
  }, tto);
  await api(baseUrl, 'POST', `/api/achievements/${a.id}/submit`, undefined, tto);
  await api(baseUrl, 'POST', `/api/achievements/${a.id}/publish`, undefined, tto);
  const l = await api(baseUrl, 'POST', '/api/listings', {
    achievementId: a.id, method: 'auction', dealType: 'transfer',
    auction: { startPrice: 1_000_000, increment: 50_000, endsAt: new Date(Date.now() + endsInS * 1000).toISOString(), softCloseSeconds: softS },
  }, tto);
  for (const email of ['sme@demo.ttx', 'enterprise@demo.ttx']) {
    const t = await token(baseUrl, email);
    const me = await api(baseUrl, 'POST', `/api/auctions/${l.auctionId}/register`, {}, t);
    await api(baseUrl, 'POST', `/api/auctions/${l.auctionId}/bidders/${me.organizationId}`, { status: 'approved' }, tto);
  }
  return l.auctionId as string;
}

/** A fresh published patent of the demo university (catalog set-up through the api). */
async function publishedAchievement(baseUrl: string, title: { zh: string; en: string }): Promise<string> {
  const tto = await token(baseUrl, 'tto@demo.ttx');
  const a = await api(baseUrl, 'POST', '/api/achievements', {
    kind: 'technical_secret', title, abstract: { zh: '网页挂牌表单测试。', en: 'Web listing form test.' }, fieldCode: '01.01', dealTypes: ['transfer', 'licence'],
    inventors: [{ name: '李伟', sharePct: 100 }],
  }, tto);
  await api(baseUrl, 'POST', `/api/achievements/${a.id}/submit`, undefined, tto);
  await api(baseUrl, 'POST', `/api/achievements/${a.id}/publish`, undefined, tto);
  return a.id as string;
}

describe('market', () => {
  journey('a TTO lists its published achievement at a fixed price through the form; it appears on the public market page', async ({ page, baseUrl }) => {
    const tag = Date.now().toString(36);
    const title = { zh: `挂牌表单演示成果 ${tag}`, en: `Listing form lot ${tag}` };
    await publishedAchievement(baseUrl, title);
    await openHome(page);
    await useLang(page, 'en-US');
    await loginViaUi(page, 'tto@demo.ttx', DEMO_PASSWORD);
    await page.goto('/market/mine');
    await page.getByTestId('my-listings-new').click();
    await page.getByTestId('listing-form-heading').waitFor();
    // The select searches the institution's achievements on the server: type, then pick.
    await page.getByTestId('lf-achievement').click();
    await page.keyboard.type(tag);
    await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: title.en }).click();
    await page.getByTestId('lf-deal-type').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: 'Transfer' }).click();
    // Without a price the form names what is missing instead of sending.
    await page.getByTestId('lf-submit').click();
    await expectText(page.getByTestId('lf-problems'), /Price/);
    await page.getByTestId('lf-price').fill('86,000');
    await page.getByTestId('lf-submit').click();
    await page.waitForURL(/\/market\/listings\/[0-9a-f-]{36}$/);

    // Anyone sees it on the public market page, with its price.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttx-web-e2e-public-'));
    const visitor = await launchContext(dir, baseUrl);
    try {
      const p = visitor.pages()[0] ?? (await visitor.newPage());
      await p.goto('/market');
      await p.getByTestId('market-q').fill(tag);
      await p.getByTestId('market-q').press('Enter');
      const row = p.getByTestId('market-row').filter({ hasText: tag });
      await expectText(row, /86,000/);
      await expectText(row, /挂牌|Fixed price/);
    } finally {
      await visitor.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  journey(
    'two enterprises bid against each other live; the countdown extends; after the close the winner sees the deal and the result is public',
    async ({ page, baseUrl }) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttx-web-e2e-second-'));
      const other = await launchContext(dir, baseUrl);
      try {
        const rival = other.pages()[0] ?? (await other.newPage());
        const rooms = [[page, 'sme@demo.ttx'], [rival, 'enterprise@demo.ttx']] as const;
        for (const [p, email] of rooms) {
          await openHome(p);
          await useLang(p, 'en-US');
          await loginViaUi(p, email, DEMO_PASSWORD);
        }
        // Ends in 14 s with a 12-second soft close: the bids below land inside the window.
        const auctionId = await liveAuction(baseUrl, 14, 12);
        for (const [p] of rooms) {
          await p.goto(`/market/auctions/${auctionId}`);
          await p.getByTestId('auction-live').waitFor();
          await expectText(p.getByTestId('auction-high-bid'), '—');
        }
        const endsBefore = await page.getByTestId('auction-ends-at').innerText();
        // Bid only once well inside the soft-close window (≤ 10 s left of 12), so the extension is visible
        // (bid time + 12 s > the old end by ≥ 2 s) however fast the pages loaded.
        while (new Date(endsBefore).getTime() - Date.now() > 10_000) await new Promise((r) => setTimeout(r, 200));

        // sme bids the start price; the rival's room shows it without a reload.
        await page.getByTestId('bid-submit').click();
        await page.getByTestId('bid-confirm-text').waitFor();
        await page.locator('.ant-modal-footer .ant-btn-primary').click();
        await expectText(rival.getByTestId('auction-high-bid'), '¥10,000');
        await expectText(page.getByTestId('auction-leading'), /high bidder/);

        // Inside the 12-second window: the end moved to bid time + 12 s, in both rooms.
        let endsAfter = endsBefore;
        for (const deadline = Date.now() + 10_000; endsAfter === endsBefore && Date.now() < deadline; ) {
          await new Promise((r) => setTimeout(r, 100));
          endsAfter = (await rival.getByTestId('auction-ends-at').innerText()).trim();
        }
        expect(new Date(endsAfter).getTime()).toBeGreaterThan(new Date(endsBefore).getTime());

        // The rival outbids (prefilled with high + increment); sme sees it live.
        await rival.getByTestId('bid-submit').click();
        await rival.getByTestId('bid-confirm-text').waitFor();
        await rival.locator('.ant-modal-footer .ant-btn-primary').click();
        await expectText(page.getByTestId('auction-high-bid'), '¥10,500');
        await expectText(page.getByTestId('auction-bid-count'), '2');
        const history = page.getByTestId('bid-history-row');
        await expectText(history.first(), /#\d/); // the rival is anonymous to sme
        await expectText(history.nth(1), /You/);

        // The close job fires at the (extended) end: the winner sees the deal.
        await expectText(rival.getByTestId('auction-outcome'), /You won at ¥10,500/, 40_000);
        await expectText(page.getByTestId('auction-outcome'), /Sold at ¥10,500/, 10_000);
        await rival.getByTestId('auction-deal-link').click();
        await rival.getByTestId('deal-row').first().waitFor();

        // The deal result is public: an anonymous visitor sees it on the listing and in the public notices (公示).
        const a = await api(baseUrl, 'GET', `/api/auctions/${auctionId}`);
        const listing = await api(baseUrl, 'GET', `/api/listings/${a.listingId}`);
        expect(listing.deal).toMatchObject({ price: 1_050_000 });
        const notices = await api(baseUrl, 'GET', '/api/disclosures?kind=deal&pageSize=100');
        const notice = notices.items.find((n: { subjectId: string }) => n.subjectId === listing.deal.id);
        expect(notice).toMatchObject({ subjectType: 'deal', status: 'open', summary: { method: 'auction', priceFen: 1_050_000 } });
      } finally {
        await other.close().catch(() => undefined);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
