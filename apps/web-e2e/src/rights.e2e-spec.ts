import type { Page } from 'playwright-core';
import { e2eState, expectText, journey } from './support/browser';
import { DEMO_PASSWORD, loginViaUi, openHome, useLang } from './support/flows';

// The notice lasts 15 × RIGHTS_NOTICE_DAY_MS (global-setup: 2 s) = 30 s; the journey waits for its end.
jest.setTimeout(180_000);

/** Test data through the API (the catalog journey covers creating achievements in the UI). */
async function apiAs(email: string) {
  const { baseUrl } = e2eState();
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return res.json();
  };
}

/** Signs out, then reloads the home page: signing out leaves a "sign in again" toast over the header's login link. */
async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout-button').click();
  await page.getByTestId('nav-login').waitFor();
  await openHome(page);
}

/** Reloads until the locator shows the text (the notice end is decided by the worker, not pushed). */
async function eventually(page: Page, testId: string, text: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await expectText(page.getByTestId(testId), text, 3_000);
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    await page.reload();
  }
}

describe('rights', () => {
  journey('researcher applies → TTO reviews → public notice → objection dismissed → final after the notice; the ownership panel shows the shares', async ({ page }) => {
    const tag = Date.now().toString(36);
    const researcher = await apiAs('researcher@demo.ttx');
    const achievement = (await researcher('POST', '/api/achievements', {
      kind: 'invention_patent',
      title: { zh: `一种钠离子电池负极材料 ${tag}`, en: `Sodium-ion battery anode material ${tag}` },
      abstract: { zh: '一种低成本钠离子电池负极材料。', en: 'A low-cost sodium-ion anode material.' },
      fieldCode: '01.01',
      stage: 'lab',
      trl: 4,
      dealTypes: ['licence'],
      jobRelated: true,
      inventors: [{ name: '李伟', sharePct: 100, email: 'researcher@demo.ttx' }],
    })) as { id: string };

    // The researcher applies from the achievement page; the policy limit is checked live.
    await openHome(page);
    await useLang(page, 'en-US');
    await loginViaUi(page, 'researcher@demo.ttx', DEMO_PASSWORD);
    await page.goto(`/catalog/${achievement.id}`);
    await page.getByTestId('ownership-panel').waitFor();
    await expectText(page.getByTestId('ownership-share-0'), /100 %/);
    await page.getByTestId('ownership-apply').click();
    await page.getByTestId('apply-policy').waitFor();
    const pct = page.locator('[data-testid="apply-pct"] input');
    await pct.fill('60');
    await pct.press('Tab');
    await expectText(page.getByTestId('apply-problem'), /at least 70 %/);
    await pct.fill('80');
    await pct.press('Tab');
    await page.getByTestId('apply-ok').waitFor();
    await page.getByTestId('apply-submit').click();
    await page.waitForURL((u) => u.pathname.startsWith('/rights/empowerments/'));
    const empowermentPath = new URL(page.url()).pathname;
    await expectText(page.getByTestId('emp-status'), /Under TTO review/);
    await logout(page);

    // The TTO manager reviews it from the queue with the due-diligence checklist.
    await loginViaUi(page, 'tto@demo.ttx', DEMO_PASSWORD);
    await page.goto('/rights');
    await page.getByTestId('rights-table-review').locator('a', { hasText: tag }).click();
    await page.getByTestId('emp-decision-form').waitFor();
    for (const key of ['job_related_confirmed', 'negative_list_checked', 'team_consent_verified', 'contribution_shares_verified', 'conflicts_declared']) {
      await page.getByTestId(`emp-check-${key}`).click();
    }
    await page.getByTestId('emp-reviewer-0').fill('Wang Min');
    await page.getByTestId('emp-reasons').fill('Job-related, team consent on file, shares verified.');
    await page.getByTestId('emp-decide').click();
    await expectText(page.getByTestId('emp-status'), /On public notice/);
    await logout(page);

    // The notice is public: an anonymous visitor sees it on the board.
    await page.goto('/rights/notices');
    const row = page.locator('tr', { hasText: tag });
    await expectText(row.getByTestId('notice-row-status'), /Open for objections/);
    await row.locator('a').click();
    await page.getByTestId('objection-login').waitFor();

    // An enterprise member objects ...
    await loginViaUi(page, 'sme@demo.ttx', DEMO_PASSWORD);
    await page.goto('/rights/notices');
    await page.locator('tr', { hasText: tag }).locator('a').click();
    await page.getByTestId('objection-text').fill('Was a co-inventor from another group left out?');
    await page.getByTestId('objection-submit').click();
    await page.getByTestId('objection-sent').waitFor();
    await logout(page);

    // ... and the TTO dismisses it with reasons.
    await loginViaUi(page, 'tto@demo.ttx', DEMO_PASSWORD);
    await page.goto(empowermentPath);
    await page.getByTestId('emp-answer-reasons').fill('Checked against the project report: the team is complete.');
    await page.getByTestId('emp-answer').click();
    await expectText(page.getByTestId('emp-notice'), /Dismissed/);

    // After the (shortened) notice period the worker makes the decision final.
    await eventually(page, 'emp-status', /Final/, 60_000);
    await page.goto(`/catalog/${achievement.id}`);
    await expectText(page.getByTestId('ownership-share-0'), /20 %/);
    await expectText(page.getByTestId('ownership-share-1'), /李伟.*80 %/);
    await expectText(page.getByTestId('ownership-total'), /100 %/);
  });
});
