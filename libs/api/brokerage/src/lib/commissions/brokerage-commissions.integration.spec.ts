import { CatalogModule } from '@ttx/api/catalog';
import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { IdentityModule } from '@ttx/api/identity';
import { MarketModule } from '@ttx/api/market';
import { BrokerageModule } from '../brokerage.module';
import { BrokerageDealsModule } from '../deals/brokerage-deals.module';
import { RoomFixture } from '../testing/room-fixture';
import { BrokerageCommissions } from './brokerage-commissions.service';

let t: TestApp;
let f: RoomFixture;
let commissions: BrokerageCommissions;

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule, MarketModule, BrokerageModule, BrokerageDealsModule]);
  f = await new RoomFixture(t).seed();
  commissions = t.app.get(BrokerageCommissions);
}, 120_000);
afterAll(() => t?.close());

/** The enterprise offers on the listing through the market, the TTO accepts: a market deal. */
const marketDeal = async (listingId: string, who: string, price: number) => {
  const o = await call(t.app, 'POST', `/api/listings/${listingId}/offers`, { token: f.tokens[who], body: { price } });
  expect(o.status).toBe(201);
  const a = await call(t.app, 'POST', `/api/offers/${o.json.id}/accept`, { token: f.tokens['tto'] });
  expect(a.status).toBe(200);
  return a.json.dealId as string;
};

describe('BrokerageCommissions.forDeal (for the licensing distribution ledger)', () => {
  it('answers the broker and the rate agreed in the room; the market deal closes and links the room', async () => {
    const achievementId = await f.achievement();
    const roomId = await f.room(achievementId);
    expect(await commissions.forDeal({ achievementId, buyerOrgId: f.orgs['sme'] })).toBeNull(); // nothing agreed yet
    await f.agreeCommission(roomId, { rateBp: 500 });

    // Before any deal, by parties (e.g. an offline licence the TTO records).
    const early = await commissions.forDeal({ achievementId, buyerOrgId: f.orgs['sme'] });
    expect(early).toMatchObject({ roomId, dealId: null, rateBp: 500, amountFen: null, brokerName: '刘洋 Liu Yang (Broker)' });

    const dealId = await marketDeal(await f.listing(achievementId), 'sme', 2_000_000);
    const c = await commissions.forDeal(dealId);
    expect(c).toEqual({
      roomId,
      dealId,
      dealPriceFen: 2_000_000,
      brokerId: early?.brokerId,
      brokerUserId: early?.brokerUserId,
      brokerName: '刘洋 Liu Yang (Broker)',
      brokerOrganizationId: early?.brokerOrganizationId,
      rateBp: 500,
      amountFen: null,
      agreedAt: early?.agreedAt,
    });
    expect(await commissions.forDeal({ dealId, achievementId, buyerOrgId: f.orgs['sme'] })).toEqual(c);

    const room = await call(t.app, 'GET', `/api/deal-rooms/${roomId}`, { token: f.tokens['sme'] });
    expect(room.json.stage).toBe('closed_won');
    const credits = await f.ds.query(`SELECT kind FROM credit_events WHERE deal_room_id = $1`, [roomId]);
    expect(credits).toEqual([{ kind: 'completed_deal' }]);
    const [ev] = await f.ds.query(`SELECT payload FROM brokerage_events WHERE type = 'deal-room.closed' AND subject_id = $1`, [roomId]);
    expect(ev.payload).toMatchObject({ outcome: 'won', dealId });
  });

  it('answers a fixed amount; a room already linked to one deal does not earn on the next', async () => {
    const achievementId = await f.achievement();
    const roomId = await f.room(achievementId, 'enterprise');
    await f.agreeCommission(roomId, { amountFen: 4_500_000 }, 'enterprise');
    const dealId = await marketDeal(await f.listing(achievementId, { dealType: 'licence', licenceScope: 'non_exclusive' }), 'enterprise', 9_000_000);
    expect(await commissions.forDeal(dealId)).toMatchObject({ roomId, dealId, amountFen: 4_500_000, rateBp: null });
    expect(await commissions.forDeal({ dealId: '00000000-0000-4000-8000-000000000001', achievementId, buyerOrgId: f.orgs['enterprise'] })).toBeNull();
  });

  it('gives null for a deal no room led to, another buyer, a room without agreement, and a room closed as lost', async () => {
    const achievementId = await f.achievement();
    const lost = await f.room(achievementId);
    await f.agreeCommission(lost, { rateBp: 300 });
    expect((await call(t.app, 'POST', `/api/deal-rooms/${lost}/close`, { token: f.tokens['broker'], body: { outcome: 'lost' } })).status).toBe(200);
    expect(await commissions.forDeal({ achievementId, buyerOrgId: f.orgs['sme'] })).toBeNull();

    const open = await f.room(achievementId);
    const dealId = await marketDeal(await f.listing(achievementId), 'sme', 1_000_000);
    // The open room (no agreement) is the one the deal came out of: it decides, so no broker line.
    expect((await f.ds.query('SELECT deal_id FROM deal_rooms WHERE id = $1', [open]))[0].deal_id).toBe(dealId);
    expect(await commissions.forDeal(dealId)).toBeNull();
    expect(await commissions.forDeal({ achievementId, buyerOrgId: f.orgs['enterprise'] })).toBeNull();

    const other = await f.achievement();
    expect(await commissions.forDeal(await marketDeal(await f.listing(other), 'enterprise', 500_000))).toBeNull();
  });
});
