import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideApiClient } from '@ttx/web/api-client';
import { AUTH_STORAGE_KEY, LANG_STORAGE_KEY } from '@ttx/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { translocoTesting } from '../../testing/i18n';
import { APP_ICONS } from '../app-icons';
import { DemandDetail } from './demand-detail';

const tick = () => new Promise((r) => setTimeout(r));
const demand = (access: string) => ({
  id: 'd1',
  organizationId: 'o1',
  organizationName: '合肥智能装备',
  title: { zh: '寻求硅碳负极技术', en: 'Silicon–carbon anode wanted' },
  summary: { zh: '摘要', en: 'Summary' },
  detail: null,
  fieldCode: '05.01',
  desiredStage: 'pilot',
  dealTypes: ['licence'],
  budget: { minFen: 0, maxFen: 300_000_000 },
  deadline: '2027-06-30',
  confidential: false,
  status: 'open',
  access,
  createdAt: '2026-11-01T00:00:00Z',
});
const match = {
  achievementId: 'a1',
  score: 87.5,
  reasons: ['同一领域：储能与电池 / same field: Energy storage and batteries'],
  reasonDetails: [{ code: 'same-field', zh: '同一领域：储能与电池', en: 'same field: Energy storage and batteries' }],
  achievement: { id: 'a1', title: { zh: '硅碳负极材料', en: 'Silicon–carbon anode' } },
};

describe('DemandDetail', () => {
  async function setup(roles: string[], access: string) {
    localStorage.setItem(LANG_STORAGE_KEY, 'en-US');
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: { id: 'u', email: 'e', displayName: 'Ada', roles, memberships: [] } }));
    TestBed.configureTestingModule({
      imports: [translocoTesting('en-US')],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideApiClient(), provideNzIcons(APP_ICONS)],
    });
    const fixture = TestBed.createComponent(DemandDetail);
    fixture.componentRef.setInput('id', 'd1');
    const http = TestBed.inject(HttpTestingController);
    const settle = async () => {
      await tick();
      await fixture.whenStable();
    };
    await settle();
    http.expectOne('/api/demands/d1').flush(demand(access));
    await settle();
    return { el: fixture.nativeElement as HTMLElement, http, settle };
  }

  afterEach(() => localStorage.clear());

  it('shows each match with its score and reasons in the active language; brokers may open a room', async () => {
    const { el, http, settle } = await setup(['broker'], 'public');
    http.expectOne((r) => r.url === '/api/demands/d1/matches').flush({ items: [match] });
    await settle();
    expect(el.querySelector('[data-testid="match-score"]')?.textContent).toContain('87.5');
    expect(el.querySelector('[data-testid="match-reason"]')?.textContent?.trim()).toBe('same field: Energy storage and batteries');
    expect(el.querySelector('[data-testid="match-open-room"]')).not.toBeNull();
  });

  it('does not ask for matches the caller may not see', async () => {
    const { el, http } = await setup(['researcher'], 'public');
    http.expectNone((r) => r.url === '/api/demands/d1/matches');
    expect(el.querySelector('[data-testid="matches-hidden"]')).not.toBeNull();
  });

  it('lets the owner mark the demand satisfied', async () => {
    const { el, http, settle } = await setup(['enterprise_member'], 'owner');
    http.expectOne((r) => r.url === '/api/demands/d1/matches').flush({ items: [] });
    await settle();
    el.querySelector<HTMLButtonElement>('[data-testid="demand-satisfy"]')?.click();
    await settle();
    http.expectOne((r) => r.url === '/api/demands/d1/satisfy' && r.method === 'POST').flush({ ...demand('owner'), status: 'satisfied' });
    await settle();
    expect(el.querySelector('[data-testid="demand-detail-status"]')?.textContent).toContain('Satisfied');
  });
});
