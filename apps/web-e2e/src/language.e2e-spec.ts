import { journey, expectAttribute, expectText } from './support/browser';
import { openHome, useLang } from './support/flows';

describe('language', () => {
  journey('the language choice persists across reloads (localStorage ttx.lang)', async ({ page }) => {
    await openHome(page);
    const sw = page.getByTestId('lang-switch');
    await expectAttribute(sw, 'data-lang', 'zh-CN');
    await expectText(page.getByTestId('nav-login'), '登录');
    expect(await page.evaluate(() => localStorage.getItem('ttx.lang'))).not.toBe('en-US');

    await useLang(page, 'en-US');
    await expectText(page.getByTestId('nav-login'), 'Sign in');
    expect(await page.evaluate(() => localStorage.getItem('ttx.lang'))).toBe('en-US');

    await page.reload();
    await page.getByTestId('home-hero').waitFor();
    await expectAttribute(sw, 'data-lang', 'en-US');
    await expectAttribute(page.locator('html'), 'lang', 'en-US');
    await expectText(page.getByTestId('nav-login'), 'Sign in');

    // Another page, loaded from scratch, starts in English too.
    await page.goto('/login');
    await expectText(page.getByTestId('login-submit'), 'Sign in');

    await useLang(page, 'zh-CN');
    await page.reload();
    await expectAttribute(sw, 'data-lang', 'zh-CN');
    await expectText(page.getByTestId('login-submit'), '登录');
    expect(await page.evaluate(() => localStorage.getItem('ttx.lang'))).toBe('zh-CN');
  });
});
