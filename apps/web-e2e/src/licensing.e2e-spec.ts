import { Client } from 'pg';
import type { Locator, Page } from 'playwright-core';
import { withPatentCheckCharacter } from '@ttx/shared/policy';
import { e2eState, expectText, journey } from './support/browser';
import { DEMO_PASSWORD, loginViaUi, openHome, submitLogin, useLang } from './support/flows';
import { api, token } from './support/api';

/**
 * The TTO files a granted patent whose team includes researcher@demo.ttx (so the payment's inventor share
 * is hers) and declares a royalty-only open licence (专利开放许可) of 5 % of net sales.
 */
async function openRoyaltyLicence(baseUrl: string, tag: string): Promise<{ listingId: string; title: string }> {
  const tto = await token(baseUrl, 'tto@demo.ttx');
  const title = `Open-licence battery patent ${tag}`;
  const serial = String(Date.now() % 100_000_000).padStart(8, '0');
  const a = await api(baseUrl, 'POST', '/api/achievements', {
    kind: 'invention_patent',
    title: { zh: `开放许可储能专利 ${tag}`, en: title },
    abstract: { zh: '网页端到端许可测试。', en: 'Web end-to-end licensing test.' },
    fieldCode: '01.01',
    dealTypes: ['licence'],
    ipRecords: [{ number: withPatentCheckCharacter(`2024${serial}`), office: 'CNIPA', status: 'granted', expiryDate: '2044-01-01' }],
    inventors: [{ name: '李伟', sharePct: 60, email: 'researcher@demo.ttx' }, { name: '王芳', sharePct: 40 }],
  }, tto);
  await api(baseUrl, 'POST', `/api/achievements/${a.id}/submit`, undefined, tto);
  await api(baseUrl, 'POST', `/api/achievements/${a.id}/publish`, undefined, tto);
  const l = await api(baseUrl, 'POST', '/api/listings', {
    achievementId: a.id, method: 'open_licence', dealType: 'licence',
    openLicence: { feeType: 'royalty', royaltyBp: 500, termMonths: 24 },
  }, tto);
  return { listingId: l.id as string, title };
}

/**
 * Time travel for the test: the licence taken today is moved to have started four months ago, so that
 * a royalty quarter has ended and its sales can be reported (the API takes closed periods only). Only
 * the start moves: the deferral still waits for the first sales or the policy's 12 months.
 */
async function startedMonthsAgo(licenceId: string, months: number): Promise<void> {
  const db = new Client({ connectionString: e2eState().databaseUrl });
  await db.connect();
  try {
    await db.query(`UPDATE licences SET starts_on = starts_on - make_interval(months => $2) WHERE id = $1`, [licenceId, months]);
  } finally {
    await db.end();
  }
}

async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout-button').click();
  await page.getByTestId('nav-login').waitFor();
}

/** The invoice is written by the worker after the report: reload (as a user would) until it shows. */
async function awaitInvoice(page: Page, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await page.getByTestId('invoice-row').first().waitFor({ timeout: 3_000 });
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`no invoice within ${timeoutMs} ms: ${(e as Error).message}`);
    }
    await page.reload();
    await page.getByTestId('licence-title').waitFor();
  }
}

