import { TestBed } from '@angular/core/testing';
import { mountPage } from '../../testing/mount-page';
import { EmpowermentDetail } from './empowerment-detail';

describe('EmpowermentDetail', () => {
  afterEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  // Walkthrough: a broker opening another party's application got a blank page and an uncaught error.
  it('says so when the application is missing or not the caller\'s', async () => {
    const { http, $, settle } = mountPage(EmpowermentDetail, { id: 'e1' }, { roles: ['broker'] });
    await settle();
    http
      .expectOne('/api/empowerments/e1')
      .flush({ type: 'urn:ttx:problem:not-found', title: 'Not found', status: 404, detail: 'Empowerment not found' }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect($('emp-missing')?.textContent).toContain('This application does not exist or is not yours to see.');
    expect($('emp-title')).toBeNull();
    http.verify();
  });
});
