import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expectText, journey } from './support/browser';
import { DEMO_PASSWORD, loginViaUi, openHome, submitLogin } from './support/flows';
import { WORKSPACE_ROOT } from './support/paths';

const BAD_ROWS = path.join(WORKSPACE_ROOT, 'libs/api/registry/src/lib/imports/fixtures/bad-rows.csv');

async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout-button').click();
  await page.getByTestId('nav-login').waitFor();
}

/** Signs in through the login page directly (a toast of the previous session may cover the header button). */
async function loginAs(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await submitLogin(page, email, DEMO_PASSWORD);
  await page.waitForURL((u) => u.pathname.startsWith('/dashboard'));
}

async function openContract(page: Page, projectName: string): Promise<void> {
  await page.goto('/registry');
  await page.getByTestId('registry-heading').waitFor();
  await page.locator('tr', { hasText: projectName }).getByTestId('registry-row-link').click();
  await page.getByTestId('cd-title').waitFor();
}

describe('contract registry', () => {
  journey('a seller files, a registrar registers, the seller downloads the certificate and the public verify page confirms it', async ({ page }) => {
    const tag = Date.now().toString(36);
    const project = `工业视觉缺陷检测算法许可 ${tag}`;
    const amountYuan = 500_000 + (Date.now() % 1000);

    // The Beijing agency (broker@demo.ttx) is the seller; registrar@demo.ttx administers Beijing.
    await openHome(page);
    await loginViaUi(page, 'broker@demo.ttx', DEMO_PASSWORD);
    await page.getByTestId('nav-registry').click();
    await page.getByTestId('registry-heading').waitFor();
    await page.getByTestId('registry-new').click();
    await page.getByTestId('cf-project').fill(project);
    await page.getByTestId('cf-buyer-name').fill('合肥智能装备有限公司（演示）');
    await page.getByTestId('cf-buyer-code').fill('91340100MA2TTX01BX');
    await page.getByTestId('cf-buyer-region').fill('340104');
    await page.locator('[data-testid="cf-contract"] input').fill(String(amountYuan));
    await page.locator('[data-testid="cf-equipment"] input').fill('50000');
    await page.locator('[data-testid="cf-materials"] input').fill('20000');
    await page.locator('[data-testid="cf-materials"] input').press('Tab');
    // The technology transaction amount follows the typing: contract − equipment − materials.
    await expectText(page.getByTestId('cf-tech-amount'), new RegExp(`¥${(amountYuan - 70_000).toLocaleString('zh-CN')}\\.00$`));
    await page.getByTestId('cf-save-submit').click();
    await expectText(page.getByTestId('cd-status'), '已提交');
    await logout(page);

    await loginAs(page, 'registrar@demo.ttx');
    await openContract(page, project);
    await page.getByTestId('cd-register').click();
    await expectText(page.getByTestId('cd-status'), '已登记');
    const number = await expectText(page.getByTestId('cd-number'), /^\d{4}110108\d{6}$/);
    await logout(page);

    await loginAs(page, 'broker@demo.ttx');
    await openContract(page, project);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cd-certificate').click()]);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const code = (await expectText(page.getByTestId('cd-verify-link'), /[0-9A-F]{20}/)).match(/[0-9A-F]{20}/)?.[0];
    await logout(page);

    // Anyone, signed out, confirms the certificate by its code.
    await page.goto(`/registry/verify/${code}`);
    await expectText(page.getByTestId('verify-result'), '证书有效');
    await expectText(page.getByTestId('verify-number'), number);
    await expectText(page.getByTestId('verify-seller'), '中关村技术经纪服务中心（演示）');
  });

  journey('a registrar imports a file with bad rows: a progress bar, then the error table', async ({ page }) => {
    await openHome(page);
    await loginViaUi(page, 'registrar@demo.ttx', DEMO_PASSWORD);
    await page.goto('/registry');
    // The queue shows the deadline colours of the seeded accepted contracts.
    await page.getByTestId('deadline-overdue').first().waitFor();
    await page.getByTestId('registry-import').click();
    await page.getByTestId('imp-file').setInputFiles(BAD_ROWS);
    await page.getByTestId('imp-start').click();
    await page.getByTestId('imp-progress').waitFor();
    await page.getByTestId('imp-done').waitFor();
    await expectText(page.getByTestId('imp-summary'), /已处理 22 行/);
    await page.getByTestId('imp-errors').waitFor();
    expect(await page.getByTestId('imp-error-row').count()).toBeGreaterThanOrEqual(18);
    await expectText(page.getByTestId('imp-errors'), /sellerRegion/);
  });

  journey('the public statistics dashboard draws its charts', async ({ page }) => {
    await page.goto('/registry/stats');
    await page.getByTestId('stats-heading').waitFor();
    await expectText(page.getByTestId('stats-total'), /合计: [1-9]\d* /);
    await page.locator('[data-testid="chart-trend"] canvas').first().waitFor();
    await page.locator('[data-testid="chart-region"] canvas').first().waitFor();
  });
});
