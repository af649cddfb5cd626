import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { LicensingApi } from './licensing-api';
import { provideApiClient } from './provide-api-client';

describe('LicensingApi (generated licensing operations)', () => {
  let api: LicensingApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideApiClient()] });
    api = TestBed.inject(LicensingApi);
    http = TestBed.inject(HttpTestingController);
  });

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
});
