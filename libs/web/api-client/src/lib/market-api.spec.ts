import type { HttpTestingController } from '@angular/common/http/testing';
import { facadeUnderTest } from '../testing/facade-under-test';
import { MarketApi } from './market-api';

describe('MarketApi', () => {
  let api: MarketApi;
  let http: HttpTestingController;

  beforeEach(() => ({ api, http } = facadeUnderTest(MarketApi)));

  afterEach(() => http.verify());

  it('reads the bid history with the own bids marked only for a signed-in caller', () => {
    void api.auctionBids('a1', true);
    http.expectOne({ method: 'GET', url: '/api/auctions/a1/my-bids' }).flush([]);
    void api.auctionBids('a1', false);
    http.expectOne({ method: 'GET', url: '/api/auctions/a1/bids' }).flush([]);
  });

  it('sends a bid with its attempt key as idempotency-key', () => {
    void api.placeBid('a1', 101_000, 'k1');
    const req = http.expectOne({ method: 'POST', url: '/api/auctions/a1/bids' });
    expect(req.request.body).toEqual({ amount: 101_000 });
    expect(req.request.headers.get('idempotency-key')).toBe('k1');
    req.flush({});
  });

  it('leaves out what the caller did not give (deposit, offer terms)', () => {
    void api.registerBidder('a1');
    const plain = http.expectOne('/api/auctions/a1/register');
    expect(plain.request.body).toEqual({});
    plain.flush({});
    void api.makeOffer('l1', 500);
    const offer = http.expectOne('/api/listings/l1/offers');
    expect(offer.request.body).toEqual({ price: 500 });
    offer.flush({});
  });
});
