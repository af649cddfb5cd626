import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, expectText, journey } from './support/browser';
import { DEMO_PASSWORD, expectNotification, loginViaUi, openHome } from './support/flows';

/** A second user at the same time needs a second browser profile (local storage holds the session). */
async function secondUser(baseUrl: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttx-web-e2e-profile-'));
  const context: BrowserContext = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, baseURL: baseUrl, viewport: { width: 1280, height: 860 } });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('brokerage', () => {
  journey('an SME posts a demand and sees a match with reasons; a broker opens a room; both exchange messages live; the SME makes an offer', async ({ page, baseUrl }) => {
    const tag = Date.now().toString(36);
    await openHome(page);
    await loginViaUi(page, 'sme@demo.ttx', DEMO_PASSWORD);
    await page.goto('/brokerage/demands/new');
    await page.getByTestId('demand-title-zh').fill(`寻求锂离子电池硅碳负极材料技术 ${tag}`);
    await page.getByTestId('demand-summary-zh').fill('我公司生产动力电池，需要高容量硅碳负极材料的制备技术，希望以许可方式合作。');
    await page.getByTestId('demand-field').fill('05.01');
    await page.getByTestId('demand-budget-max').locator('input').fill('3000000');
    await page.getByTestId('demand-save').click();
    await page.waitForURL((u) => /^\/brokerage\/demands\/[0-9a-f-]{36}$/.test(u.pathname));
    const demandUrl = new URL(page.url()).pathname;
    await page.getByTestId('demand-title').waitFor();

    // The obvious match comes first, with reasons (default language zh-CN).
    await expectText(page.getByTestId('match-title').first(), /硅碳负极/);
    await expectText(page.getByTestId('match-reasons').first(), /同一领域/);

    const broker = await secondUser(baseUrl);
    try {
      await openHome(broker.page);
      await loginViaUi(broker.page, 'broker@demo.ttx', DEMO_PASSWORD);
      await broker.page.goto(demandUrl);
      await broker.page.getByTestId('match-open-room').first().click();
      await broker.page.waitForURL((u) => u.pathname.startsWith('/brokerage/rooms/'));
      const roomUrl = new URL(broker.page.url()).pathname;
      await broker.page.getByTestId('room-invite-email').fill('sme@demo.ttx');
      await broker.page.getByTestId('room-invite').click();
      await expectText(broker.page.getByTestId('room-member').nth(1), /张强/);
      await broker.page.getByTestId('room-accept-nda').click();
      await broker.page.getByTestId('room-message-input').waitFor();

      await page.goto(roomUrl);
      await page.getByTestId('room-accept-nda').click();
      await expectText(page.getByTestId('room-stage'), /洽谈中|Negotiating/);
      // Both pages joined the room's socket.io channel: from here on they do not poll, so what arrives is pushed.
      await expectText(page.getByTestId('room-live'), /实时|Live/);
      await expectText(broker.page.getByTestId('room-live'), /实时|Live/);
      await page.getByTestId('room-message-input').fill(`您好，我们希望获得许可 ${tag}`);
      await page.getByTestId('room-send').click();

      // The broker's open page receives it without a reload, well inside the old 2-second polling period.
      await expectText(broker.page.getByTestId('room-messages'), new RegExp(`我们希望获得许可 ${tag}`), 1_500);
      await broker.page.getByTestId('room-message-input').fill(`收到，马上协调成果方 ${tag}`);
      await broker.page.getByTestId('room-send').click();
      await expectText(page.getByTestId('room-messages'), new RegExp(`马上协调成果方 ${tag}`));
      // Each message also notifies the room's other members (relayed by the worker): the SME's dashboard lists the broker's.
      await page.goto('/dashboard');
      await expectNotification(page, `刘洋 Liu Yang (Broker)：收到，马上协调成果方 ${tag}`);
      // …whose "open" leads back into the room.
      const note = page.locator('nz-list-item[data-testid^="notification-"]').filter({ hasText: `马上协调成果方 ${tag}` }).first();
      await note.getByRole('link', { name: '查看' }).click();
      await page.waitForURL((u) => u.pathname === roomUrl);
      await expectText(page.getByTestId('room-live'), /实时|Live/);

      // An offer from the room (announced to the market as deal-room.offer-made).
      await page.getByTestId('room-offer-amount').locator('input').fill('1500000');
      await page.getByTestId('room-offer-submit').click();
      await expectText(page.getByTestId('room-offer').first(), /1,500,000/);
      await broker.page.reload();
      await expectText(broker.page.getByTestId('room-offer').first(), /1,500,000/);
    } finally {
      await broker.close();
    }
  });

  journey('in the seeded deal room, the SME makes an offer that appears in the listing’s negotiation for the TTO', async ({ page, baseUrl }) => {
    await openHome(page);
    await loginViaUi(page, 'sme@demo.ttx', DEMO_PASSWORD);
    await page.goto('/brokerage/workspace');
    await page.getByTestId('workspace-room').filter({ hasText: '水下对接' }).first().click();
    await page.waitForURL((u) => u.pathname.startsWith('/brokerage/rooms/'));
    await expectText(page.getByTestId('room-live'), /实时|Live/);
    const amount = 1_700_000 + Math.floor(Math.random() * 10_000);
    await page.getByTestId('room-offer-amount').locator('input').fill(String(amount));
    await page.getByTestId('room-offer-submit').click();
    const offer = page.getByTestId('room-offer').filter({ hasText: amount.toLocaleString('en-US') });
    await offer.getByTestId('room-offer-market').click();
    await page.waitForURL((u) => u.pathname.startsWith('/market/listings/'));
    const listingUrl = new URL(page.url()).pathname;
    await expectText(page.getByTestId('offer-row').last(), new RegExp(amount.toLocaleString('en-US')));

    const tto = await secondUser(baseUrl);
    try {
      await openHome(tto.page);
      await loginViaUi(tto.page, 'tto@demo.ttx', DEMO_PASSWORD);
      await tto.page.goto(listingUrl);
      await expectText(tto.page.getByTestId('offer-row').last(), new RegExp(amount.toLocaleString('en-US')));
    } finally {
      await tto.close();
    }
  });
});
