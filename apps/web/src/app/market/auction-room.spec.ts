import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AuctionBidEvent } from '@ttx/shared/contracts';
import { provideApiClient } from '@ttx/web/api-client';
import { AUTH_STORAGE_KEY, LANG_STORAGE_KEY, LiveClient } from '@ttx/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { translocoTesting } from '../../testing/i18n';
import { APP_ICONS } from '../app-icons';
import { AuctionRoom } from './auction-room';

const tick = () => new Promise((r) => setTimeout(r));
const ID = '11111111-1111-4111-8111-111111111111';
const ends = new Date(Date.now() + 600_000).toISOString();
const AUCTION = {
  id: ID, listingId: 'l1', kind: 'english', status: 'open', startPrice: 100_000, highBid: 100_000, increment: 1_000, minNextBid: 101_000,
  reserveMet: true, hasReserve: false, startsAt: '2026-01-01T00:00:00Z', endsAt: ends, bidCount: 1, softCloseSeconds: 300, buyerPremiumBp: 0,
  deposit: null, outcome: null, dealId: null, serverTime: new Date().toISOString(),
};

describe('AuctionRoom', () => {
  let handlers: { bid: (e: AuctionBidEvent) => void } | undefined;
  let channel: string | undefined;
  let closed = 0;

  async function setup() {
    closed = 0; // the previous test's page is torn down after its afterEach
    localStorage.setItem(LANG_STORAGE_KEY, 'en-US');
    localStorage.setItem(
      AUTH_STORAGE_KEY,
      JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: { id: 'u', email: 'e', displayName: 'Ada', roles: ['enterprise_member'], memberships: [] } }),
    );
    TestBed.configureTestingModule({
      imports: [translocoTesting('en-US')],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideApiClient(),
        provideNzIcons(APP_ICONS),
        // The socket itself is LiveClient's (own spec); here the test plays the channel.
        {
          provide: LiveClient,
          useValue: {
            listen: (c: string, h: typeof handlers) => {
              channel = c;
              handlers = h;
              return { close: () => closed++ };
            },
          },
        },
      ],
    });
    const fixture = TestBed.createComponent(AuctionRoom);
    fixture.componentRef.setInput('id', ID);
    const http = TestBed.inject(HttpTestingController);
    const $ = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const settle = async () => {
      await tick();
      await fixture.whenStable();
    };
    const serve = async (auction = AUCTION) => {
      await settle();
      http.expectOne(`/api/auctions/${ID}`).flush(auction);
      await settle();
      http.expectOne(`/api/auctions/${ID}/me`).flush({ bidderStatus: 'approved', leading: false, organizationId: 'o1' });
      await settle();
      http.expectOne(`/api/auctions/${ID}/my-bids`).flush([{ bidder: '#1', mine: false, amount: auction.highBid, at: '2026-01-01T00:00:00Z' }]);
      await settle();
    };
    return { fixture, http, $, settle, serve };
  }

  afterEach(() => {
    localStorage.clear();
    handlers = undefined;
    channel = undefined;
  });

  it('shows the high bid, then follows a live bid and its soft-close extension', async () => {
    const { http, $, serve } = await setup();
    await serve();
    http.expectOne('/api/listings/l1').flush({ id: 'l1', title: { zh: '专利', en: 'Patent' } });
    expect(channel).toBe(`auction:${ID}`);
    expect($('auction-high-bid')?.textContent).toContain('¥1,000');
    const extended = new Date(Date.now() + 3_600_000).toISOString();
    handlers?.bid({ auctionId: ID, amount: 101_000, endsAt: extended, bidCount: 2, extended: true, at: new Date().toISOString() });
    await serve({ ...AUCTION, highBid: 101_000, endsAt: extended, bidCount: 2, minNextBid: 102_000 });
    expect($('auction-high-bid')?.textContent).toContain('¥1,010');
    expect($('auction-ends-at')?.textContent).toContain(extended);
    expect($('auction-countdown')?.textContent).toMatch(/^\s*0?1:00:0\d|00:59:5\d\s*$/);
  });

  it('asks for confirmation and sends the bid with an Idempotency-Key', async () => {
    const { http, $, settle, serve } = await setup();
    await serve();
    http.expectOne('/api/listings/l1').flush({ id: 'l1', title: { zh: '专利', en: 'Patent' } });
    $('bid-submit')?.click();
    await settle();
    expect($('bid-confirm-text')?.textContent).toContain('¥1,010');
    [...document.querySelectorAll<HTMLButtonElement>('.ant-modal-footer button')].find((b) => b.textContent?.includes('OK'))?.click();
    await settle();
    const req = http.expectOne(`/api/auctions/${ID}/bids`);
    expect(req.request.body).toEqual({ amount: 101_000 });
    expect(req.request.headers.get('idempotency-key')).toBeTruthy();
    req.flush({ bidId: 'b1', amount: 101_000, endsAt: ends });
    await serve({ ...AUCTION, highBid: 101_000, bidCount: 2, minNextBid: 102_000 });
  });

  it('closes the auction channel when the page goes', async () => {
    const { fixture, http, serve } = await setup();
    await serve();
    http.expectOne('/api/listings/l1').flush({ id: 'l1', title: { zh: '专利', en: 'Patent' } });
    expect(closed).toBe(0);
    fixture.destroy();
    expect(closed).toBe(1);
  });
});
