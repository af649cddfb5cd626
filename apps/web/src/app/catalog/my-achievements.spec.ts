import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideApiClient } from '@ttx/web/api-client';
import { AUTH_STORAGE_KEY, LANG_STORAGE_KEY } from '@ttx/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { translocoTesting } from '../../testing/i18n';
import { APP_ICONS } from '../app-icons';
import { MyAchievements } from './my-achievements';

const tick = () => new Promise((r) => setTimeout(r));

const row = (id: string, status: string) => ({
  id,
  status,
  title: { zh: `成果${id}`, en: `Achievement ${id}` },
  abstract: { zh: null, en: null },
  kind: 'invention_patent',
  stage: null,
  trl: null,
  fieldCode: null,
  dealTypes: [],
  askingPrice: null,
  institutionId: 'i1',
  institutionName: 'U',
  publishedAt: null,
  updatedAt: '2026-01-01T00:00:00Z',
});

describe('MyAchievements', () => {
  async function setup(roles: string[]) {
    localStorage.setItem(LANG_STORAGE_KEY, 'en-US');
    localStorage.setItem(
      AUTH_STORAGE_KEY,
      JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: { id: 'u', email: 'e', displayName: 'Ada', roles, memberships: [] } }),
    );
    TestBed.configureTestingModule({
      imports: [translocoTesting('en-US')],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideApiClient(), provideNzIcons(APP_ICONS)],
    });
    const fixture = TestBed.createComponent(MyAchievements);
    const http = TestBed.inject(HttpTestingController);
    const settle = async () => {
      await tick();
      await fixture.whenStable();
    };
    await settle();
    http.expectOne((r) => r.url === '/api/achievements/mine').flush({ items: [row('a1', 'draft'), row('a2', 'submitted')], total: 2, page: 1, pageSize: 20 });
    await settle();
    const el = fixture.nativeElement as HTMLElement;
    return { el, http, settle };
  }

  afterEach(() => localStorage.clear());

  it('offers publish to TTO managers and reloads after it', async () => {
    const { el, http, settle } = await setup(['tto_manager']);
    expect(el.querySelector('[data-testid="mine-row-a1"] [data-testid="mine-submit"]')).not.toBeNull();
    const publish = el.querySelector<HTMLButtonElement>('[data-testid="mine-row-a2"] [data-testid="mine-publish"]');
    expect(publish).not.toBeNull();
    publish?.click();
    await settle();
    const req = http.expectOne('/api/achievements/a2/publish');
    expect(req.request.method).toBe('POST');
    req.flush(row('a2', 'published'));
    await settle();
    http.expectOne((r) => r.url === '/api/achievements/mine').flush({ items: [row('a2', 'published')], total: 1, page: 1, pageSize: 20 });
    await settle();
    expect(el.querySelector('[data-testid="mine-row-a2"] [data-testid="mine-row-status"]')?.textContent).toContain('Published');
    http.verify();
  });

  it('does not offer publish or archive to researchers; they may edit and withdraw what they submitted', async () => {
    const { el, http } = await setup(['researcher']);
    expect(el.querySelector('[data-testid="mine-publish"]')).toBeNull();
    expect(el.querySelector('[data-testid="mine-archive"]')).toBeNull();
    expect(el.querySelector('[data-testid="mine-row-a1"] [data-testid="mine-submit"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="mine-row-a1"] [data-testid="mine-withdraw"]')).toBeNull();
    expect(el.querySelector('[data-testid="mine-row-a2"] [data-testid="mine-withdraw"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="mine-row-a1"] [data-testid="mine-edit"]')?.getAttribute('href')).toBe('/catalog/a1/edit');
    http.verify();
  });

  it('archives after the confirmation and reloads', async () => {
    const { el, http, settle } = await setup(['tto_manager']);
    el.querySelector<HTMLButtonElement>('[data-testid="mine-row-a1"] [data-testid="mine-archive"]')?.click();
    await settle();
    // Nothing is sent before the pop-confirm is accepted.
    http.expectNone('/api/achievements/a1/archive');
    const ok = [...document.querySelectorAll<HTMLButtonElement>('.ant-popover button')].find((b) => b.classList.contains('ant-btn-primary'));
    expect(ok).toBeDefined();
    ok?.click();
    await settle();
    http.expectOne('/api/achievements/a1/archive').flush(row('a1', 'archived'));
    await settle();
    http.expectOne((r) => r.url === '/api/achievements/mine').flush({ items: [row('a1', 'archived')], total: 1, page: 1, pageSize: 20 });
    await settle();
    expect(el.querySelector('[data-testid="mine-row-a1"] [data-testid="mine-edit"]')).toBeNull();
    http.verify();
  });
});
