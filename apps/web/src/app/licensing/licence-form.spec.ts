import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { withCheckCharacter } from '@ttx/shared/policy';
import { mountPage } from '../../testing/mount-page';
import { LicenceFormPage } from './licence-form';
import type { LicenceFormGroup } from './licence-form-group';
import { licenceFixture } from './licensing-fixtures';
import { getWith, pageOf, picker } from '../../testing/picker';

const SME_CODE = '91340100MA2TTX01BX';
const ACHIEVEMENTS = (more: Record<string, string> = {}) => getWith('/api/achievements/mine', { pageSize: '20', status: 'published', ...more });
const achievement = (n: number) => ({ id: `a${n}`, title: { zh: `成果${n}`, en: `Achievement ${n}` } });
const sme = { id: 'o-sme', name: '合肥智能装备有限公司（演示）', kind: 'enterprise', creditCode: SME_CODE, regionCode: '340104', isSme: true, verified: true, verifiedAt: '2026-01-01T00:00:00Z', createdAt: '2026-01-01T00:00:00Z' };

describe('LicenceFormPage', () => {
  afterEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = ''));
  });

  async function open() {
    const page = mountPage(LicenceFormPage, {}, { roles: ['tto_manager'] });
    await page.settle();
    page.http.expectOne(ACHIEVEMENTS()).flush({ items: [{ id: 'a1', title: { zh: '硅碳负极材料', en: 'Silicon–carbon anode' } }], total: 1, page: 1, pageSize: 20 });
    await page.settle();
    const type = async (testId: string, value: string) => {
      const input = page.$(testId) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await page.settle();
    };
    const submit = async () => {
      (page.$('licence-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
      await page.settle();
      page.fixture.detectChanges();
    };
    const text = () => (page.fixture.nativeElement as HTMLElement).textContent ?? '';
    return { ...page, type, submit, text };
  }

  /** The licensee found by its credit code, an achievement, a field of use, an end date and a lump sum of ¥1,000. */
  async function fillBasics({ http, fixture, type, settle }: Pick<Awaited<ReturnType<typeof open>>, 'http' | 'fixture' | 'type' | 'settle'>) {
    const form = (fixture.componentInstance as unknown as { form: LicenceFormGroup }).form;
    await type('lf-credit-code', SME_CODE);
    http.expectOne(`/api/organizations/by-credit-code/${SME_CODE}`).flush(sme);
    await settle();
    form.patchValue({ achievementId: 'a1', fieldsOfUse: ['05.01'], endsOn: '2029-12-31' });
    await type('lf-lump-amount', '1000');
    return form;
  }

  it('names the licensee from its credit code, and marks a code nobody registered', async () => {
    const { http, $, type, fixture, settle } = await open();
    await type('lf-credit-code', '9134');
    http.expectNone((r) => r.url.includes('/by-credit-code/'));
    await type('lf-credit-code', SME_CODE.toLowerCase());
    http.expectOne(`/api/organizations/by-credit-code/${SME_CODE}`).flush(sme);
    await settle();
    fixture.detectChanges();
    expect($('lf-licensee')?.textContent).toContain('合肥智能装备有限公司（演示）');
    expect($('lf-licensee')?.textContent).toContain('SME');

    const unknown = withCheckCharacter('91340100MA2TTX022');
    await type('lf-credit-code', unknown);
    http.expectOne(`/api/organizations/by-credit-code/${unknown}`).flush({ type: 'urn:ttx:problem:not-found', title: 'Not found', status: 404 }, { status: 404, statusText: 'Not Found' });
    await settle();
    fixture.detectChanges();
    expect($('lf-licensee')).toBeNull();
    expect(fixture.nativeElement.textContent).toContain('No organisation is registered with this credit code.');
  });

  it('checks the fields like the API before sending anything, each message beside its field', async () => {
    const { http, $, submit, text, type } = await open();
    await type('lf-credit-code', '91340100MA2TTX01B0');
    await submit();
    expect($('lf-alert')?.textContent).toContain('Please correct the marked fields.');
    expect(text()).toContain('The check character is wrong');
    expect(text()).toContain('Enter a positive amount in yuan with at most 2 decimals.');
    // No field of use given yet.
    expect(text()).toContain('This field is required.');
    http.expectNone('/api/licences');
  });

  it('records the licence as a draft with amounts in fen and opens it; API problems land beside the named field', async () => {
    const { http, fixture, type, submit, text, settle } = await open();
    const form = (fixture.componentInstance as unknown as { form: LicenceFormGroup }).form;
    await type('lf-credit-code', SME_CODE);
    http.expectOne(`/api/organizations/by-credit-code/${SME_CODE}`).flush(sme);
    await settle();
    form.patchValue({ achievementId: 'a1', fieldsOfUse: ['05.01'], startsOn: '2027-01-01', endsOn: '2029-12-31' });
    await type('lf-lump-amount', '150,000');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    await submit();
    let req = http.expectOne((r) => r.url === '/api/licences' && r.method === 'POST');
    expect(req.request.body).toEqual({
      achievementId: 'a1',
      licenseeOrgId: 'o-sme',
      kind: 'non_exclusive',
      territory: ['000000'],
      fieldsOfUse: ['05.01'],
      startsOn: '2027-01-01',
      endsOn: '2029-12-31',
      sublicensing: false,
      terms: { lumpSum: { amount: 15_000_000, dueDays: 30 } },
    });
    req.flush(
      { type: 'urn:ttx:problem:licence-past-ip-expiry', title: 'Unprocessable', status: 422, detail: 'A licence may not run past the IP expiry 2029-06-30', errors: [{ field: 'endsOn', message: 'is after the IP expiry 2029-06-30' }] },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();
    fixture.detectChanges();
    expect(text()).toContain('is after the IP expiry 2029-06-30');
    expect(text()).toContain('The licence was not recorded.');
    expect(navigate).not.toHaveBeenCalled();

    await type('lf-ends-on', '2029-06-30');
    await submit();
    req = http.expectOne((r) => r.url === '/api/licences' && r.method === 'POST');
    expect(req.request.body.endsOn).toBe('2029-06-30');
    req.flush(licenceFixture({ id: 'l-new', status: 'draft' }));
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/licensing/licences', 'l-new']);
  });

  it('sends use-first-pay-later with the length chosen: policy months left out, or until first sales only', async () => {
    const { http, fixture, $, type, submit, settle, text } = await open();
    const form = await fillBasics({ http, fixture, type, settle });
    $('lf-use-deferral')?.click();
    await settle();
    fixture.detectChanges();
    expect($('lf-deferral-length')).not.toBeNull();
    expect($('lf-deferral-months')).toBeNull(); // the policy's months by default
    form.controls.terms.controls.deferral.patchValue({ length: 'firstSales' });
    await submit();
    // Only a running royalty has reported sales to end the deferral.
    expect(text()).toContain('Only a licence with a running royalty has reported sales.');
    http.expectNone('/api/licences');

    form.controls.terms.controls.deferral.patchValue({ length: 'policy', untilFirstSales: false });
    await submit();
    const req = http.expectOne((r) => r.url === '/api/licences' && r.method === 'POST');
    expect(req.request.body.terms).toEqual({ lumpSum: { amount: 100_000, dueDays: 30 }, deferral: { untilFirstSales: false } });
    req.flush(licenceFixture({ id: 'l2', status: 'draft' }));
    await settle();
  });

  it('names the broker of the deal from the broker directory, with the commission in percent sent as basis points', async () => {
    const { http, fixture, $, type, submit, settle } = await open();
    const form = await fillBasics({ http, fixture, type, settle });
    $('lf-use-broker')?.click();
    await settle();
    http.expectOne(getWith('/api/brokers', { pageSize: '20' })).flush({ items: [{ id: 'b1', displayName: '刘洋', organizationName: '中关村技术经纪服务中心' }], total: 1, page: 1, pageSize: 20 });
    await settle();
    fixture.detectChanges();
    expect($('lf-broker')).not.toBeNull();
    await submit();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Above 0 and at most 30%');
    http.expectNone('/api/licences');
    form.controls.broker.patchValue({ brokerId: 'b1', rateBp: 2.5 });
    await submit();
    const req = http.expectOne((r) => r.url === '/api/licences' && r.method === 'POST');
    expect(req.request.body.broker).toEqual({ brokerId: 'b1', rateBp: 250 });
    req.flush(licenceFixture({ id: 'l3', status: 'draft' }));
    await settle();
  });
  it('searches the achievements on the server as one types, beyond the first 20, and keeps the one picked', async () => {
    const { http, $, fixture, settle } = await open();
    const form = (fixture.componentInstance as unknown as { form: LicenceFormGroup }).form;
    const select = picker($('lf-achievement'), settle);
    await select.open();
    expect(select.labels()).toEqual(['Silicon–carbon anode']);

    // The 101st of 300 is one search away.
    await select.type('  Achievement 101 ');
    http.expectOne(ACHIEVEMENTS({ q: 'Achievement 101' })).flush({ items: [achievement(101)], total: 1, page: 1, pageSize: 20 });
    await settle();
    expect(select.labels()).toEqual(['Achievement 101']);
    await select.pick('Achievement 101');
    expect(form.controls.achievementId.value).toBe('a101');
    expect(select.shown()).toBe('Achievement 101');

    // Another search: the picked one stays an option and stays shown.
    await select.open();
    await select.type('Achievement 2');
    http.expectOne(ACHIEVEMENTS({ q: 'Achievement 2' })).flush(pageOf(achievement, 1, 20, 111));
    await settle();
    expect(select.labels()[0]).toBe('Achievement 101');
    expect(select.labels()).toContain('Achievement 2');
    expect(select.hint()).toContain('Showing the first 20');
    expect(form.controls.achievementId.value).toBe('a101');
    // Closing clears the typed text: the first page comes back, and the picked one is still what the field shows.
    await select.close();
    http.expectOne(ACHIEVEMENTS()).flush(pageOf(achievement, 1, 20, 300));
    await settle();
    expect(select.shown()).toBe('Achievement 101');
    expect(form.controls.achievementId.value).toBe('a101');
    http.verify();
  });

  it('searches the broker directory by name as one types', async () => {
    const { http, $, fixture, settle } = await open();
    $('lf-use-broker')?.click();
    await settle();
    http.expectOne(getWith('/api/brokers', { pageSize: '20' })).flush({ items: [], total: 0, page: 1, pageSize: 20 });
    await settle();
    const select = picker($('lf-broker'), settle);
    await select.open();
    expect(select.hint()).toBe('Type to search');
    await select.type('刘');
    http.expectOne(getWith('/api/brokers', { pageSize: '20', q: '刘' })).flush({ items: [{ id: 'b1', displayName: '刘洋', organizationName: '中关村技术经纪服务中心' }], total: 1, page: 1, pageSize: 20 });
    await settle();
    await select.pick('刘洋');
    const form = (fixture.componentInstance as unknown as { form: LicenceFormGroup }).form;
    expect(form.controls.broker.value.brokerId).toBe('b1');
  });
});
