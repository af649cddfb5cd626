import { withCheckCharacter } from '@ttx/shared/policy';
import { expectText, journey } from './support/browser';
import { NEW_USER_PASSWORD, openHome, registerViaUi, submitLogin, uniqueEmail, useLang } from './support/flows';

/** A credit code no earlier run registered: 9 (enterprise) 1 (company), Hefei's region, then digits from the clock. */
const uniqueCreditCode = () => withCheckCharacter(`91340100${String(Date.now()).slice(-9)}`);

describe('a new user registers an organisation', () => {
  journey('from the side nav: the form checks the code, the API registers it, and the dashboard says it awaits verification', async ({ page }) => {
    await openHome(page);
    await useLang(page, 'en-US');
    const user = { email: uniqueEmail('org'), displayName: 'E2E Org Founder', password: NEW_USER_PASSWORD };
    await registerViaUi(page, user);
    await submitLogin(page, user.email, user.password);
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await page.getByTestId('dashboard-create-org').waitFor();

    await page.getByTestId('nav-organization-new').click();
    await page.waitForURL((u) => u.pathname === '/organizations/new');
    await expectText(page.getByTestId('org-create-heading'), 'Register an organisation');

    const code = uniqueCreditCode();
    const name = `E2E Robotics ${code.slice(-6)}`;
    await page.getByTestId('org-name').fill(name);
    await page.getByTestId('org-kind').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: 'Enterprise' }).click();
    await page.getByTestId('org-sme').click();
    // A wrong check character is caught before anything is sent.
    await page.getByTestId('org-credit-code').fill(code.slice(0, 17) + (code[17] === '0' ? '1' : '0'));
    await page.getByTestId('org-region-code').fill('340100');
    await page.getByTestId('org-submit').click();
    await expectText(page.locator('nz-form-item').filter({ has: page.getByTestId('org-credit-code') }), /check character is wrong/);

    await page.getByTestId('org-credit-code').fill(code.toLowerCase());
    await page.getByTestId('org-submit').click();
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await expectText(page.getByTestId('dashboard-pending'), new RegExp(`${name}.? awaits verification by the platform`));
  });
});
