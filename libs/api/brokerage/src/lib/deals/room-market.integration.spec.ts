import { CatalogModule } from '@ttx/api/catalog';
import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { IdentityModule } from '@ttx/api/identity';
import { MarketModule } from '@ttx/api/market';
import { BrokerageModule } from '../brokerage.module';
import { BrokerageCommissions } from '../commissions/brokerage-commissions.service';
import { RoomFixture } from '../testing/room-fixture';
import { BrokerageDealsModule } from './brokerage-deals.module';

let t: TestApp;
let f: RoomFixture;

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule, MarketModule, BrokerageModule, BrokerageDealsModule]);
  f = await new RoomFixture(t).seed();
}, 120_000);
afterAll(() => t?.close());

const roomOffer = (roomId: string, body: Record<string, unknown>, who = 'sme') => call(t.app, 'POST', `/api/deal-rooms/${roomId}/offers`, { token: f.tokens[who], body });

describe('room offers become market offers; the market deal closes the room', () => {
  it('puts a room offer into the listing’s negotiation, where the seller accepts it: the deal closes the room and carries its commission', async () => {
    const achievementId = await f.achievement();
    const listingId = await f.listing(achievementId);
    const roomId = await f.room(achievementId);
    await f.agreeCommission(roomId, { rateBp: 800 });

    const first = await roomOffer(roomId, { dealType: 'transfer', amountFen: 1_500_000, terms: '一次性转让' });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ listingId, marketOfferId: expect.any(String), amountFen: 1_500_000 });
    const threads = await call(t.app, 'GET', `/api/listings/${listingId}/offers`, { token: f.tokens['tto'] });
    expect(threads.json).toEqual([expect.objectContaining({ id: first.json.marketOfferId, buyerOrgId: f.orgs['sme'], side: 'buyer', price: 1_500_000, terms: '一次性转让', status: 'open' })]);
    expect((await call(t.app, 'GET', `/api/listings/${listingId}/offers`, { token: f.tokens['sme'] })).json).toHaveLength(1);
    const [ev] = await f.ds.query(`SELECT payload FROM brokerage_events WHERE type = 'deal-room.offer-made' AND subject_id = $1`, [roomId]);
    expect(ev.payload).toMatchObject({ offerId: first.json.id, listingId, marketOfferId: first.json.marketOfferId });
    const notice = await f.ds.query(`SELECT 1 FROM outbox WHERE payload->>'kind' = 'offer-received' AND payload->>'body' LIKE '%15,000.00%'`);
    expect(notice).toHaveLength(1);

    // A better offer from the room counters the first, as in any negotiation thread.
    const second = await roomOffer(roomId, { dealType: 'transfer', amountFen: 1_800_000 });
    const after = (await call(t.app, 'GET', `/api/listings/${listingId}/offers`, { token: f.tokens['tto'] })).json as { id: string; status: string }[];
    expect(after.map((o) => [o.id, o.status])).toEqual([[first.json.marketOfferId, 'countered'], [second.json.marketOfferId, 'open']]);

    const accepted = await call(t.app, 'POST', `/api/offers/${second.json.marketOfferId}/accept`, { token: f.tokens['tto'] });
    expect(accepted.status).toBe(200);
    const dealId = accepted.json.dealId as string;
    const room = await call(t.app, 'GET', `/api/deal-rooms/${roomId}`, { token: f.tokens['sme'] });
    expect(room.json.stage).toBe('closed_won');
    expect(await t.app.get(BrokerageCommissions).forDeal(dealId)).toMatchObject({ roomId, dealId, dealPriceFen: 1_800_000, rateBp: 800 });
    expect((await roomOffer(roomId, { dealType: 'transfer', amountFen: 1_900_000 })).status).toBe(409); // the room is closed
  });

  it('keeps an offer in the room when the achievement has no listing of that deal type taking offers', async () => {
    const achievementId = await f.achievement();
    const roomId = await f.room(achievementId, 'enterprise');
    const unlisted = await roomOffer(roomId, { dealType: 'transfer', amountFen: 700_000 }, 'enterprise');
    expect(unlisted.json).toMatchObject({ listingId: null, marketOfferId: null });

    const listingId = await f.listing(achievementId, { dealType: 'licence', licenceScope: 'non_exclusive' });
    const otherType = await roomOffer(roomId, { dealType: 'transfer', amountFen: 800_000 }, 'enterprise');
    expect(otherType.json).toMatchObject({ listingId: null, marketOfferId: null });
    expect((await call(t.app, 'GET', `/api/listings/${listingId}/offers`, { token: f.tokens['tto'] })).json).toEqual([]);
    const licence = await roomOffer(roomId, { dealType: 'licence', amountFen: 900_000 }, 'enterprise');
    expect(licence.json).toMatchObject({ listingId, marketOfferId: expect.any(String) });
  });
});
