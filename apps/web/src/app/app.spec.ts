import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { provideApiClient } from '@ttx/web/api-client';
import { AUTH_STORAGE_KEY, LANG_STORAGE_KEY } from '@ttx/web/core';
import { provideNzI18n, zh_CN } from 'ng-zorro-antd/i18n';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { translocoTesting } from '../testing/i18n';
import { App } from './app';
import { APP_ICONS } from './app-icons';

function signIn(roles: string[]) {
  localStorage.setItem(
    AUTH_STORAGE_KEY,
    JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: { id: 'u', email: 'e', displayName: 'Ada', roles, memberships: [] } }),
  );
}

describe('App shell', () => {
  async function setup() {
    TestBed.configureTestingModule({
      imports: [translocoTesting('zh-CN')],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideApiClient(),
        provideNzIcons(APP_ICONS),
        provideNzI18n(zh_CN),
      ],
    });
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const $ = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    return { fixture, el, $, http: TestBed.inject(HttpTestingController) };
  }

  beforeEach(() => localStorage.clear());

  it('shows the brand and login/register links to a guest, no side nav', async () => {
    const { el, $ } = await setup();
    expect(el.textContent).toContain('科技成果交易所');
    // The home link is named by the brand it shows; "home" is its description.
    expect($('home-link')?.hasAttribute('aria-label')).toBe(false);
    expect($('home-link')?.getAttribute('title')).toBeTruthy();
    expect($('nav-login')?.textContent).toContain('登录');
    expect($('nav-register')?.textContent).toContain('注册');
    expect($('logout-button')).toBeNull();
    expect($('side-nav')).toBeNull();
  });

  it('has landmarks and a skip link that moves the focus to the content', async () => {
    const { el, $ } = await setup();
    expect(el.querySelector('[role="banner"]')).not.toBeNull();
    expect(el.querySelector('[role="contentinfo"]')).not.toBeNull();
    const main = el.querySelector<HTMLElement>('[role="main"]');
    expect(main?.id).toBe('main');
    expect($('skip-link')?.textContent).toContain('跳到主要内容');
    $('skip-link')?.click();
    expect(document.activeElement).toBe(main);
    expect(location.hash).toBe('');
  });

  it('switches the language from the header and remembers it', async () => {
    const { fixture, $ } = await setup();
    expect($('lang-switch')?.textContent).toContain('English');
    // Its accessible name is what it shows (no aria-label hiding it), spoken in the language it names.
    expect($('lang-switch')?.hasAttribute('aria-label')).toBe(false);
    expect($('lang-switch')?.querySelector('span[lang]')?.getAttribute('lang')).toBe('en-US');
    $('lang-switch')?.click();
    await fixture.whenStable();
    expect(TestBed.inject(TranslocoService).getActiveLang()).toBe('en-US');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en-US');
    expect(document.documentElement.lang).toBe('en-US');
    expect($('lang-switch')?.textContent).toContain('中文');
    expect($('lang-switch')?.querySelector('span[lang]')?.getAttribute('lang')).toBe('zh-CN');
    expect($('nav-login')?.textContent).toContain('Sign in');
  });

  it('shows the side nav for the user roles and signs out', async () => {
    signIn(['registrar']);
    const { fixture, $, http } = await setup();
    http.expectOne('/api/me').flush({ id: 'u', email: 'e', displayName: 'Ada', roles: ['registrar', 'platform_admin'], memberships: [] });
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
    expect($('user-name')?.textContent).toContain('Ada');
    expect($('nav-dashboard-registrar')).not.toBeNull();
    expect($('nav-dashboard-platform_admin')).not.toBeNull();
    expect($('nav-registry')).not.toBeNull();
    expect($('nav-admin-queues')?.getAttribute('href')).toBe('/api/admin/queues');
    expect($('nav-brokerage')).toBeNull();
    expect($('nav-organization-new')?.getAttribute('href')).toBe('/organizations/new');
    $('logout-button')?.click();
    await fixture.whenStable();
    expect(localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull();
    expect($('nav-login')).not.toBeNull();
    expect($('side-nav')).toBeNull();
  });

  it('offers a user without roles the way to register an organisation in the side nav', async () => {
    signIn([]);
    const { fixture, $, http } = await setup();
    http.expectOne('/api/me').flush({ id: 'u', email: 'e', displayName: 'Ada', roles: [], memberships: [] });
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
    expect($('nav-dashboard')).not.toBeNull();
    expect($('nav-organization-new')?.textContent).toContain('注册机构');
  });

  /** A screen this wide for media queries (jsdom has none): both the shell's and the sider's breakpoints read it. */
  const realMatchMedia = Object.getOwnPropertyDescriptor(window, 'matchMedia');
  function screenOf(width: number): void {
    const matches = (media: string) =>
      [...media.matchAll(/\((min|max)-width:\s*([\d.]+)px\)/g)].every(([, side, px]) => (side === 'min' ? width >= Number(px) : width <= Number(px)));
    const matchMedia = (media: string) =>
      ({ matches: matches(media), media, onchange: null, addListener: () => undefined, removeListener: () => undefined, addEventListener: () => undefined, removeEventListener: () => undefined, dispatchEvent: () => false }) as MediaQueryList;
    Object.defineProperty(window, 'matchMedia', { configurable: true, writable: true, value: matchMedia });
  }
  afterEach(() => {
    if (realMatchMedia) Object.defineProperty(window, 'matchMedia', realMatchMedia);
    else delete (window as Partial<Window>).matchMedia;
  });

  describe('on a phone (below the md breakpoint)', () => {
    beforeEach(() => screenOf(390));

    async function opened() {
      signIn(['registrar']);
      const ctx = await setup();
      ctx.http.expectOne('/api/me').flush({ id: 'u', email: 'e', displayName: 'Ada', roles: ['registrar'], memberships: [] });
      await ctx.fixture.whenStable();
      const toggle = ctx.$('nav-toggle');
      expect(toggle?.getAttribute('aria-expanded')).toBe('false');
      toggle?.click();
      await ctx.fixture.whenStable();
      expect(toggle?.getAttribute('aria-expanded')).toBe('true');
      return { ...ctx, toggle };
    }

    it('folds the side nav away behind a named header button that opens it over the content', async () => {
      const { fixture, $, toggle } = await opened();
      // Named in the page's language, and it says which element it opens.
      expect(toggle?.getAttribute('aria-label')).toBe('展开或收起导航');
      expect(toggle?.getAttribute('aria-controls')).toBe('side-nav');
      expect($('side-nav')?.id).toBe('side-nav');
      expect($('nav-backdrop')).not.toBeNull();
      toggle?.click();
      await fixture.whenStable();
      expect(toggle?.getAttribute('aria-expanded')).toBe('false');
      expect($('nav-backdrop')).toBeNull();
    });

    it('closes the open nav on Escape (focus back on its button), on a tap beside it and once a link is followed', async () => {
      const { fixture, $, toggle } = await opened();
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
      await fixture.whenStable();
      expect(toggle?.getAttribute('aria-expanded')).toBe('false');
      expect(document.activeElement).toBe(toggle);

      toggle?.click();
      await fixture.whenStable();
      $('nav-backdrop')?.click();
      await fixture.whenStable();
      expect(toggle?.getAttribute('aria-expanded')).toBe('false');

      toggle?.click();
      await fixture.whenStable();
      await TestBed.inject(Router).navigateByUrl('/');
      await fixture.whenStable();
      expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    });
  });

  it('keeps the side nav open on a wide screen: Escape and navigation leave it', async () => {
    screenOf(1280);
    signIn(['registrar']);
    const { fixture, $, http } = await setup();
    http.expectOne('/api/me').flush({ id: 'u', email: 'e', displayName: 'Ada', roles: ['registrar'], memberships: [] });
    await fixture.whenStable();
    expect($('nav-toggle')?.getAttribute('aria-expanded')).toBe('true');
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await TestBed.inject(Router).navigateByUrl('/');
    await fixture.whenStable();
    expect($('nav-toggle')?.getAttribute('aria-expanded')).toBe('true');
  });
});
