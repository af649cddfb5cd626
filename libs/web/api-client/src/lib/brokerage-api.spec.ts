import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { BrokerageApi } from './brokerage-api';
import { provideApiClient } from './provide-api-client';

describe('BrokerageApi', () => {
  let api: BrokerageApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideApiClient()] });
    api = TestBed.inject(BrokerageApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists deal rooms of every stage unless one is asked for', () => {
    void api.dealRooms();
    expect(http.expectOne((r) => r.url === '/api/deal-rooms').request.params.has('stage')).toBe(false);
    void api.dealRooms('negotiating');
    expect(http.expectOne((r) => r.url === '/api/deal-rooms').request.params.get('stage')).toBe('negotiating');
  });

  it('fetches room messages after the cursor', () => {
    void api.dealRoomMessages('r1', 7);
    const req = http.expectOne((r) => r.url === '/api/deal-rooms/r1/messages');
    expect(req.request.params.get('since')).toBe('7');
    req.flush({ items: [], cursor: 7 });
  });
});
