import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { NoticeDetail } from './notice-detail';
import { mountPage } from '../../testing/mount-page';

const NOTICE = {
  id: 'd1', kind: 'empowerment', subjectType: 'empowerment', subjectId: 'e1', institutionId: 'i1', institutionName: 'Demo University',
  titleZh: '公示', titleEn: 'Public notice: empowerment', summary: { model: 'ownership_first', teamOwnershipPct: 80, proposedShares: [{ holderName: 'Demo University', sharePct: 20 }] },
  startsAt: '2026-01-01T00:00:00Z', endsAt: '2099-01-16T00:00:00Z', status: 'open', outcome: null,
  objections: { total: 1, open: 0, upheld: 0, dismissed: 1 },
  objectionList: [{ id: 'o1', text: 'Shares look wrong', status: 'dismissed', answer: 'Checked: correct', answeredAt: '2026-01-02T00:00:00Z', createdAt: '2026-01-01T00:00:00Z' }],
};

describe('NoticeDetail', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    localStorage.clear();
  });

  it('shows the notice publicly, with a sign-in link instead of the objection form', async () => {
    const { http, $, settle } = mountPage(NoticeDetail, { id: 'd1' }, null);
    await settle();
    http.expectOne('/api/disclosures/d1').flush(NOTICE);
    await settle();
    expect($('notice-title')?.textContent).toContain('Public notice');
    expect($('notice-objections')?.textContent).toContain('Checked: correct');
    expect($('objection-login')).not.toBeNull();
    expect($('objection-text')).toBeNull();
  });

  it('lets a signed-in user object while the notice is open', async () => {
    const { http, $, settle, fixture } = mountPage(NoticeDetail, { id: 'd1' }, { roles: ['enterprise_member'] });
    await settle();
    http.expectOne('/api/disclosures/d1').flush(NOTICE);
    await settle();
    (fixture.componentInstance as unknown as { text: { set(v: string): void } }).text.set('The team list misses a member');
    await settle();
    $('objection-submit')?.click();
    await settle();
    const req = http.expectOne('/api/disclosures/d1/objections');
    expect(req.request.body).toEqual({ text: 'The team list misses a member' });
    req.flush({ id: 'o2', text: 'x', status: 'open', answer: null, answeredAt: null, createdAt: '2026-01-03T00:00:00Z' });
    await settle();
    http.expectOne('/api/disclosures/d1').flush(NOTICE);
    await settle();
    expect($('objection-sent')).not.toBeNull();
  });
});
