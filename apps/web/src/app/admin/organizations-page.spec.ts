import { TestBed } from '@angular/core/testing';
import { LanguageService } from '@ttx/web/core';
import { mountPage } from '../../testing/mount-page';
import { OrganizationsPage } from './organizations-page';

const org = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  name: `芜湖云智机器人科技有限公司${id}`,
  kind: 'enterprise',
  creditCode: '91340200MA2TTX0606',
  regionCode: '340202',
  isSme: true,
  verified: false,
  verifiedAt: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  ...over,
});
const page = (items: unknown[], total = items.length) => ({ items, total, page: 1, pageSize: 20 });
const problem = (status: number, slug: string, title: string, detail: string) => ({ type: `urn:ttx:problem:${slug}`, title, status, detail });

async function setup(lang: 'en-US' | 'zh-CN' = 'en-US') {
  const m = mountPage(OrganizationsPage, {}, { roles: ['platform_admin'] });
  if (lang === 'zh-CN') TestBed.inject(LanguageService).use('zh-CN');
  await m.settle();
  const el = m.fixture.nativeElement as HTMLElement;
  const rows = () => [...el.querySelectorAll<HTMLElement>('[data-testid="org-row"]')];
  const row = (id: string) => el.querySelector<HTMLElement>(`[data-org-id="${id}"]`);
  return { ...m, el, rows, row };
}

/** Opens the row's pop-confirm and accepts it. */
async function confirmVerify(row: HTMLElement | null, settle: () => Promise<void>) {
  row?.querySelector<HTMLButtonElement>('[data-testid="org-verify"]')?.click();
  await settle();
  const ok = [...document.querySelectorAll<HTMLButtonElement>('.ant-popover button')].find((b) => b.classList.contains('ant-btn-primary'));
  expect(ok).toBeDefined();
  ok?.click();
  await settle();
}

