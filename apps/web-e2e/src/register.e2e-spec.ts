import { journey, expectText } from './support/browser';
import { NEW_USER_PASSWORD, currentLang, expectNotification, openHome, registerViaUi, submitLogin, uniqueEmail, useLang } from './support/flows';

/** Register → login → dashboard of a new user (no organisation yet: the welcome page), per language. */
describe('a new user registers, signs in and reaches the dashboard', () => {
  journey('in Chinese (the default)', async ({ page }) => {
    await openHome(page);
    expect(await currentLang(page)).toBe('zh-CN');
    await expectText(page.getByTestId('nav-register'), '注册');

    const user = { email: uniqueEmail('zh'), displayName: '测试用户 张三', password: NEW_USER_PASSWORD };
    await registerViaUi(page, user);
    await expectText(page.getByTestId('login-registered'), /注册成功，请登录。/);
    expect(await page.getByTestId('login-email').inputValue()).toBe(user.email);

    await submitLogin(page, user.email, user.password);
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await page.getByTestId('dashboard-no-role').waitFor();
    await expectText(page.getByTestId('dashboard-heading'), `欢迎，${user.displayName}`);
    await expectText(page.getByTestId('user-name'), user.displayName);

    // Delivered by the worker (BullMQ) after registration, shown in the active language.
    await expectNotification(page, '欢迎加入 TTX 科技成果交易所');
    expect(await page.getByTestId('notifications').innerText()).not.toContain('Welcome to TTX');
  });

  journey('in English (via the language switch)', async ({ page }) => {
    await openHome(page);
    await useLang(page, 'en-US');
    await expectText(page.getByTestId('nav-register'), 'Register');

    const user = { email: uniqueEmail('en'), displayName: 'E2E Jane Doe', password: NEW_USER_PASSWORD };
    await registerViaUi(page, user);
    await expectText(page.getByTestId('login-registered'), /Registration complete — please sign in\./);
    expect(await page.getByTestId('login-email').inputValue()).toBe(user.email);

    await submitLogin(page, user.email, user.password);
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await page.getByTestId('dashboard-no-role').waitFor();
    await expectText(page.getByTestId('dashboard-heading'), `Welcome, ${user.displayName}`);
    await expectText(page.getByTestId('user-name'), user.displayName);

    await expectNotification(page, 'Welcome to TTX');
    expect(await page.getByTestId('notifications').innerText()).not.toContain('欢迎加入');
  });
});
