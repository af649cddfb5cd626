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
