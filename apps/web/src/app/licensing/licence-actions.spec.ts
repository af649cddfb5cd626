import { TestBed } from '@angular/core/testing';
import type { LicenceDetail as LicenceDetailData } from '@ttx/shared/contracts';
import { mountPage } from '../../testing/mount-page';
import { LicenceDetail } from './licence-detail';
import { licenceFixture } from './licensing-fixtures';

describe('LicenceActions (activate and terminate, on the licence page)', () => {
  afterEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = ''));
  });

  const q = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const popoverOk = () => [...document.querySelectorAll<HTMLButtonElement>('.ant-popover button')].find((b) => b.classList.contains('ant-btn-primary'));
  const modalOk = () => document.querySelector<HTMLButtonElement>('.ant-modal-footer .ant-btn-primary');

  async function open(roles: string[], licence: LicenceDetailData) {
    const page = mountPage(LicenceDetail, { id: 'l1' }, { roles });
    await page.settle();
    page.http.expectOne('/api/licences/l1').flush(licence);
    await page.settle();
    page.http.expectOne('/api/licences/l1/invoices').flush({ items: [] });
    await page.settle();
    if (licence.role !== 'licensee') page.http.expectOne('/api/distributions?licenceId=l1').flush({ items: [] });
    await page.settle();
    /** After an action the page reloads the licence, its invoices and the split. */
    const reloaded = async (l: LicenceDetailData) => {
      await page.settle();
      page.http.expectOne('/api/licences/l1').flush(l);
      await page.settle();
      page.http.expectOne('/api/licences/l1/invoices').flush({ items: [] });
      await page.settle();
      page.http.expectOne('/api/distributions?licenceId=l1').flush({ items: [] });
      await page.settle();
    };
    return { ...page, reloaded };
  }

  const draft = licenceFixture({ role: 'licensor', status: 'draft', dealId: null });

  it("activates a draft for the licensor's TTO after confirmation", async () => {
    const { $, http, settle, reloaded } = await open(['tto_manager'], draft);
    expect($('licence-status')?.textContent).toContain('Draft');
    $('licence-activate')?.click();
    await settle();
    expect(document.querySelector('.ant-popover')?.textContent).toContain('Activate this licence?');
    http.expectNone('/api/licences/l1/activate');
    popoverOk()?.click();
    await settle();
    const req = http.expectOne((r) => r.url === '/api/licences/l1/activate' && r.method === 'POST');
    req.flush({ ...draft, status: 'active' });
    await reloaded({ ...draft, status: 'active' });
    expect($('licence-status')?.textContent).toContain('Active');
    expect($('licence-activate')).toBeNull();
    expect($('licence-terminate')).not.toBeNull();
  });

  it('shows a refusal as the API words it (e.g. another manager acted first)', async () => {
    const { $, http, settle, fixture } = await open(['tto_manager'], draft);
    $('licence-activate')?.click();
    await settle();
    popoverOk()?.click();
    await settle();
    http
      .expectOne('/api/licences/l1/activate')
      .flush({ type: 'urn:ttx:problem:licence-not-draft', title: 'Conflict', status: 409, detail: 'Only a draft licence can be activated (this one is active)' }, { status: 409, statusText: 'Conflict' });
    await settle();
    fixture.detectChanges();
    expect($('licence-action-error')?.textContent).toContain('Only a draft licence can be activated (this one is active)');
  });

  it('terminates only with a reason, which is sent to the API', async () => {
    const active = { ...draft, status: 'active' as const };
    const { $, http, settle, reloaded } = await open(['tto_manager'], active);
    $('licence-terminate')?.click();
    await settle();
    modalOk()?.click();
    await settle();
    expect(q('terminate-reason-error')?.textContent).toContain('Give the reason for the termination.');
    http.expectNone('/api/licences/l1/terminate');

    const reason = q('terminate-reason') as HTMLTextAreaElement;
    reason.value = '  被许可方未按期付款  ';
    reason.dispatchEvent(new Event('input'));
    await settle();
    modalOk()?.click();
    await settle();
    const req = http.expectOne((r) => r.url === '/api/licences/l1/terminate' && r.method === 'POST');
    expect(req.request.body).toEqual({ reason: '被许可方未按期付款' });
    req.flush({ ...active, status: 'terminated' });
    await reloaded({ ...active, status: 'terminated' });
    expect($('licence-status')?.textContent).toContain('Terminated');
    expect($('licence-terminate')).toBeNull();
  });

  it('offers no actions to the licensee, nor on an ended licence', async () => {
    let page = await open(['enterprise_member'], licenceFixture({ status: 'draft' }));
    expect(page.$('licence-activate')).toBeNull();
    expect(page.$('licence-terminate')).toBeNull();
    TestBed.resetTestingModule();
    page = await open(['tto_manager'], { ...draft, status: 'expired' });
    expect(page.$('licence-activate')).toBeNull();
    expect(page.$('licence-terminate')).toBeNull();
  });
});
