import type { Page } from 'playwright-core';
import { expectAttribute, expectPath, expectText } from './browser';

export const DEMO_PASSWORD = 'ttx-demo-2026';
export const NEW_USER_PASSWORD = 'e2e-Passw0rd-2026';

export type Lang = 'zh-CN' | 'en-US';

/** A unique e-mail per call (each run has its own database, but journeys must not collide either). */
export const uniqueEmail = (tag: string) => `${tag}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.ttx`;

/** Opens the home page and waits for the app to render. */
export async function openHome(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByTestId('home-hero').waitFor();
}

/** The language the header switch reports (data-lang). */
export async function currentLang(page: Page): Promise<string | null> {
  return page.getByTestId('lang-switch').getAttribute('data-lang');
}

/** Clicks the language switch until the app runs in `lang` (one click toggles). */
export async function useLang(page: Page, lang: Lang): Promise<void> {
  const sw = page.getByTestId('lang-switch');
  await sw.waitFor();
  if ((await sw.getAttribute('data-lang')) !== lang) await sw.click();
  await expectAttribute(sw, 'data-lang', lang);
  await expectAttribute(page.locator('html'), 'lang', lang);
}

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
}

/** Header → register form → submit; ends on /login?registered=1&email=… with the notice shown. */
export async function registerViaUi(page: Page, user: NewUser): Promise<void> {
  await page.getByTestId('nav-register').click();
  await expectPath(page, '/register');
  await page.getByTestId('register-email').fill(user.email);
  await page.getByTestId('register-display-name').fill(user.displayName);
  await page.getByTestId('register-password').fill(user.password);
  await page.getByTestId('register-confirm-password').fill(user.password);
  await page.getByTestId('register-submit').click();
  const url = await expectPath(page, '/login', { registered: '1', email: user.email });
  expect(url.searchParams.get('email')).toBe(user.email);
  await page.getByTestId('login-registered').waitFor();
}

/** Fills and submits the login form on /login (the e-mail may be prefilled). */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  const emailInput = page.getByTestId('login-email');
  await emailInput.waitFor();
  if ((await emailInput.inputValue()) !== email) await emailInput.fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Header → login form → dashboard; returns the dashboard's path (e.g. /dashboard/tto_manager). */
export async function loginViaUi(page: Page, email: string, password: string): Promise<string> {
  await page.getByTestId('nav-login').click();
  await expectPath(page, '/login');
  await submitLogin(page, email, password);
  await page.waitForURL((u) => u.pathname.startsWith('/dashboard'));
  await page.getByTestId('dashboard-heading').waitFor();
  return new URL(page.url()).pathname;
}

/**
 * Waits for a notification with this title in the dashboard's list. The list is loaded when the
 * dashboard opens and is not pushed to: while it is missing the page is reloaded (as a user would).
 */
export async function expectNotification(page: Page, title: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const item = page.locator('nz-list-item[data-testid^="notification-"]').filter({ hasText: title });
  for (;;) {
    await page.getByTestId('notifications').waitFor();
    const left = deadline - Date.now();
    try {
      await item.first().waitFor({ timeout: Math.max(1, Math.min(3_000, left)) });
      await expectText(item.first(), new RegExp(escapeRegExp(title)));
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`notification "${title}" not shown within ${timeoutMs} ms: ${(e as Error).message}`);
    }
    await page.reload();
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
