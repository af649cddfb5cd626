import type { HttpTestingController } from '@angular/common/http/testing';
import { facadeUnderTest } from '../testing/facade-under-test';
import { RegistryApi } from './registry-api';

describe('RegistryApi', () => {
  let api: RegistryApi;
  let http: HttpTestingController;

  beforeEach(() => ({ api, http } = facadeUnderTest(RegistryApi)));

  afterEach(() => http.verify());

  it('answers the statistics rows themselves', async () => {
    const result = api.contractStats({ groupBy: 'kind' });
    const req = http.expectOne((r) => r.url === '/api/stats/contracts');
    expect(req.request.params.get('groupBy')).toBe('kind');
    req.flush({ items: [{ key: 'licence', count: 2, contractAmount: 500 }] });
    await expect(result).resolves.toEqual([{ key: 'licence', count: 2, contractAmount: 500 }]);
  });

  it('asks the export for the chosen format', () => {
    void api.exportContractStats({ groupBy: 'month' }, 'xlsx');
    const req = http.expectOne((r) => r.url === '/api/stats/contracts/export');
    expect(req.request.params.get('format')).toBe('xlsx');
    expect(req.request.headers.get('Accept')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    req.flush(new Blob(['x']));
  });

  it('sends the registration attempt key as Idempotency-Key', () => {
    void api.registerContract('c1', 'k1');
    const req = http.expectOne('/api/contracts/c1/register');
    expect(req.request.headers.get('Idempotency-Key')).toBe('k1');
    req.flush({});
  });
});
