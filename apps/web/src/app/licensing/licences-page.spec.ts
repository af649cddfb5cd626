import { TestBed } from '@angular/core/testing';
import { mountPage } from '../../testing/mount-page';
import { LicencesPage } from './licences-page';
import { licenceFixture } from './licensing-fixtures';

describe('LicencesPage', () => {
  afterEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  it("lists the enterprise's licences with status, use-first-pay-later and overdue amounts", async () => {
    const { $, http, settle } = mountPage(LicencesPage, {}, { roles: ['enterprise_member'] });
    await settle();
    http.expectOne('/api/licences?page=1&pageSize=20').flush({ items: [licenceFixture({ overdue: 50_000 })], total: 1, page: 1, pageSize: 20 });
    await settle();
    expect($('licence-link')?.textContent).toContain('LIC-2026-0001');
    expect($('licence-status')?.textContent).toContain('Active');
    expect($('licence-deferred')?.textContent).toContain('until 2027-08-20 or first sales');
    expect($('licence-overdue')?.textContent).toContain('500');
    expect($('licensing-finance-link')).toBeNull();
    expect($('licence-new-link')).toBeNull();
  });

  it('links a new offline licence, the finance view and the income statement for a TTO manager', async () => {
    const { $, http, settle } = mountPage(LicencesPage, {}, { roles: ['tto_manager'] });
    await settle();
    http.expectOne('/api/licences?page=1&pageSize=20').flush({ items: [], total: 0, page: 1, pageSize: 20 });
    await settle();
    expect($('licensing-finance-link')).not.toBeNull();
    expect($('licensing-income-link')).not.toBeNull();
    expect($('licence-new-link')?.getAttribute('href')).toBe('/licensing/new');
  });
});
