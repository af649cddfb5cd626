import { TestBed } from '@angular/core/testing';
import { mountPage } from '../../testing/mount-page';
import { getWith, pageOf } from '../../testing/picker';
import { RightsHome } from './rights-home';

const empowerment = (scope: string) => (n: number) => ({
  id: `${scope}-${n}`, achievementTitle: { zh: null, en: `${scope} ${n}` }, model: 'ownership', applicantName: 'Ada', consentsGiven: 1, consentsNeeded: 2,
  status: 'tto_review', noticeEndsAt: null,
});

describe('RightsHome', () => {
  afterEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  it('pages each tab on its own: the 101st application in the review queue is on page 6', async () => {
    const { http, fixture, settle } = mountPage(RightsHome, {}, { roles: ['researcher', 'tto_manager'] });
    await settle();
    http.expectOne(getWith('/api/empowerments', { scope: 'review', page: '1', pageSize: '20' })).flush(pageOf(empowerment('review'), 1, 20, 101));
    http.expectOne(getWith('/api/empowerments', { scope: 'mine', page: '1', pageSize: '20' })).flush(pageOf(empowerment('mine'), 1, 20, 3));
    await settle();
    const el = fixture.nativeElement as HTMLElement;
    const table = () => el.querySelector('[data-testid="rights-table-review"]') as HTMLElement;
    const links = () => [...table().querySelectorAll('tbody a')].map((a) => a.textContent?.trim());
    expect(links()).toHaveLength(20);

    table().querySelector<HTMLElement>('.ant-pagination-item[title="6"]')?.click();
    await settle();
    http.expectOne(getWith('/api/empowerments', { scope: 'review', page: '6', pageSize: '20' })).flush(pageOf(empowerment('review'), 6, 20, 101));
    await settle();
    expect(links()).toEqual(['review 101']);
    http.verify();
  });

  // Walkthrough: an enterprise user or a broker saw an always-empty "My applications" tab.
  const tabTitles = (el: HTMLElement) => [...el.querySelectorAll('.ant-tabs-tab')].map((t) => t.textContent?.trim());

  it('offers "My applications" only to roles that may apply, and to no one else asks for it', async () => {
    for (const roles of [['enterprise_member'], ['broker'], ['registrar', 'evaluator']]) {
      const { http, fixture, $, settle } = mountPage(RightsHome, {}, { roles });
      await settle();
      http.expectNone((r) => r.url === '/api/empowerments');
      expect(tabTitles(fixture.nativeElement)).toEqual([]);
      expect($('rights-nothing')?.textContent).toContain('your roles take part in neither');
      expect($('rights-notices-link')).not.toBeNull();
      http.verify();
      localStorage.clear();
      TestBed.resetTestingModule();
    }
  });

  it('opens a researcher on their applications and a TTO manager on the review queue (with theirs second only if they also apply)', async () => {
    const cases: [string[], string[]][] = [
      [['researcher'], ['My applications']],
      [['tto_manager'], ['Review queue']],
      [['researcher', 'tto_manager'], ['Review queue', 'My applications']],
    ];
    for (const [roles, titles] of cases) {
      const { http, fixture, $, settle } = mountPage(RightsHome, {}, { roles });
      await settle();
      const scopes = titles.map((t) => (t === 'Review queue' ? 'review' : 'mine'));
      for (const scope of scopes) http.expectOne(getWith('/api/empowerments', { scope, page: '1', pageSize: '20' })).flush(pageOf(empowerment(scope), 1, 20, 1));
      await settle();
      expect(tabTitles(fixture.nativeElement)).toEqual(titles);
      expect(fixture.nativeElement.querySelector('.ant-tabs-tab-active')?.textContent?.trim()).toBe(titles[0]);
      expect($('rights-nothing')).toBeNull();
      http.verify();
      localStorage.clear();
      TestBed.resetTestingModule();
    }
  });
});
