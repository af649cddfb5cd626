import { expectText, journey } from './support/browser';
import { DEMO_PASSWORD, loginViaUi, openHome, useLang } from './support/flows';

const APPLICANT = '芜湖云智机器人科技有限公司（演示）';

describe('platform admin: organisation review', () => {
  journey('the admin opens the review queue, sees the applicant and its members, verifies it and it shows verified', async ({ page }) => {
    await openHome(page);
    await loginViaUi(page, 'admin@demo.ttx', DEMO_PASSWORD);
    await page.getByTestId('nav-admin-organizations').click();
    await expectText(page.getByTestId('orgs-heading'), '机构审核');
    // The demo seed leaves one enterprise unverified; the queue (default filter) lists it.
    const row = page.getByTestId('org-row').filter({ hasText: APPLICANT });
    await expectText(row.getByTestId('org-state'), '未认证');

    await row.getByTestId('org-members-open').click();
    await expectText(page.getByTestId('org-member-row').first(), /applicant@demo\.ttx/);
    await page.locator('.ant-drawer-close').click();

    await useLang(page, 'en-US');
    await expectText(row.getByTestId('org-state'), 'Not verified');
    await row.getByTestId('org-verify').click();
    await page.locator('.ant-popover .ant-btn-primary').click();
    await expectText(row.getByTestId('org-state'), /Verified \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await row.getByTestId('org-verify').count()).toBe(0);

    // The verification is stored: after a reload the applicant has left the queue (the default filter).
    await page.reload();
    await expectText(page.getByTestId('orgs-heading'), 'Organisation review');
    await page.getByTestId('orgs-table').locator('.ant-spin-container:not(.ant-spin-blur)').waitFor();
    await expectText(page.getByTestId('orgs-filter'), /Awaiting verification/);
    expect(await page.getByTestId('org-row').filter({ hasText: APPLICANT }).count()).toBe(0);
  });
});
