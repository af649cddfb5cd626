import { TestBed } from '@angular/core/testing';
import { mountPage } from '../../testing/mount-page';
import { IncomePage } from './income-page';
import { entryFixture } from './licensing-fixtures';

describe('IncomePage', () => {
  afterEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  it("shows the researcher's income lines with the total, in the active language", async () => {
    const { $, http, fixture, settle } = mountPage(IncomePage, {}, { roles: ['researcher'] });
    await settle();
    const title = { zh: '硅碳负极材料', en: 'Silicon–carbon anode' };
    http.expectOne('/api/licensing/income').flush({
      recipientType: 'user',
      recipientId: 'u',
      total: 105_000,
      items: [
        { ...entryFixture(), licenceNumber: 'LIC-2026-0001', title },
        { ...entryFixture({ paymentId: 'p2', amount: 35_000, paymentAmount: 50_000, paidAt: '2026-12-01T00:00:00Z' }), licenceNumber: 'LIC-2026-0001', title },
      ],
    });
    await settle();
    expect($('income-total')?.textContent).toContain('1,050');
    expect(fixture.nativeElement.querySelectorAll('[data-testid="income-row"]').length).toBe(2);
    expect($('income-title')?.textContent).toContain('Silicon–carbon anode');
    expect($('income-amount')?.textContent).toContain('700');
    expect($('income-export-csv')).not.toBeNull();
  });
});
