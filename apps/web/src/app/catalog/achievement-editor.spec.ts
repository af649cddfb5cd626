import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter, Router } from '@angular/router';
import { provideApiClient } from '@ttx/web/api-client';
import { LANG_STORAGE_KEY } from '@ttx/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { translocoTesting } from '../../testing/i18n';
import { APP_ICONS } from '../app-icons';
import { AchievementEditor } from './achievement-editor';

const tick = () => new Promise((r) => setTimeout(r));

const owned = {
  id: 'a1',
  status: 'draft',
  kind: 'invention_patent',
  title: { zh: '固态电池', en: null },
  abstract: { zh: '一种固态电池。', en: null },
  problem: { zh: null, en: null },
  advantages: { zh: null, en: null },
  applications: { zh: null, en: null },
  fieldCode: '01.01',
  stage: 'pilot',
  trl: 5,
  dealTypes: ['licence'],
  askingPrice: null,
  ipRecords: [{ number: 'ZL202310000001.X', office: 'CNIPA', status: 'granted', filingDate: '2023-01-02', grantDate: '2024-03-04', expiryDate: '2043-01-02' }],
  inventorNames: ['张三', '李四'],
  confidential: { technicalDetail: { zh: '工艺参数', en: null }, inventors: [{ name: '张三', sharePct: 60, email: null }, { name: '李四', sharePct: 40, email: null }] },
};

describe('AchievementEditor in edit mode', () => {
  async function setup() {
    localStorage.setItem(LANG_STORAGE_KEY, 'en-US');
    TestBed.configureTestingModule({
      imports: [translocoTesting('en-US')],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideApiClient(),
        provideNzIcons(APP_ICONS),
        { provide: ActivatedRoute, useValue: { snapshot: { paramMap: convertToParamMap({ id: 'a1' }) } } },
      ],
    });
    const fixture = TestBed.createComponent(AchievementEditor);
    const http = TestBed.inject(HttpTestingController);
    const settle = async () => {
      await tick();
      await fixture.whenStable();
    };
    await settle();
    http.expectOne('/api/fields').flush([]);
    http.expectOne('/api/achievements/a1').flush(owned);
    await settle();
    return { el: fixture.nativeElement as HTMLElement, http, settle };
  }

  afterEach(() => localStorage.clear());

  it('loads the owner view into the form and saves the changes with PATCH, keeping the IP dates', async () => {
    const { el, http, settle } = await setup();
    expect(el.querySelector('[data-testid="new-heading"]')?.textContent).toContain('Edit achievement');
    const title = el.querySelector<HTMLInputElement>('[data-testid="new-title-zh"]') as HTMLInputElement;
    expect(title.value).toBe('固态电池');
    // Walkthrough: the maturity input's only hint was a bare "TRL", the same in both languages.
    expect(el.querySelector<HTMLInputElement>('[data-testid="new-trl"] input')?.placeholder).toBe('Readiness level, TRL (1–9)');
    title.value = '全固态电池';
    title.dispatchEvent(new Event('input'));
    await settle();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    el.querySelector<HTMLButtonElement>('[data-testid="new-save"]')?.click();
    await settle();
    const req = http.expectOne('/api/achievements/a1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toMatchObject({
      title: { zh: '全固态电池', en: '' },
      technicalDetail: { zh: '工艺参数', en: '' },
      inventors: [{ name: '张三', sharePct: 60 }, { name: '李四', sharePct: 40 }],
      ipRecords: [{ number: 'ZL202310000001.X', filingDate: '2023-01-02', grantDate: '2024-03-04', expiryDate: '2043-01-02' }],
    });
    req.flush({ ...owned, title: { zh: '全固态电池', en: null } });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/catalog/mine']);
    http.verify();
  });
});
