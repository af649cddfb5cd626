import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideApiClient } from '@ttx/web/api-client';
import { AUTH_STORAGE_KEY, LANG_STORAGE_KEY } from '@ttx/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { translocoTesting } from '../../testing/i18n';
import { APP_ICONS } from '../app-icons';
import { AchievementDetail } from './achievement-detail';

const tick = () => new Promise((r) => setTimeout(r));

const PUBLIC = {
  id: 'a1',
  access: 'public',
  title: { zh: '固态电池电解质', en: 'Solid-state battery electrolyte' },
  abstract: { zh: '摘要', en: 'Abstract' },
  problem: { zh: null, en: null },
  advantages: { zh: null, en: null },
  applications: { zh: null, en: null },
  askingPrice: { minFen: 100_000_000, maxFen: 200_000_000 },
  confidential: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  dealTypes: ['licence'],
  fieldCode: null,
  fundingProjectNumber: null,
  institutionId: 'i1',
  institutionName: 'Demo University',
  inventorNames: ['Li Lei'],
  ipRecords: [{ number: 'ZL202310000001.X', office: 'CNIPA', status: 'granted', filingDate: '2023-01-01', grantDate: null, expiryDate: null }],
  jobRelated: true,
  kind: 'invention_patent',
  ndaAccepted: false,
  publishedAt: '2026-01-01T00:00:00Z',
  stage: 'pilot',
  status: 'published',
  submittedAt: null,
  trl: 6,
};

describe('AchievementDetail', () => {
  async function setup(roles: string[] | null, memberships: unknown[] = []) {
    localStorage.setItem(LANG_STORAGE_KEY, 'en-US');
    if (roles) {
      localStorage.setItem(
        AUTH_STORAGE_KEY,
        JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: { id: 'u', email: 'e', displayName: 'Ada', roles, memberships } }),
      );
    }
    TestBed.configureTestingModule({
      imports: [translocoTesting('en-US')],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideApiClient(), provideNzIcons(APP_ICONS)],
    });
    const fixture = TestBed.createComponent(AchievementDetail);
    fixture.componentRef.setInput('id', 'a1');
    const http = TestBed.inject(HttpTestingController);
    const el = fixture.nativeElement as HTMLElement;
    const $ = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`) ?? el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const settle = async () => {
      await tick();
      await fixture.whenStable();
    };
    return { fixture, http, $, settle };
  }

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    localStorage.clear();
  });

  it('shows the public part and a sign-in hint to anonymous visitors', async () => {
    const { http, $, settle } = await setup(null);
    await settle();
    http.expectOne('/api/achievements/a1').flush(PUBLIC);
    await settle();
    expect($('detail-title')?.textContent).toContain('Solid-state battery electrolyte');
    expect($('detail-price')?.textContent).toContain('¥1,000,000 – ¥2,000,000');
    expect($('detail-ip-records')?.textContent).toContain('ZL202310000001.X');
    expect($('detail-sign-in-hint')).not.toBeNull();
    expect($('nda-open')).toBeNull();
    expect($('detail-confidential')).toBeNull();
  });

  it('lets an enterprise member accept the NDA, then shows the confidential part', async () => {
    const { http, $, settle } = await setup(['enterprise_member']);
    await settle();
    http.expectOne('/api/achievements/a1').flush(PUBLIC);
    await settle();
    $('nda-open')?.click();
    await settle();
    expect($('nda-text')?.textContent).toContain('Solid-state battery electrolyte');
    const ok = [...document.querySelectorAll<HTMLButtonElement>('.ant-modal-footer button')].find((b) => b.textContent?.includes('Accept and view'));
    expect(ok).toBeDefined();
    ok?.click();
    await settle();
    const nda = http.expectOne('/api/achievements/a1/nda');
    expect(nda.request.method).toBe('POST');
    nda.flush({ achievementId: 'a1', organizationId: 'o1', userId: 'u', acceptedAt: '2026-01-02T00:00:00Z' });
    await settle();
    http.expectOne('/api/achievements/a1').flush({
      ...PUBLIC,
      access: 'nda',
      ndaAccepted: true,
      confidential: { technicalDetail: { zh: '机密', en: 'Secret recipe' }, inventors: [{ name: 'Li Lei', email: null, sharePct: 100 }], attachments: [] },
    });
    await settle();
    expect($('detail-technical')?.textContent).toContain('Secret recipe');
    expect($('detail-confidential')?.textContent).toContain('Li Lei — 100%');
    expect($('nda-open')).toBeNull();
    // Signed-in visitors also see the rights ownership panel.
    http.expectOne('/api/achievements/a1/ownership').flush({ achievementId: 'a1', shares: [], totalPct: 100, useRights: [], rewardPromises: [], history: [] });
    await settle();
    http.expectOne('/api/achievements/a1/empowerments').flush([]);
  });

  it('asks a member of several enterprises which one accepts, and sends it', async () => {
    const member = (id: string, name: string) => ({ organizationId: id, organizationName: name, organizationKind: 'enterprise', role: 'enterprise_member', isAdmin: false, verified: true });
    const { http, $, settle } = await setup(['enterprise_member'], [member('e1', '甲公司'), member('e2', '乙公司')]);
    await settle();
    http.expectOne('/api/achievements/a1').flush(PUBLIC);
    await settle();
    $('nda-open')?.click();
    await settle();
    expect($('org-picker')).not.toBeNull();
    const ok = [...document.querySelectorAll<HTMLButtonElement>('.ant-modal-footer button')].find((b) => b.textContent?.includes('Accept and view'));
    // No enterprise chosen yet: the confirmation is disabled.
    expect(ok?.disabled).toBe(true);
    $('org-picker')?.querySelector<HTMLElement>('.ant-select-selector')?.click();
    await settle();
    [...document.querySelectorAll<HTMLElement>('nz-option-item')].find((o) => o.textContent?.includes('乙公司'))?.click();
    await settle();
    expect(ok?.disabled).toBe(false);
    ok?.click();
    await settle();
    const nda = http.expectOne('/api/achievements/a1/nda');
    expect(nda.request.body).toEqual({ organizationId: 'e2' });
    nda.flush({ achievementId: 'a1', organizationId: 'e2', userId: 'u', acceptedAt: '2026-01-02T00:00:00Z' });
    await settle();
    http.expectOne('/api/achievements/a1').flush({ ...PUBLIC, access: 'nda', ndaAccepted: true, confidential: { technicalDetail: { zh: null, en: 'x' }, inventors: [], attachments: [] } });
    await settle();
    http.expectOne('/api/achievements/a1/ownership').flush({ achievementId: 'a1', shares: [], totalPct: 100, useRights: [], rewardPromises: [], history: [] });
    await settle();
    http.expectOne('/api/achievements/a1/empowerments').flush([]);
  });
});
