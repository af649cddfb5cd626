import { journey, expectAttribute, expectPath, expectText } from './support/browser';
import { DEMO_PASSWORD, loginViaUi, openHome, submitLogin, useLang } from './support/flows';

describe('demo users and the session', () => {
  journey('a demo TTO manager signs in and sees the TTO dashboard (zh, then en live)', async ({ page }) => {
    await openHome(page);
    const at = await loginViaUi(page, 'tto@demo.ttx', DEMO_PASSWORD);
    expect(at).toBe('/dashboard/tto_manager');
    const heading = page.getByTestId('dashboard-heading');
    await expectAttribute(heading, 'data-role', 'tto_manager');
    await expectText(heading, '技术转移办公室工作台');
    await expectText(page.getByTestId('user-name'), /王敏/);
    expect(await page.getByTestId('dashboard-no-role').count()).toBe(0);

    await useLang(page, 'en-US');
    await expectText(heading, 'Technology transfer office dashboard');
  });

  journey('a demo broker signs in in English and sees the broker dashboard', async ({ page }) => {
    await openHome(page);
    await useLang(page, 'en-US');
    const at = await loginViaUi(page, 'broker@demo.ttx', DEMO_PASSWORD);
    expect(at).toBe('/dashboard/broker');
    await expectAttribute(page.getByTestId('dashboard-heading'), 'data-role', 'broker');
    await expectText(page.getByTestId('dashboard-heading'), 'Technology broker dashboard');
  });

  journey('a wrong password shows the login error and keeps the user signed out', async ({ page }) => {
    await page.goto('/login');
    await submitLogin(page, 'researcher@demo.ttx', 'not-the-password');
    const error = page.getByTestId('login-error');
    await expectText(error, /邮箱或密码错误。/);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByTestId('user-name').count()).toBe(0);
    await page.getByTestId('nav-login').waitFor();

    // The alert follows the language switch.
    await useLang(page, 'en-US');
    await expectText(error, /Wrong e-mail or password\./);
  });

  journey('logout returns to the public home page and ends the session', async ({ page }) => {
    await openHome(page);
    await loginViaUi(page, 'researcher@demo.ttx', DEMO_PASSWORD);
    await page.getByTestId('logout-button').click();
    await expectPath(page, '/');
    await page.getByTestId('home-hero').waitFor();
    await page.getByTestId('nav-login').waitFor();
    expect(await page.getByTestId('user-name').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('ttx.auth'))).toBeNull();

    // Protected pages send a signed-out visitor to the login page, also after a reload.
    await page.goto('/dashboard');
    await expectPath(page, '/login', { returnUrl: '/dashboard' });
  });
});