describe('licensing', () => {
  journey(
    'an SME takes an open licence with use-first-pay-later, reports sales, gets an invoice and pays it; the researcher sees her income line',
    async ({ page, baseUrl }) => {
      const tag = Date.now().toString(36);
      const { listingId, title } = await openRoyaltyLicence(baseUrl, tag);

      // The SME takes the open licence in the market.
      await openHome(page);
      await useLang(page, 'en-US');
      await loginViaUi(page, 'sme@demo.ttx', DEMO_PASSWORD);
      await page.goto(`/market/listings/${listingId}`);
      await page.getByTestId('listing-take-licence').click();
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByTestId('listing-message').waitFor();
      const sme = await token(baseUrl, 'sme@demo.ttx');
      const mine = await api(baseUrl, 'GET', '/api/licences?pageSize=100', undefined, sme);
      const licence = mine.items.find((l: { title: { en: string } }) => l.title.en === title);
      expect(licence).toMatchObject({ kind: 'open', status: 'active', role: 'licensee', terms: { deferral: { untilFirstSales: true } } });
      await startedMonthsAgo(licence.id, 4);

      // My licences: the new open licence, deferred (先使用后付费) for the policy's months or until the first
      // reported sales, whichever comes first — first sales shorten it here.
      await page.getByTestId('nav-licensing').click();
      const row = page.getByTestId('licence-row').filter({ hasText: title });
      await expectText(row.getByTestId('licence-deferred'), /until \d{4}-\d{2}-\d{2} or first sales/);
      await row.getByTestId('licence-link').click();
      await expectText(page.getByTestId('licence-deferral'), /or the first reported sales, whichever comes first/);
      await expectText(page.getByTestId('term-royalty'), /5% of net sales/);
      await expectText(page.getByTestId('invoice-table'), /No invoices/);

      // Bad input is named on the form; then ¥200,000 of net sales for the last ended quarter.
      await page.getByTestId('report-net-sales').fill('12.345');
      await page.getByTestId('report-submit').click();
      await expectText(page.getByTestId('report-form'), /at most 2 decimals/);
      await page.getByTestId('report-net-sales').fill('200000');
      await page.getByTestId('report-submit').click();
      await expectText(page.getByTestId('report-royalty'), '¥10,000');

      // The first sales end the deferral: the worker issues the royalty invoice (5 % = ¥10,000).
      await expectText(page.getByTestId('licence-deferral'), /deferral ended on/);
      await awaitInvoice(page);
      const invoice = page.getByTestId('invoice-row').first();
      await expectText(invoice.getByTestId('invoice-amount'), '¥10,000');
      await expectText(invoice.getByTestId('invoice-status'), 'Open');

      // Over-paying is refused with the API's problem shown in the dialog; the corrected payment goes through.
      await invoice.getByTestId('invoice-pay').click();
      const amount = page.getByTestId('pay-amount');
      await expectInputValue(amount, '10000.00');
      await amount.fill('20000');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByTestId('pay-error').waitFor();
      await amount.fill('10000');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await expectText(page.getByTestId('invoice-row').first().getByTestId('invoice-status'), 'Paid');
      await expectText(page.getByTestId('licence-outstanding'), '¥0');
      await logout(page);

      // The inventor sees her share of the payment in "My income".
      await page.goto('/login');
      await submitLogin(page, 'researcher@demo.ttx', DEMO_PASSWORD);
      await page.waitForURL((u) => u.pathname.startsWith('/dashboard'));
      await page.getByTestId('nav-licensing-income').click();
      const line = page.getByTestId('income-row').filter({ hasText: title });
      await expectText(line.getByTestId('income-title'), title);
      await expectText(line.getByTestId('income-amount'), /¥[\d,]+/);
    },
    150_000,
  );

  journey(
    'the TTO records a licence negotiated off the platform for the demo SME by its credit code, activates it and sees it active',
    async ({ page, baseUrl }) => {
      const title = await publishedAchievement(baseUrl, Date.now().toString(36));
      await openHome(page);
      await useLang(page, 'en-US');
      await loginViaUi(page, 'tto@demo.ttx', DEMO_PASSWORD);
      await page.getByTestId('nav-licensing').click();
      await page.getByTestId('licence-new-link').click();
      await page.getByTestId('licence-form-heading').waitFor();

      // The select searches the institution's achievements on the server: type, then pick.
      await page.getByTestId('lf-achievement').click();
      await page.keyboard.type(title);
      await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: title }).click();
      // The licensee is named by its unified social credit code; the form shows whom the code belongs to.
      await page.getByTestId('lf-credit-code').fill('91340100MA2TTX01BX');
      await expectText(page.getByTestId('lf-licensee'), /合肥智能装备有限公司（演示）/);
      await page.getByTestId('lf-fields').click();
      await page.keyboard.type('05.01');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await page.getByTestId('lf-starts-on').fill('2027-01-01');
      await page.getByTestId('lf-ends-on').fill('2029-12-31');
      await page.getByTestId('lf-lump-amount').fill('80,000');
      // Use first, pay later with the institution policy's months.
      await page.getByTestId('lf-use-deferral').click();

      // A milestone without a name is refused beside the field, before anything is sent.
      await page.getByTestId('lf-milestone-add').click();
      await page.getByTestId('lf-milestone-amount').fill('20000');
      await page.getByTestId('lf-submit').click();
      await expectText(page.getByTestId('lf-milestone'), /Name the milestone/);
      await page.getByTestId('lf-milestone-name').fill('Pilot production');
      await page.getByTestId('lf-submit').click();

      // Saved as a draft, on its own page.
      await page.waitForURL((u) => /^\/licensing\/licences\/[0-9a-f-]{36}$/.test(u.pathname));
      await expectText(page.getByTestId('licence-title'), title);
      await expectText(page.getByTestId('licence-status'), 'Draft');
      await expectText(page.getByTestId('term-lump-sum'), /¥80,000/);
      await page.getByTestId('licence-activate').click();
      await page.locator('.ant-popover .ant-btn-primary').click();
      await expectText(page.getByTestId('licence-status'), 'Active');
      await expectText(page.getByTestId('milestone-row'), /Pilot production/);

      // The TTO's licence list shows it active, licensed to the SME.
      await page.getByTestId('nav-licensing').click();
      const row = page.getByTestId('licence-row').filter({ hasText: title });
      await expectText(row.getByTestId('licence-status'), 'Active');
      await expectText(row, /→ 合肥智能装备有限公司（演示）/);
    },
    120_000,
  );
});

/** A published achievement of the demo university, which its TTO (tto@demo.ttx) may license off the platform. */
async function publishedAchievement(baseUrl: string, tag: string): Promise<string> {
  const tto = await token(baseUrl, 'tto@demo.ttx');
  const title = `Offline-licence sensor patent ${tag}`;
  const serial = String((Date.now() + 7) % 100_000_000).padStart(8, '0');
  const a = await api(baseUrl, 'POST', '/api/achievements', {
    kind: 'invention_patent',
    title: { zh: `线下许可传感器专利 ${tag}`, en: title },
    abstract: { zh: '网页端到端线下许可测试。', en: 'Web end-to-end offline licence test.' },
    fieldCode: '05.01',
    dealTypes: ['licence'],
    ipRecords: [{ number: withPatentCheckCharacter(`2023${serial}`), office: 'CNIPA', status: 'granted', expiryDate: '2043-01-01' }],
    inventors: [{ name: '李伟', sharePct: 100, email: 'researcher@demo.ttx' }],
  }, tto);
  await api(baseUrl, 'POST', `/api/achievements/${a.id}/submit`, undefined, tto);
  await api(baseUrl, 'POST', `/api/achievements/${a.id}/publish`, undefined, tto);
  return title;
}

async function expectInputValue(locator: Locator, value: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await locator.inputValue()) !== value) {
    if (Date.now() > deadline) throw new Error(`input value is ${await locator.inputValue()}, expected ${value}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
