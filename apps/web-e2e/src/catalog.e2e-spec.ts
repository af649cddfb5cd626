import { journey, expectText } from './support/browser';
import { DEMO_PASSWORD, loginViaUi, openHome, useLang } from './support/flows';
import type { Page } from 'playwright-core';

/** Types a query into the catalog's search box and waits for hits whose first <mark> matches. */
async function searchCatalog(page: Page, q: string, mark: RegExp): Promise<void> {
  await page.getByTestId('catalog-search-input').fill(q);
  await page.getByTestId('catalog-search-button').click();
  await page.waitForURL((u) => u.pathname === '/catalog' && u.searchParams.get('q') === q);
  const hits = page.getByTestId('catalog-hit');
  await hits.first().waitFor();
  await expectText(hits.first().locator('mark').first(), mark);
}

describe('catalog', () => {
  journey('an anonymous visitor finds achievements by a 2-character Chinese word and by an English word', async ({ page }) => {
    await openHome(page);
    await page.getByTestId('header-catalog').click();
    await page.getByTestId('catalog-heading').waitFor();
    await expectText(page.getByTestId('catalog-heading'), '科技成果库');
    await page.getByTestId('catalog-hit').first().waitFor();

    await searchCatalog(page, '电池', /电池/);
    await expectText(page.getByTestId('catalog-total'), /共 \d+ 项成果/);

    await useLang(page, 'en-US');
    // English matches by stem: battery, batteries.
    await searchCatalog(page, 'battery', /batter(y|ies)/i);
    await expectText(page.getByTestId('catalog-total'), /\d+ achievements/);

    // A facet narrows the results and lands in the URL.
    await page.locator('[data-testid^="facet-kind-"]').first().click();
    await page.waitForURL((u) => u.searchParams.has('kind') && u.searchParams.get('q') === 'battery');
    await page.getByTestId('catalog-hit').first().waitFor();

    // The detail page shows the public part and asks anonymous visitors to sign in.
    await page.getByTestId('catalog-hit-title').first().click();
    await page.getByTestId('detail-title').waitFor();
    await page.getByTestId('detail-sign-in-hint').waitFor();
    expect(await page.getByTestId('detail-confidential').count()).toBe(0);
  });

  journey('an enterprise member accepts the NDA and sees the confidential part', async ({ page }) => {
    await openHome(page);
    await loginViaUi(page, 'sme@demo.ttx', DEMO_PASSWORD);
    await page.goto('/catalog?q=电池');
    await page.getByTestId('catalog-hit-title').first().click();
    await page.getByTestId('detail-title').waitFor();
    expect(await page.getByTestId('detail-confidential').count()).toBe(0);

    await page.getByTestId('nda-open').click();
    await page.getByTestId('nda-text').waitFor();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('detail-confidential').waitFor();
    await expectText(page.getByTestId('detail-technical'), /\S+/);
    expect(await page.getByTestId('nda-open').count()).toBe(0);

    // The acceptance is remembered: a reload shows the confidential part straight away.
    await page.reload();
    await page.getByTestId('detail-confidential').waitFor();
  });
});

describe('catalog portal', () => {
  journey('a TTO manager creates (shares 60/40), submits and publishes an achievement; an anonymous visitor finds it', async ({ page }) => {
    const tag = Date.now().toString(36);
    const titleZh = `璇玑固态储能单元 ${tag}`;
    const titleEn = `Zephyrine solid-state storage cell ${tag}`;

    await openHome(page);
    await loginViaUi(page, 'tto@demo.ttx', DEMO_PASSWORD);
    await page.getByTestId('nav-catalog-mine').click();
    await page.getByTestId('mine-heading').waitFor();
    await page.getByTestId('mine-new').click();
    await page.getByTestId('new-heading').waitFor();

    await page.getByTestId('new-title-zh').fill(titleZh);
    await page.getByTestId('new-title-en').fill(titleEn);
    await page.getByTestId('new-abstract-zh').fill('一种璇玑结构的固态储能单元，能量密度高。');
    await page.getByTestId('new-abstract-en').fill('A zephyrine-structured solid-state storage cell with high energy density.');
    await page.getByTestId('new-detail-en').fill('Confidential stacking recipe.');

    const inventors = page.getByTestId('new-inventor-name');
    const shares = page.locator('[data-testid="new-inventor-share"] input');
    await inventors.nth(0).fill('张三');
    await shares.nth(0).fill('60');
    await shares.nth(0).press('Tab');
    await expectText(page.getByTestId('new-share-sum'), /60%/);
    await page.locator('[data-testid="new-submit"]:disabled').waitFor();

    await page.getByTestId('new-add-inventor').click();
    await inventors.nth(1).fill('李四');
    await shares.nth(1).fill('40');
    await shares.nth(1).press('Tab');
    await expectText(page.getByTestId('new-share-sum'), /100%/);
    // Submitting also needs a technology field and a deal type.
    await page.locator('[data-testid="new-submit"]:disabled').waitFor();
    await page.getByTestId('new-field').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').nth(1).click();
    await page.getByTestId('new-deal-types').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: '许可' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('new-share-sum').click();
    await page.locator('[data-testid="new-submit"]:enabled').waitFor();
    await page.getByTestId('new-submit').click();

    await page.waitForURL((u) => u.pathname === '/catalog/mine');
    const row = page.locator('tr', { hasText: titleZh });
    await expectText(row.getByTestId('mine-row-status'), '已提交');
    await row.getByTestId('mine-publish').click();
    await expectText(row.getByTestId('mine-row-status'), '已发布');

    await page.getByTestId('logout-button').click();
    await page.getByTestId('nav-login').waitFor();

    for (const [q, title] of [
      ['璇玑', titleZh],
      ['zephyrine', titleEn],
    ] as const) {
      if (q === 'zephyrine') await useLang(page, 'en-US');
      await page.goto(`/catalog?q=${encodeURIComponent(q)}`);
      await expectText(page.getByTestId('catalog-hit-title').first(), title);
    }
  });
});
