import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CatalogApi } from './catalog-api';
import { provideApiClient } from './provide-api-client';

describe('CatalogApi', () => {
  let api: CatalogApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideApiClient()] });
    api = TestBed.inject(CatalogApi);
    http = TestBed.inject(HttpTestingController);
  });

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
