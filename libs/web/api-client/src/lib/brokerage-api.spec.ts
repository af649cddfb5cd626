import type { HttpTestingController } from '@angular/common/http/testing';
import { facadeUnderTest } from '../testing/facade-under-test';
import { BrokerageApi } from './brokerage-api';

describe('BrokerageApi', () => {
  let api: BrokerageApi;
  let http: HttpTestingController;

  beforeEach(() => ({ api, http } = facadeUnderTest(BrokerageApi)));

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
