import type { HttpTestingController } from '@angular/common/http/testing';
import { facadeUnderTest } from '../testing/facade-under-test';
import { CatalogApi } from './catalog-api';

describe('CatalogApi', () => {
  let api: CatalogApi;
  let http: HttpTestingController;

  beforeEach(() => ({ api, http } = facadeUnderTest(CatalogApi)));

  afterEach(() => http.verify());

  it('accepts an NDA for the caller, or for the organisation named', () => {
    void api.acceptNda('a1');
    const own = http.expectOne('/api/achievements/a1/nda');
    expect(own.request.body).toEqual({});
    own.flush({});
    void api.acceptNda('a1', 'o1');
    const org = http.expectOne('/api/achievements/a1/nda');
    expect(org.request.body).toEqual({ organizationId: 'o1' });
    org.flush({});
  });
});
