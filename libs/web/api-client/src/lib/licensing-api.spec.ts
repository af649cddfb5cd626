import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { facadeUnderTest } from '../testing/facade-under-test';
import { LicensingApi } from './licensing-api';
import { OrganizationsApi } from './organizations-api';

describe('LicensingApi (generated licensing operations)', () => {
  let api: LicensingApi;
  let http: HttpTestingController;

  beforeEach(() => ({ api, http } = facadeUnderTest(LicensingApi)));

  afterEach(() => http.verify());

  it('pays with the Idempotency-Key header and the amount in fen', async () => {
    const result = api.pay({ invoiceId: 'i1', amount: 12_345 }, 'key-1');
    const req = http.expectOne('/api/payments');
    expect(req.request.method).toBe('POST');
    expect(req.request.headers.getAll('Idempotency-Key')).toEqual(['key-1']);
    expect(req.request.body).toEqual({ invoiceId: 'i1', amount: 12_345 });
    req.flush({ id: 'p1' });
    await expect(result).resolves.toEqual({ id: 'p1' });
  });

  it('unwraps list envelopes and passes the institution only when given', async () => {
    const invoices = api.invoices('l1');
    http.expectOne('/api/licences/l1/invoices').flush({ items: [{ id: 'i1' }] });
    await expect(invoices).resolves.toEqual([{ id: 'i1' }]);
    const own = api.income();
    http.expectOne('/api/licensing/income').flush({ items: [] });
    await own;
    const org = api.receivables('o1');
    http.expectOne('/api/licensing/receivables?organizationId=o1').flush({ invoices: [] });
    await org;
  });

  it('creates, activates and terminates a licence on the API paths', async () => {
    const created = api.createLicence({ achievementId: 'a1', licenseeOrgId: 'o1', kind: 'open', territory: ['000000'], fieldsOfUse: ['05'], startsOn: '2027-01-01', endsOn: '2028-12-31', terms: { lumpSum: { amount: 100, dueDays: 30 } } });
    const post = http.expectOne('/api/licences');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toMatchObject({ licenseeOrgId: 'o1', terms: { lumpSum: { amount: 100, dueDays: 30 } } });
    post.flush({ id: 'l1', status: 'draft' });
    await expect(created).resolves.toMatchObject({ id: 'l1' });
    const active = api.activate('l1');
    const a = http.expectOne('/api/licences/l1/activate');
    expect(a.request.method).toBe('POST');
    a.flush({ id: 'l1', status: 'active' });
    await expect(active).resolves.toMatchObject({ status: 'active' });
    const ended = api.terminate('l1', { reason: 'breach' });
    const t = http.expectOne('/api/licences/l1/terminate');
    expect(t.request.body).toEqual({ reason: 'breach' });
    t.flush({ id: 'l1', status: 'terminated' });
    await expect(ended).resolves.toMatchObject({ status: 'terminated' });
  });

  it('looks an organisation up by credit code', async () => {
    const orgs = TestBed.inject(OrganizationsApi);
    const found = orgs.byCreditCode('91340100MA2TTX01BX');
    http.expectOne('/api/organizations/by-credit-code/91340100MA2TTX01BX').flush({ id: 'o1', name: '合肥智能装备' });
    await expect(found).resolves.toMatchObject({ name: '合肥智能装备' });
  });
});
