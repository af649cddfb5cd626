import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideApiClient } from '@ttx/web/api-client';
import { AUTH_STORAGE_KEY } from '@ttx/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { translocoTesting } from '../../testing/i18n';
import { APP_ICONS } from '../app-icons';
import { Dashboard } from './dashboard';

const tick = () => new Promise((r) => setTimeout(r));

describe('Dashboard', () => {
  async function setup(role: string | undefined, lang: 'zh-CN' | 'en-US', memberships: unknown[] = []) {
    localStorage.setItem(
      AUTH_STORAGE_KEY,
      JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: { id: 'u', email: 'e', displayName: 'Ada', roles: role ? [role] : [], memberships } }),
    );
    TestBed.configureTestingModule({
      imports: [translocoTesting(lang)],
      providers: [provideRouter([{ path: '**', children: [] }]), provideHttpClient(), provideHttpClientTesting(), provideApiClient(), provideNzIcons(APP_ICONS)],
    });
    const fixture = TestBed.createComponent(Dashboard);
    if (role) fixture.componentRef.setInput('role', role);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const $ = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    return { fixture, $, http: TestBed.inject(HttpTestingController) };
  }

  afterEach(() => localStorage.clear());

  it('renders the role title in Chinese with an empty card and notifications', async () => {
    const { fixture, $, http } = await setup('tto_manager', 'zh-CN');
    expect($('dashboard-heading')?.textContent).toContain('技术转移办公室工作台');
    // The card lists the TTO's areas (its menu) with what is done there, linked.
    expect($('dashboard-area-catalog-mine')?.textContent).toContain('提交并发布');
    expect($('dashboard-area-catalog-mine')?.querySelector('a')?.getAttribute('href')).toBe('/catalog/mine');
    expect($('dashboard-area-registry')).not.toBeNull();
    expect($('dashboard-area-brokerage')).toBeNull();
    http.expectOne((r) => r.url === '/api/notifications').flush({
      items: [{ id: 'n1', kind: 'k', title: { zh: '成果已发布', en: 'Achievement published' }, body: { zh: '正文', en: 'Body' }, link: null, readAt: null, createdAt: '2026-01-02T03:04:05Z' }], unread: 1,
      total: 1,
      page: 1,
      pageSize: 10,
    });
    await tick();
    await fixture.whenStable();
    expect($('notification-n1')?.textContent).toContain('成果已发布');
    $('notification-read-n1')?.click();
    http.expectOne('/api/notifications/n1/read').flush(null, { status: 204, statusText: 'No Content' });
    await tick();
    await fixture.whenStable();
    expect($('notification-read-n1')).toBeNull();
  });

  it('opens what a notification is about (an in-app path only) and counts it as read', async () => {
    const { fixture, $, http } = await setup('broker', 'en-US');
    const note = (id: string, link: string | null) => ({ id, kind: 'room-message', title: { zh: '新消息', en: 'New message' }, body: { zh: '正文', en: 'Body' }, link, readAt: null, createdAt: '2026-01-02T03:04:05Z' });
    http.expectOne((r) => r.url === '/api/notifications').flush({
      items: [note('n1', '/brokerage/rooms/r1'), note('n2', 'https://evil.example/x'), note('n3', '//evil.example/x')],
      unread: 3,
      total: 3,
      page: 1,
      pageSize: 10,
    });
    await tick();
    await fixture.whenStable();
    const open = $('notification-open-n1') as HTMLAnchorElement;
    expect(open.getAttribute('href')).toBe('/brokerage/rooms/r1');
    expect(open.textContent).toContain('Open');
    expect($('notification-open-n2')).toBeNull();
    expect($('notification-open-n3')).toBeNull();
    open.click();
    http.expectOne('/api/notifications/n1/read').flush(null, { status: 204, statusText: 'No Content' });
    await tick();
    await fixture.whenStable();
    expect($('notification-read-n1')).toBeNull();
    // Read, it can still be opened.
    expect($('notification-open-n1')).not.toBeNull();
  });

  it('renders in English and shows an empty notification list', async () => {
    const { fixture, $, http } = await setup('broker', 'en-US');
    expect($('dashboard-heading')?.textContent).toContain('Technology broker dashboard');
    expect($('dashboard-area-brokerage')?.textContent).toContain('deal rooms');
    http.expectOne((r) => r.url === '/api/notifications').flush({ items: [], total: 0, page: 1, pageSize: 10 });
    await tick();
    await fixture.whenStable();
    expect($('notifications-empty')?.textContent).toContain('No notifications yet');
  });

  it('welcomes a user without roles', async () => {
    const { $, http } = await setup(undefined, 'en-US');
    expect($('dashboard-heading')?.textContent).toContain('Welcome, Ada');
    expect($('dashboard-no-role')).not.toBeNull();
    // The way to a first role: registering an organisation (any signed-in user may).
    expect($('dashboard-create-org')?.getAttribute('href')).toBe('/organizations/new');
    http.expectOne((r) => r.url === '/api/notifications').flush({ items: [], total: 0, page: 1, pageSize: 10 });
  });

  // Walkthrough (README demo user applicant@demo.ttx): the applicant was told to create or join an
  // organisation although theirs was only awaiting verification.
  it('tells a user without roles that their organisation awaits verification', async () => {
    const pending = { organizationId: 'o1', organizationName: '芜湖云智', organizationKind: 'enterprise', role: 'enterprise_member', isAdmin: true, verified: false };
    const { $, http } = await setup(undefined, 'zh-CN', [pending]);
    expect($('dashboard-pending')?.textContent).toContain('“芜湖云智”正在等待平台审核');
    expect($('dashboard-no-role')).toBeNull();
    expect($('dashboard-card')?.textContent).toContain('审核通过后');
    http.expectOne((r) => r.url === '/api/notifications').flush({ items: [], total: 0, page: 1, pageSize: 10 });
  });
});
