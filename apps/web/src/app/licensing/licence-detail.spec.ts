import { TestBed } from '@angular/core/testing';
import { HttpRequest } from '@angular/common/http';
import { errorInterceptor } from '@ttx/web/core';
import { mountPage } from '../../testing/mount-page';
import { entryFixture, invoiceFixture, licenceFixture } from './licensing-fixtures';
import { LicenceDetail } from './licence-detail';
import { reportablePeriods } from './licensing-format';

describe('LicenceDetail', () => {
  afterEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = ''));
  });

  async function open(roles: string[], licence = licenceFixture(), invoices = [invoiceFixture()]) {
    const page = mountPage(LicenceDetail, { id: 'l1' }, { roles });
    await page.settle();
    page.http.expectOne('/api/licences/l1').flush(licence);
    await page.settle();
    page.http.expectOne('/api/licences/l1/invoices').flush({ items: invoices });
    await page.settle();
    return page;
  }

  // Walkthrough: an unknown or foreign licence showed two "not found" toasts, the licence's and its invoices'.
  it('says once that a licence is missing or not the caller\'s, without asking for its invoices', async () => {
    const { http, $, settle } = mountPage(LicenceDetail, { id: 'l1' }, { roles: ['enterprise_member'] }, { interceptors: [errorInterceptor] });
    await settle();
    http
      .expectOne('/api/licences/l1')
      .flush({ type: 'urn:ttx:problem:not-found', title: 'Not found', status: 404, detail: 'Licence not found' }, { status: 404, statusText: 'Not Found' });
    await settle();
    http.expectNone('/api/licences/l1/invoices');
    http.verify();
    expect($('licence-missing')?.textContent).toContain('Licence not found or not yours.');
    expect($('licence-title')).toBeNull();
    expect(document.querySelectorAll('.ant-notification-notice').length).toBe(1);
  });

  it('shows the terms with the use-first-pay-later deferral end, and invoices with their overdue flag', async () => {
    const { $, http } = await open(['enterprise_member']);
    http.expectNone('/api/distributions?licenceId=l1');
    expect($('licence-deferral')?.textContent).toContain('nothing is due before 2027-08-20 or the first reported sales, whichever comes first');
    expect($('term-deferral')?.textContent).toContain('12 months or until the first reported sales');
    expect($('term-royalty')?.textContent).toContain('5% of net sales, reported quarterly');
    expect($('invoice-status')?.textContent).toContain('Open');
    expect($('invoice-overdue')?.textContent).toContain('Overdue');
    expect($('invoice-pay')).not.toBeNull();
  });

  it('reports sales in yuan as integer fen, with a message per invalid field', async () => {
    // A licence running for years: the newest ended quarter is offered first (whatever today is).
    const lastEnded = reportablePeriods('quarterly', '2020-01-01', new Date())[0];
    const { $, http, settle, fixture } = await open(['enterprise_member'], licenceFixture({ startsOn: '2020-01-01' }));
    const input = $('report-net-sales') as HTMLInputElement;
    input.value = '12.345';
    input.dispatchEvent(new Event('input'));
    ($('report-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent).toContain('Enter an amount in yuan with at most 2 decimals');
    http.expectNone((r) => r.url.endsWith('/royalty-reports'));

    input.value = '1,234,567.89';
    input.dispatchEvent(new Event('input'));
    ($('report-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    const req = http.expectOne((r) => r.url === '/api/licences/l1/royalty-reports' && r.method === 'POST');
    expect(req.request.body).toEqual({ period: lastEnded, netSales: 123_456_789 });
    req.flush({ id: 'r1', period: lastEnded, periodStart: '2026-10-01', periodEnd: '2026-12-31', netSales: 123_456_789, royalty: 6_172_839, submittedAt: '2026-12-07T00:00:00Z', late: false });
    await settle();
    // The page reloads: the report and the invoice it leads to appear.
    http.expectOne('/api/licences/l1').flush(licenceFixture({ startsOn: '2020-01-01', royaltyReports: [{ id: 'r1', period: lastEnded, periodStart: '2026-10-01', periodEnd: '2026-12-31', netSales: 123_456_789, royalty: 6_172_839, submittedAt: '2026-12-07T00:00:00Z', late: false }] }));
    await settle();
    http.expectOne('/api/licences/l1/invoices').flush({ items: [] });
    await settle();
    expect($('report-royalty')?.textContent).toContain('61,728.39');
  });

  it('waits for the first period to end before a fresh licence can report', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { $ } = await open(['enterprise_member'], licenceFixture({ startsOn: today }));
    expect($('report-form')).toBeNull();
    expect($('report-not-yet')?.textContent).toContain('report its sales after');
  });

  it('shows the API refusal of a report (e.g. the period was already reported) inline', async () => {
    const { $, http, settle } = await open(['enterprise_member'], licenceFixture({ startsOn: '2020-01-01' }));
    const input = $('report-net-sales') as HTMLInputElement;
    input.value = '100';
    input.dispatchEvent(new Event('input'));
    ($('report-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    http
      .expectOne('/api/licences/l1/royalty-reports')
      .flush({ type: 'https://ttx/problems/royalty-report-exists', title: 'Conflict', status: 409, detail: 'Period 2026-Q4 is already reported' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect($('report-error')?.textContent).toContain('Period 2026-Q4 is already reported');
  });

  it('shows the licensor each payment split and the cost form to a TTO manager, but no pay button', async () => {
    const { $, http, settle, fixture } = await open(['tto_manager'], licenceFixture({ role: 'licensor' }), [invoiceFixture({ status: 'paid', paid: 150_000, outstanding: 0, overdue: false })]);
    http.expectOne('/api/distributions?licenceId=l1').flush({
      items: [entryFixture(), entryFixture({ recipientType: 'tto', recipientId: 'o-univ', recipientName: 'TTO', share: 1000, amount: 10_000 }), entryFixture({ recipientType: 'institution', recipientName: '合肥工业大学', share: 2000, amount: 20_000 })],
    });
    await settle();
    expect($('invoice-pay')).toBeNull();
    expect(fixture.nativeElement.querySelectorAll('[data-testid="distribution-row"]').length).toBe(3);
    expect($('payment-total')?.textContent).toContain('1,000');
    expect($('cost-form')).not.toBeNull();
  });

  it('lets the TTO manager confirm a pending milestone (its invoice follows)', async () => {
    const milestones = [{ id: 'm1', name: 'Pilot line', amount: 100_000, status: 'pending' as const, confirmedAt: null }];
    const { $, http, settle } = await open(['tto_manager'], licenceFixture({ role: 'licensor', milestones }), []);
    http.expectOne('/api/distributions?licenceId=l1').flush({ items: [] });
    await settle();
    $('milestone-confirm')?.click();
    await settle();
    http
      .expectOne((r) => r.url === '/api/licences/l1/milestones/m1/confirm' && r.method === 'POST')
      .flush(licenceFixture({ role: 'licensor', milestones: [{ ...milestones[0], status: 'confirmed', confirmedAt: '2026-12-07T00:00:00Z' }] }));
    await settle();
    expect($('milestone-status')?.textContent).toContain('Confirmed');
    expect($('milestone-confirm')).toBeNull();
  });
});

describe('PayDialog (through the invoice table)', () => {
  afterEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = ''));
  });

  const q = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const okButton = () => document.querySelector<HTMLButtonElement>('.ant-modal-footer .ant-btn-primary');

  async function openDialog() {
    const page = mountPage(LicenceDetail, { id: 'l1' }, { roles: ['enterprise_member'] });
    await page.settle();
    page.http.expectOne('/api/licences/l1').flush(licenceFixture());
    await page.settle();
    page.http.expectOne('/api/licences/l1/invoices').flush({ items: [invoiceFixture()] });
    await page.settle();
    page.$('invoice-pay')?.click();
    await page.settle();
    return page;
  }
  const setAmount = (v: string) => {
    const input = q('pay-amount') as HTMLInputElement;
    input.value = v;
    input.dispatchEvent(new Event('input'));
  };
  const isPayment = (r: HTTPRequestLike) => r.url === '/api/payments' && r.method === 'POST';
  type HTTPRequestLike = HttpRequest<unknown>;

  it('prefills the outstanding amount; a double click sends ONE payment with one Idempotency-Key', async () => {
    const { http, settle } = await openDialog();
    expect((q('pay-amount') as HTMLInputElement).value).toBe('1500.00');
    setAmount('600');
    okButton()?.click();
    okButton()?.click();
    await settle();
    const reqs = http.match(isPayment);
    expect(reqs.length).toBe(1);
    expect(reqs[0].request.body).toEqual({ invoiceId: 'i1', amount: 60_000 });
    expect(reqs[0].request.headers.get('Idempotency-Key')).toMatch(/.{8,}/);
    reqs[0].flush({ id: 'pay1', invoiceId: 'i1', licenceId: 'l1', amount: 60_000, costs: 0, paidAt: '2026-12-07T00:00:00Z', reference: null });
    await settle();
    // Paid: the page reloads the licence and its invoices.
    http.expectOne('/api/licences/l1').flush(licenceFixture({ outstanding: 90_000 }));
    await settle();
    http.expectOne('/api/licences/l1/invoices').flush({ items: [invoiceFixture({ paid: 60_000, outstanding: 90_000, status: 'partially_paid' })] });
    await settle();
    expect(q('invoice-status')?.textContent).toContain('Partly paid');
  });

  it('retries after a lost response with the SAME key, so the payment cannot be made twice', async () => {
    const { http, settle } = await openDialog();
    okButton()?.click();
    await settle();
    const first = http.expectOne(isPayment);
    const key = first.request.headers.get('Idempotency-Key');
    first.error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    await settle();
    expect(q('pay-error')?.textContent).toContain('Cannot reach the server');
    okButton()?.click();
    await settle();
    expect(http.expectOne(isPayment).request.headers.get('Idempotency-Key')).toBe(key);
  });

  it('shows an over-payment refusal from the problem body; the corrected payment goes out under a fresh key', async () => {
    const { http, settle } = await openDialog();
    setAmount('2000');
    okButton()?.click();
    await settle();
    const first = http.expectOne(isPayment);
    const key = first.request.headers.get('Idempotency-Key');
    first.flush(
      { type: 'https://ttx/problems/over-payment', title: 'Over-payment', status: 422, detail: 'The payment exceeds the outstanding ¥1,500.00', errors: [{ field: 'amount', message: 'must not exceed 150000' }] },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();
    expect(q('pay-error')?.textContent).toContain('The payment exceeds the outstanding ¥1,500.00');
    expect(q('pay-error')?.textContent).toContain('amount: must not exceed 150000');
    setAmount('1500');
    okButton()?.click();
    await settle();
    const second = http.expectOne(isPayment);
    expect(second.request.body).toEqual({ invoiceId: 'i1', amount: 150_000 });
    expect(second.request.headers.get('Idempotency-Key')).not.toBe(key);
  });

  it('validates the amount before sending', async () => {
    const { http, settle } = await openDialog();
    setAmount('0');
    okButton()?.click();
    await settle();
    http.expectNone(isPayment);
    expect(q('pay-error')?.textContent).toContain('Enter a positive amount');
  });
});
