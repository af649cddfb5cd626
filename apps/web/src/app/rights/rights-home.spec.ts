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
    const { http, fixture, settle } = mountPage(RightsHome, {}, { roles: ['tto_manager'] });
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
});