describe('OrganizationsPage', () => {
  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  it('starts with the unverified queue and shows name, kind, credit code, region, dates and state (en)', async () => {
    const { http, settle, rows, $, el } = await setup();
    http.expectOne('/api/organizations?page=1&pageSize=20&verified=false').flush(page([org('o1')]));
    await settle();
    expect(rows()).toHaveLength(1);
    const text = rows()[0].textContent ?? '';
    expect(text).toContain('芜湖云智机器人科技有限公司o1');
    expect(text).toContain('Enterprise');
    expect(text).toContain('91340200MA2TTX0606');
    expect(text).toContain('340202');
    expect(text).toContain('2026-12-01');
    expect($('org-state')?.textContent).toContain('Not verified');
    expect($('orgs-heading')?.textContent).toContain('Organisation review');
    expect(el.querySelector('[data-testid="orgs-filter-unverified"]')?.classList).toContain('ant-radio-button-wrapper-checked');
    http.verify();
  });

  it('filters verified and all, going back to page 1, and pages through the list', async () => {
    const { http, settle, el, rows, $ } = await setup();
    http.expectOne('/api/organizations?page=1&pageSize=20&verified=false').flush(page(Array.from({ length: 20 }, (_, i) => org(`u${i}`)), 25));
    await settle();
    el.querySelector<HTMLElement>('.ant-pagination-item[title="2"]')?.click();
    await settle();
    http.expectOne('/api/organizations?page=2&pageSize=20&verified=false').flush({ ...page([org('u20')], 25), page: 2 });
    await settle();
    el.querySelector<HTMLElement>('[data-testid="orgs-filter-verified"] input')?.click();
    await settle();
    http
      .expectOne('/api/organizations?page=1&pageSize=20&verified=true')
      .flush(page([org('v1', { verified: true, verifiedAt: '2026-12-02T09:30:00.000Z' })]));
    await settle();
    expect(rows()).toHaveLength(1);
    expect($('org-state')?.textContent).toContain('Verified 2026-12-02');
    expect($('org-verify')).toBeNull();
    el.querySelector<HTMLElement>('[data-testid="orgs-filter-all"] input')?.click();
    await settle();
    // "All" sends no verified parameter: the platform admin sees every organisation.
    http.expectOne('/api/organizations?page=1&pageSize=20').flush(page([]));
    await settle();
    expect($('orgs-table')?.textContent).toContain('No organisation registered yet.');
    http.verify();
  });

  it('verifies after the confirmation and updates the row in place', async () => {
    const { http, settle, row } = await setup();
    http.expectOne('/api/organizations?page=1&pageSize=20&verified=false').flush(page([org('o1'), org('o2')]));
    await settle();
    row('o1')?.querySelector<HTMLButtonElement>('[data-testid="org-verify"]')?.click();
    await settle();
    // Nothing is sent before the pop-confirm is accepted.
    http.expectNone('/api/organizations/o1/verify');
    const ok = [...document.querySelectorAll<HTMLButtonElement>('.ant-popover button')].find((b) => b.classList.contains('ant-btn-primary'));
    expect(document.querySelector('.ant-popover')?.textContent).toContain('Verify “芜湖云智机器人科技有限公司o1”?');
    ok?.click();
    await settle();
    const req = http.expectOne('/api/organizations/o1/verify');
    expect(req.request.method).toBe('POST');
    req.flush(org('o1', { verified: true, verifiedAt: '2026-12-07T06:00:00.000Z' }));
    await settle();
    expect(row('o1')?.querySelector('[data-testid="org-state"]')?.textContent).toContain('Verified 2026-12-07');
    expect(row('o1')?.querySelector('[data-testid="org-verify"]')).toBeNull();
    expect(row('o2')?.querySelector('[data-testid="org-state"]')?.textContent).toContain('Not verified');
    http.verify();
  });

  it('shows a problem+json refusal inline in English and reloads the current state', async () => {
    const { http, settle, row, $ } = await setup();
    http.expectOne('/api/organizations?page=1&pageSize=20&verified=false').flush(page([org('o1')]));
    await settle();
    await confirmVerify(row('o1'), settle);
    http
      .expectOne('/api/organizations/o1/verify')
      .flush(problem(409, 'already-verified', 'Conflict', 'The organisation is already verified'), {
        status: 409,
        statusText: 'Conflict',
        headers: { 'content-type': 'application/problem+json' },
      });
    await settle();
    expect($('orgs-verify-error')?.textContent).toContain('“芜湖云智机器人科技有限公司o1” is already verified.');
    expect($('orgs-verify-error')?.textContent).toContain('The organisation is already verified');
    http.expectOne('/api/organizations?page=1&pageSize=20&verified=false').flush(page([]));
    await settle();
    expect($('orgs-table')?.textContent).toContain('No organisation is waiting for verification.');
    http.verify();
  });

  it('speaks Chinese: labels, state, empty text and a 403 problem', async () => {
    const { http, settle, row, $, el } = await setup('zh-CN');
    http.expectOne('/api/organizations?page=1&pageSize=20&verified=false').flush(page([org('o1')]));
    await settle();
    expect($('orgs-heading')?.textContent).toContain('机构审核');
    expect(el.querySelector('thead')?.textContent).toContain('统一社会信用代码');
    expect(row('o1')?.textContent).toContain('企业');
    expect($('org-state')?.textContent).toContain('未认证');
    await confirmVerify(row('o1'), settle);
    http
      .expectOne('/api/organizations/o1/verify')
      .flush(problem(403, 'forbidden', 'Forbidden', 'Missing permission organization:verify'), { status: 403, statusText: 'Forbidden' });
    await settle();
    expect($('orgs-verify-error')?.textContent).toContain('无权认证「芜湖云智机器人科技有限公司o1」');
    expect($('orgs-verify-error')?.textContent).toContain('Missing permission organization:verify');
    http.expectOne('/api/organizations?page=1&pageSize=20&verified=false').flush(page([]));
    await settle();
    expect($('orgs-table')?.textContent).toContain('暂无待认证的机构。');
    http.verify();
  });

  it('opens a drawer with the members: name, e-mail and role', async () => {
    const { http, settle, row } = await setup();
    http.expectOne('/api/organizations?page=1&pageSize=20&verified=false').flush(page([org('o1')]));
    await settle();
    row('o1')?.querySelector<HTMLButtonElement>('[data-testid="org-members-open"]')?.click();
    await settle();
    http.expectOne('/api/organizations/o1/members').flush([
      { id: 'm1', userId: 'u1', email: 'applicant@demo.ttx', displayName: '吴婧 Wu Jing', organizationId: 'o1', role: 'enterprise_member', isAdmin: true },
    ]);
    await settle();
    const drawer = document.querySelector('.ant-drawer');
    expect(drawer?.textContent).toContain('Members of 芜湖云智机器人科技有限公司o1');
    const member = document.querySelector('[data-testid="org-member-row"]');
    expect(member?.textContent).toContain('吴婧 Wu Jing');
    expect(member?.textContent).toContain('applicant@demo.ttx');
    expect(member?.textContent).toContain('Enterprise member');
    expect(member?.querySelector('[data-testid="org-member-admin"]')?.textContent).toContain('Org admin');
    http.verify();
  });
});
