import { TestBed } from '@angular/core/testing';
import { mountPage } from '../../testing/mount-page';
import { FinancePage } from './finance-page';
import { entryFixture, invoiceFixture, licenceFixture } from './licensing-fixtures';
import { getWith, picker } from '../../testing/picker';

const LICENCES = (more: Record<string, string> = {}) => getWith('/api/licences', { pageSize: '20', role: 'licensor', ...more });

describe('FinancePage', () => {
  afterEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  async function open() {
    const page = mountPage(FinancePage, {}, { roles: ['tto_manager'] });
    await page.settle();
    page.http.expectOne(LICENCES()).flush({ items: [licenceFixture({ role: 'licensor' })], total: 130, page: 1, pageSize: 20 });
    page.http.expectOne('/api/licensing/receivables').flush({
      organizationId: 'o-univ',
      outstanding: 250_000,
      overdue: 150_000,
      received: 1_000_000,
      invoices: [
        { ...invoiceFixture(), licenceNumber: 'LIC-2026-0001', licenseeName: '合肥智能装备' },
        { ...invoiceFixture({ id: 'i2', number: 'INV-2026-0002', licenceId: 'l2', overdue: false, amount: 100_000, outstanding: 100_000 }), licenceNumber: 'LIC-2026-0002', licenseeName: '芜湖新能源' },
      ],
    });
    await page.settle();
    return page;
  }

  it('shows receivables, overdue and received totals, and filters the overdue invoices', async () => {
    const { $, fixture, settle } = await open();
    expect($('finance-outstanding')?.textContent).toContain('2,500');
    expect($('finance-overdue')?.textContent).toContain('1,500');
    expect($('finance-received')?.textContent).toContain('10,000');
    const rows = () => fixture.nativeElement.querySelectorAll('[data-testid="receivable-row"]').length;
    expect(rows()).toBe(2);
    ($('finance-overdue-only')?.querySelector('input') as HTMLInputElement).click();
    await settle();
    fixture.detectChanges();
    expect(rows()).toBe(1);
  });

  it('opens the payments of a licence with each payment split, and records a deal cost in fen', async () => {
    const { $, http, fixture, settle } = await open();
    $('receivable-split')?.click();
    await settle();
    http.expectOne('/api/distributions?licenceId=l1').flush({
      items: [entryFixture(), entryFixture({ recipientType: 'deal_costs', recipientName: 'Costs', share: 3000, amount: 30_000 })],
    });
    await settle();
    expect($('finance-selected')?.textContent).toContain('LIC-2026-0001');
    expect(fixture.nativeElement.querySelectorAll('[data-testid="distribution-row"]').length).toBe(2);
    expect($('payment-heading')?.textContent).toContain('2026-11-02');

    const amount = $('cost-amount') as HTMLInputElement;
    amount.value = '320.50';
    amount.dispatchEvent(new Event('input'));
    const description = $('cost-description') as HTMLInputElement;
    description.value = 'Patent agency fee';
    description.dispatchEvent(new Event('input'));
    ($('cost-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    const req = http.expectOne((r) => r.url === '/api/licences/l1/costs' && r.method === 'POST');
    expect(req.request.body).toEqual({ amount: 32_050, description: 'Patent agency fee' });
    req.flush({});
    await settle();
    http.expectOne('/api/distributions?licenceId=l1').flush({ items: [] });
    await settle();
    expect($('cost-saved')).not.toBeNull();
  });

  it('names in the picker a licence the split action presets from beyond its first page', async () => {
    const { $, http, fixture, settle } = await open();
    fixture.nativeElement.querySelectorAll('[data-testid="receivable-split"]')[1].click();
    await settle();
    http.expectOne('/api/distributions?licenceId=l2').flush({ items: [] });
    http.expectOne('/api/licences/l2').flush(licenceFixture({ id: 'l2', number: 'LIC-2026-0002', licenseeName: '芜湖新能源', role: 'licensor' }));
    await settle();
    expect(picker($('finance-licence'), settle).shown()).toBe('LIC-2026-0002 · 芜湖新能源');
    expect($('finance-selected')?.textContent).toContain('LIC-2026-0002');
    http.verify();
  });

  it('downloads the statement as CSV or XLSX', async () => {
    const { $, http, settle } = await open();
    const createObjectURL = jest.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    $('income-export-xlsx')?.click();
    await settle();
    http.expectOne('/api/licensing/income/export?organizationId=o-univ&format=xlsx').flush(new Blob(['x']));
    await settle();
    expect(createObjectURL).toHaveBeenCalled();
    expect(click).toHaveBeenCalled();
    click.mockRestore();
  });
  it('finds any of the institution’s licences by typing its number, and shows its payments', async () => {
    const { $, http, settle } = await open();
    const select = picker($('finance-licence'), settle);
    await select.open();
    expect(select.hint()).toContain('Showing the first 1');
    await select.type('0101');
    http.expectOne(LICENCES({ q: '0101' })).flush({ items: [licenceFixture({ id: 'l101', number: 'LIC-2026-000101', role: 'licensor' })], total: 1, page: 1, pageSize: 20 });
    await settle();
    await select.pick('LIC-2026-000101');
    http.expectOne('/api/distributions?licenceId=l101').flush({ items: [entryFixture()] });
    await settle();
    expect($('finance-selected')?.textContent).toContain('LIC-2026-000101');
    http.verify();
  });
});
