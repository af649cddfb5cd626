import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideApiClient } from '@ttx/web/api-client';
import { LANG_STORAGE_KEY } from '@ttx/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { translocoTesting } from '../../testing/i18n';
import { APP_ICONS } from '../app-icons';
import { CatalogPage } from './catalog-page';

const tick = () => new Promise((r) => setTimeout(r));

const RESULT = {
  total: 1,
  page: 1,
  pageSize: 10,
  facets: { field: [{ key: 'E1', count: 1 }], kind: [{ key: 'invention_patent', count: 1 }], stage: [], dealType: [], institution: [{ key: 'i1', count: 1, label: '示范大学' }] },
  items: [
    {
      id: 'a1',
      title: { zh: '固态电池', en: null },
      abstract: { zh: '一种电池', en: null },
      highlight: { title: { zh: '固态<mark>电池</mark>', en: null }, abstract: { zh: '一种<mark>电池</mark>', en: null } },
      kind: 'invention_patent',
      stage: 'pilot',
      trl: 6,
      fieldCode: 'E1',
      dealTypes: [],
      askingPrice: null,
      institutionId: 'i1',
      institutionName: '示范大学',
      publishedAt: null,
      status: 'published',
      updatedAt: '2026-01-01T00:00:00Z',
    },
  ],
};

describe('CatalogPage', () => {
  afterEach(() => localStorage.clear());

  it('searches with the URL state, highlights in the fallback language and writes filters back to the URL', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en-US');
    TestBed.configureTestingModule({
      imports: [translocoTesting('en-US')],
      providers: [
        provideRouter([{ path: 'catalog', component: CatalogPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideApiClient(),
        provideNzIcons(APP_ICONS),
      ],
    });
    const harness = await RouterTestingHarness.create();
    const http = TestBed.inject(HttpTestingController);
    await harness.navigateByUrl('/catalog?q=电池&page=2');
    await tick();
    http.expectOne('/api/fields').flush([{ code: 'E', parentCode: null, name: { zh: '能源', en: 'Energy' }, children: [{ code: 'E1', parentCode: 'E', name: { zh: '电池', en: 'Batteries' }, children: [] }] }]);
    const req = http.expectOne((r) => r.url === '/api/achievements');
    expect(req.request.params.get('q')).toBe('电池');
    expect(req.request.params.get('page')).toBe('2');
    req.flush(RESULT);
    await tick();
    harness.detectChanges();
    await harness.fixture.whenStable();

    const el = harness.routeNativeElement as HTMLElement;
    const title = el.querySelector('[data-testid="catalog-hit-title"]');
    expect(title?.innerHTML).toContain('<mark>电池</mark>');
    expect(el.querySelector('[data-testid="catalog-total"]')?.textContent).toContain('1 achievements');
    expect(el.querySelector('[data-testid="facet-field-E1"]')?.textContent?.replace(/\s+/g, ' ')).toContain('Batteries (1)');
    expect(el.querySelector('[data-testid="facet-kind-invention_patent"]')?.textContent).toContain('Invention patent');
    expect(el.querySelector('[data-testid="facet-institution-i1"]')?.textContent).toContain('示范大学');

    el.querySelector<HTMLButtonElement>('[data-testid="facet-kind-invention_patent"]')?.click();
    await tick();
    await harness.fixture.whenStable();
    const url = TestBed.inject(Router).url;
    expect(url).toContain('kind=invention_patent');
    expect(url).not.toContain('page=');
    const next = http.expectOne((r) => r.url === '/api/achievements');
    expect(next.request.params.get('kind')).toBe('invention_patent');
    expect(next.request.params.get('page')).toBe('1');
    next.flush(RESULT);
    http.verify();
  });
});
