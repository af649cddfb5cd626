import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { KEEP_LOGS_ENV, STATE_ENV, type E2eState } from './paths';

/** Debian's Chromium; playwright-core never downloads a browser here. */
export const CHROMIUM = process.env['TTX_CHROMIUM'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** The screen a journey runs on: a desktop window by default. */
export type Device = Pick<BrowserContextOptions, 'viewport' | 'deviceScaleFactor' | 'isMobile' | 'hasTouch'>;
export const DESKTOP: Device = { viewport: { width: 1280, height: 860 } };
/** A common phone (390 × 844 CSS pixels, as an iPhone 12–14), touch and mobile viewport meta honoured. */
export const PHONE: Device = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

/** Per action / wait; the whole journey is bounded by jest's testTimeout. */
const ACTION_TIMEOUT_MS = 15_000;

let cached: E2eState | undefined;

/** Base URL and log dir of the api + worker booted by globalSetup. */
export function e2eState(): E2eState {
  if (!cached) {
    const file = process.env[STATE_ENV];
    if (!file) throw new Error(`${STATE_ENV} is not set: run through \`nx e2e web-e2e\` (globalSetup boots the platform)`);
    cached = JSON.parse(fs.readFileSync(file, 'utf8')) as E2eState;
  }
  return cached;
}

export interface Journey {
  page: Page;
  context: BrowserContext;
  baseUrl: string;
}

const slug = (s: string) => s.replace(/[^a-z0-9\u4e00-\u9fff]+/gi, '-').replace(/^-|-$/g, '').slice(0, 80);

/**
 * One user journey in its own headless Chromium with a fresh user-data dir (no storage, no
 * cookies). Browser console errors, page errors and failed requests go to <logDir>/browser.log;
 * on failure a full-page screenshot goes to <logDir>/<journey>.png and the logs are kept.
 */
export function journey(name: string, fn: (j: Journey) => Promise<void>, timeoutMs?: number, device: Device = DESKTOP): void {
  it(name, async () => {
    const { baseUrl, logDir } = e2eState();
    const browserLog = path.join(logDir, 'browser.log');
    const note = (line: string) => fs.appendFileSync(browserLog, `[${name}] ${line}\n`);
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ttx-web-e2e-profile-'));
    let context: BrowserContext | undefined;
    let page: Page | undefined;
    try {
      context = await launchContext(userDataDir, baseUrl, device);
      page = context.pages()[0] ?? (await context.newPage());
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') note(`console.${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => note(`pageerror: ${e.stack ?? e.message}`));
      page.on('requestfailed', (r) => note(`requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
      await fn({ page, context, baseUrl });
    } catch (e) {
      process.env[KEEP_LOGS_ENV] = '1';
      if (page && !page.isClosed()) {
        const shot = path.join(logDir, `${slug(name)}.png`);
        try {
          await page.screenshot({ path: shot, fullPage: true, timeout: 5_000 });
          note(`FAILED at ${page.url()}; screenshot ${shot}`);
          (e as Error).message += `\n(screenshot: ${shot}; page: ${page.url()})`;
        } catch (shotError) {
          note(`FAILED at ${page.url()}; no screenshot: ${(shotError as Error).message}`);
        }
      }
      throw e;
    } finally {
      await context?.close().catch(() => undefined);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  }, timeoutMs);
}

/** A fresh headless Chromium context (journeys with two users open a second one with this). */
export async function launchContext(userDataDir: string, baseUrl: string, device: Device = DESKTOP): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL: baseUrl,
    ...device,
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  return context;
}

/** Waits until the locator's visible text matches (playwright-core has no `expect`). */
export async function expectText(locator: Locator, expected: string | RegExp, timeoutMs = ACTION_TIMEOUT_MS): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '(not found)';
  for (;;) {
    try {
      last = (await locator.innerText({ timeout: Math.max(1, Math.min(2_000, deadline - Date.now())) })).trim();
      if (typeof expected === 'string' ? last === expected : expected.test(last)) return last;
    } catch {
      /* not there yet */
    }
    if (Date.now() > deadline) throw new Error(`${locator} text: expected ${String(expected)}, last seen ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the locator's attribute has the value. */
export async function expectAttribute(locator: Locator, name: string, value: string, timeoutMs = ACTION_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  for (;;) {
    last = await locator.getAttribute(name, { timeout: Math.max(1, Math.min(2_000, deadline - Date.now())) }).catch(() => null);
    if (last === value) return;
    if (Date.now() > deadline) throw new Error(`${locator} [${name}]: expected ${JSON.stringify(value)}, last seen ${JSON.stringify(last)}`);
    // Short: the phone sweep switches the language on every page and waits here each time.
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until the page is at `pathname` (and, when given, has these query parameters). */
export async function expectPath(page: Page, pathname: string, query: Record<string, string> = {}): Promise<URL> {
  await page.waitForURL((u) => u.pathname === pathname && Object.entries(query).every(([k, v]) => u.searchParams.get(k) === v));
  return new URL(page.url());
}
