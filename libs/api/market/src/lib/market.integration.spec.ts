import { CatalogModule, CatalogSeeder } from '@ttx/api/catalog';
import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { creditCodeCheckCharacter, withPatentCheckCharacter } from '@ttx/shared/policy';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AuctionCloser } from './auctions/auction-closer.service';
import { BID_SQL } from './auctions/bid-sql';
import { LotRosters } from './auctions/lot-rosters';
import { DealsService } from './deals/deals.service';
import { MarketModule } from './market.module';
import { TakeService } from './trading/take.service';

const SEEDS = resolve(__dirname, '../../../../../seeds/demo');
let t: TestApp;
let ds: DataSource;
const tokens: Record<string, string> = {};
const orgIds: Record<string, string> = {};
const userIds: Record<string, string> = {};
let seq = 0;
let patentSeq = 100000;

const tokenOf = async (email: string, password = 'ttx-demo-2026') => {
  const res = await call(t.app, 'POST', '/api/auth/login', { body: { email, password } });
  expect(res.status).toBe(200);
  return res.json.accessToken as string;
};
/** A new user who is `role` of the seeded organisation `orgKey` (memberships inserted as the catalog spec does). */
const memberOf = async (orgKey: string, role: string) => {
  const email = `m${++seq}@example.cn`;
  const reg = await call(t.app, 'POST', '/api/auth/register', { body: { email, password: 'correct horse 1', displayName: '用户' } });
  await ds.query('INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, $3)', [reg.json.id, orgIds[orgKey], role]);
  return tokenOf(email, 'correct horse 1');
};

/** A published achievement of the demo university (TTO creates, submits, publishes through the catalog API). */
const achievement = async (over: Record<string, unknown> = {}) => {
  const body = {
    kind: 'invention_patent',
    title: { zh: `一种储能电池热管理方法${++patentSeq}`, en: `Battery thermal management ${patentSeq}` },
    abstract: { zh: '提高储能电池寿命。', en: 'Longer battery life.' },
    fieldCode: '01.01',
    dealTypes: ['transfer', 'licence', 'equity'],
    ipRecords: [{ number: withPatentCheckCharacter(`2023${String(patentSeq).padStart(8, '0')}`), office: 'CNIPA', status: 'granted', expiryDate: '2043-01-01' }],
    inventors: [{ name: '李伟', sharePct: 60 }, { name: '王芳', sharePct: 40 }],
    ...over,
  };
  const c = await call(t.app, 'POST', '/api/achievements', { token: tokens['tto'], body });
  expect(c.status).toBe(201);
  expect((await call(t.app, 'POST', `/api/achievements/${c.json.id}/submit`, { token: tokens['tto'] })).status).toBe(200);
  expect((await call(t.app, 'POST', `/api/achievements/${c.json.id}/publish`, { token: tokens['tto'] })).status).toBe(200);
  return c.json.id as string;
};

/** Fixture: the rights ledger after an ownership-first empowerment (written as the rights service does, shares sum to 100 %). */
const coOwned = (achievementId: string, shares: [string, string | null, string, number][]) =>
  ds.transaction(async (m) => {
    for (const [position, [type, holder, name, bp]] of shares.entries()) {
      await m.query('INSERT INTO ownership_shares (achievement_id, holder_type, holder_id, position, holder_name, share_bp) VALUES ($1, $2, $3, $4, $5, $6)', [achievementId, type, holder, position, name, bp]);
    }
  });
const consent = async (who: string, achievementId: string, method: string, dealType: string, status = 201) => {
  const res = await call(t.app, 'POST', `/api/achievements/${achievementId}/listing-consents`, { token: tokens[who], body: { method, dealType } });
  expect(res.status).toBe(status);
  return res;
};

const list = async (body: Record<string, unknown>, who = 'tto') => call(t.app, 'POST', '/api/listings', { token: tokens[who], body });
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

/** An open English auction with sme and enterprise approved. */
const auction = async (terms: Record<string, unknown> = {}, approve = ['sme', 'enterprise']) => {
  const res = await list({ achievementId: await achievement(), method: 'auction', dealType: 'transfer', auction: { startPrice: 100_000, increment: 1_000, endsAt: inSeconds(3600), ...terms } });
  expect(res.status).toBe(201);
  const id = res.json.auctionId as string;
  for (const who of approve) {
    expect((await call(t.app, 'POST', `/api/auctions/${id}/register`, { token: tokens[who], body: {} })).status).toBe(201);
    expect((await call(t.app, 'POST', `/api/auctions/${id}/bidders/${orgIds[who]}`, { token: tokens['tto'], body: { status: 'approved' } })).status).toBe(200);
  }
  return { listingId: res.json.id as string, auctionId: id };
};
let keySeq = 0;
const bid = (who: string, auctionId: string, amount: number, key = `k-${++keySeq}`) =>
  call(t.app, 'POST', `/api/auctions/${auctionId}/bids`, { token: tokens[who], body: { amount }, headers: { 'idempotency-key': key } });
const endNow = (auctionId: string) => ds.query(`UPDATE auctions SET ends_at = now() - interval '1 second', starts_at = now() - interval '1 hour' WHERE id = $1`, [auctionId]);

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, CatalogModule, MarketModule]);
  ds = t.app.get(DataSource);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
  await ds.transaction((m) => t.app.get(CatalogSeeder).seedFields(m, resolve(SEEDS, 'fields.json')));
  const identity = (await import(resolve(SEEDS, 'identity.json'))) as { organizations: { key: string; creditCode: string }[] };
  for (const o of identity.organizations) orgIds[o.key] = (await ds.query('SELECT id FROM organizations WHERE credit_code = $1', [o.creditCode]))[0].id;
  for (const who of ['tto', 'sme', 'enterprise', 'evaluator', 'researcher']) {
    tokens[who] = await tokenOf(`${who}@demo.ttx`);
    userIds[who] = (await ds.query('SELECT id FROM users WHERE email = $1', [`${who}@demo.ttx`]))[0].id;
  }
  orgIds['tto'] = orgIds['university'];
  tokens['third'] = await memberOf('sme', 'enterprise_member');
  orgIds['third'] = orgIds['sme'];
}, 120_000);
// Closing drains the queues and pools, which takes seconds on a loaded machine.
afterAll(() => t?.close(), 60_000);

describe('listings', () => {
  it('lists a published achievement by its TTO; an auction listing carries auctionId', async () => {
    const { listingId, auctionId } = await auction();
    const l = await call(t.app, 'GET', `/api/listings/${listingId}`);
    expect(l.json).toMatchObject({ method: 'auction', dealType: 'transfer', status: 'open', auctionId });
    const a = await call(t.app, 'GET', `/api/auctions/${auctionId}`);
    expect(a.json).toMatchObject({ status: 'open', startPrice: 100_000, highBid: null, increment: 1_000, reserveMet: false, bidCount: 0 });
    expect(a.json).not.toHaveProperty('reservePrice');
    const browse = await call(t.app, 'GET', '/api/listings?method=auction&status=open');
    expect(browse.json.items.some((x: { id: string }) => x.id === listingId)).toBe(true);
  });

  it('refuses unpublished achievements, other institutions, a second live listing and a licence without scope', async () => {
    const draft = await call(t.app, 'POST', '/api/achievements', {
      token: tokens['tto'],
      body: { kind: 'invention_patent', title: { zh: '草稿' }, abstract: { zh: '草稿' }, dealTypes: ['transfer'] },
    });
    expect((await list({ achievementId: draft.json.id, method: 'negotiation', dealType: 'transfer' })).json.type).toBe('urn:ttx:problem:achievement-not-published');
    const id = await achievement();
    expect((await list({ achievementId: id, method: 'negotiation', dealType: 'transfer' }, 'sme')).status).toBe(403);
    const other = await memberOf('institute-cas-hf', 'tto_manager');
    expect((await call(t.app, 'POST', '/api/listings', { token: other, body: { achievementId: id, method: 'negotiation', dealType: 'transfer' } })).status).toBe(403);
    const lic = await list({ achievementId: id, method: 'negotiation', dealType: 'licence' });
    expect(lic.status).toBe(422);
    expect(lic.json.errors[0].field).toBe('licenceScope');
    expect((await list({ achievementId: id, method: 'negotiation', dealType: 'transfer' })).status).toBe(201);
    const again = await list({ achievementId: id, method: 'fixed_price', dealType: 'transfer', price: 5 });
    expect(again.status).toBe(409);
    expect(again.json.type).toBe('urn:ttx:problem:listing-live');
  });

  it('shows an evaluator report as the price basis; a government-funded listing below it needs a justification', async () => {
    const id = await achievement({ fundingProjectNumber: '2022YFB2400100' });
    const l = await list({ achievementId: id, method: 'negotiation', dealType: 'transfer', price: 800_000 });
    expect(l.json.governmentFunded).toBe(true);
    expect((await call(t.app, 'POST', `/api/listings/${l.json.id}/evaluation`, { token: tokens['sme'], body: { value: 1_000_000, evaluatedOn: '2026-01-10', method: '收益法' } })).status).toBe(403);
    const ev = await call(t.app, 'POST', `/api/listings/${l.json.id}/evaluation`, { token: tokens['evaluator'], body: { value: 1_000_000, evaluatedOn: '2026-01-10', method: '收益法 income approach' } });
    expect(ev.status).toBe(201);
    expect(ev.json.evaluation).toMatchObject({ value: 1_000_000, evaluatedOn: '2026-01-10', evaluatorName: expect.stringContaining('评估') });
    const offer = await call(t.app, 'POST', `/api/listings/${l.json.id}/offers`, { token: tokens['sme'], body: { price: 900_000 } });
    const refused = await call(t.app, 'POST', `/api/offers/${offer.json.id}/accept`, { token: tokens['tto'] });
    expect(refused.status).toBe(422);
    expect(refused.json.type).toBe('urn:ttx:problem:below-value-justification-required');
    expect((await call(t.app, 'POST', `/api/listings/${l.json.id}/justification`, { token: tokens['tto'], body: { text: '专利剩余保护期短，经校长办公会决议（2026-02 第3次）' } })).status).toBe(200);
    expect((await call(t.app, 'POST', `/api/offers/${offer.json.id}/accept`, { token: tokens['tto'] })).json.status).toBe('accepted');
  });

  it("tells the seller's TTO and the evaluator organisation's evaluators of an attached report, and those evaluators of a below-value justification; no one else", async () => {
    // A second evaluator organisation, whose evaluator must hear nothing of the demo evaluator's work.
    const first17 = '91110108MA0TTX077';
    const [other] = await ds.query(`INSERT INTO organizations (name, kind, credit_code, region_code, verified_at) VALUES ('另一评估有限公司（测试）', 'evaluator', $1, '110108', now()) RETURNING id`, [first17 + creditCodeCheckCharacter(first17)]);
    orgIds['otherEvaluator'] = other.id;
    await memberOf('otherEvaluator', 'evaluator');
    const l = await list({ achievementId: await achievement({ fundingProjectNumber: '2022YFB2400101' }), method: 'negotiation', dealType: 'transfer', price: 700_000 });
    const link = `/market/listings/${l.json.id}`;
    const notes = async (kind: string): Promise<{ email: string; title: { zh: string; en: string }; body: { zh: string; en: string } }[]> =>
      ds.query(
        `SELECT u.email, o.payload->'title' AS title, o.payload->'body' AS body FROM outbox o JOIN users u ON u.id = (o.payload->>'userId')::uuid
          WHERE o.payload->>'kind' = $1 AND o.payload->>'link' = $2 ORDER BY u.email`,
        [kind, link],
      );
    expect((await call(t.app, 'POST', `${link.replace('/market', '/api')}/evaluation`, { token: tokens['evaluator'], body: { value: 1_200_000, evaluatedOn: '2026-01-10', method: '市场法 market approach' } })).status).toBe(201);
    const attached = await notes('listing-evaluated');
    expect(attached.map((n) => n.email)).toEqual(['evaluator@demo.ttx', 'tto@demo.ttx']);
    const title = l.json.title as { zh: string; en: string };
    expect(attached[0].title).toEqual({ zh: `「${title.zh}」已附资产评估报告`, en: `Evaluation report attached to “${title.en}”` });
    expect(attached[0].body).toEqual({
      zh: '华衡资产评估有限公司（演示）评估价值 ¥12,000.00（评估基准日 2026-01-10，市场法 market approach），作为挂牌价格依据公示。',
      en: "华衡资产评估有限公司（演示） values it at CNY 12,000.00 (valuation date 2026-01-10, 市场法 market approach); shown as the listing's price basis.",
    });
    expect(await notes('listing-below-value-justified')).toEqual([]);
    expect((await call(t.app, 'POST', `${link.replace('/market', '/api')}/justification`, { token: tokens['tto'], body: { text: '专利剩余保护期短' } })).status).toBe(200);
    const justified = await notes('listing-below-value-justified');
    expect(justified.map((n) => n.email)).toEqual(['evaluator@demo.ttx']);
    expect(justified[0].title).toEqual({ zh: `「${title.zh}」记录了低于评估价值交易的理由`, en: `“${title.en}” may sell below your evaluated value` });
    expect(justified[0].body).toEqual({ zh: '卖方说明：专利剩余保护期短', en: "The seller's reason: 专利剩余保护期短" });
  });
});

describe('co-owner consent (rights ownership ledger)', () => {
  it('a listing needs each researcher co-owner’s recorded consent for its method and deal type', async () => {
    const id = await achievement();
    tokens['wang'] = await memberOf('university', 'researcher');
    userIds['wang'] = (await ds.query(`SELECT id FROM users WHERE email = $1`, [`m${seq}@example.cn`]))[0].id;
    await coOwned(id, [['institution', orgIds['university'], '合肥工业大学', 3_000], ['inventor', userIds['researcher'], '李伟', 5_000], ['inventor', userIds['wang'], '王芳', 2_000]]);
    const body = { achievementId: id, method: 'negotiation', dealType: 'transfer' };

    const refused = await list(body);
    expect(refused.status).toBe(422);
    expect(refused.json.type).toBe('urn:ttx:problem:co-owner-consent-missing');
    expect(refused.json.errors.map((e: { message: string }) => e.message)).toEqual([expect.stringContaining('李伟'), expect.stringContaining('王芳')]);
    expect((await ds.query('SELECT 1 FROM listings WHERE achievement_id = $1', [id])).length).toBe(0);

    // Only co-owners (and the selling TTO) see the consents; only co-owners record one.
    expect((await call(t.app, 'GET', `/api/achievements/${id}/listing-consents`, { token: tokens['sme'] })).status).toBe(404);
    await consent('sme', id, 'negotiation', 'transfer', 403);
    await consent('tto', id, 'negotiation', 'transfer', 403);
    const bad = await call(t.app, 'POST', `/api/achievements/${id}/listing-consents`, { token: tokens['researcher'], body: { method: 'barter', dealType: 'transfer' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.errors)).toContain('method');

    await consent('researcher', id, 'negotiation', 'transfer');
    const again = await consent('researcher', id, 'negotiation', 'transfer');
    expect(again.json.owners.map((o: { holderName: string; seller: boolean; consents: unknown[] }) => [o.holderName, o.seller, o.consents.length])).toEqual([
      ['合肥工业大学', true, 0],
      ['李伟', false, 1],
      ['王芳', false, 0],
    ]);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'listing-consent.recorded' AND entity_id = $1`, [id]);
    expect(n).toBe(1);
    const still = await list(body);
    expect(still.json.errors).toEqual([{ field: 'achievementId', message: expect.stringContaining('王芳') }]);

    // Consent is per deal type: a licence consent does not cover a transfer.
    await consent('wang', id, 'negotiation', 'licence');
    expect((await list(body)).json.type).toBe('urn:ttx:problem:co-owner-consent-missing');
    await consent('wang', id, 'negotiation', 'transfer');
    const seen = await call(t.app, 'GET', `/api/achievements/${id}/listing-consents`, { token: tokens['tto'] });
    expect(seen.json.owners[2].consents.map((c: { dealType: string }) => c.dealType)).toEqual(['licence', 'transfer']);
    expect((await list(body)).status).toBe(201);
  });

  it('an achievement the institution owns alone lists without consents (no ledger rows)', async () => {
    expect((await list({ achievementId: await achievement(), method: 'negotiation', dealType: 'transfer' })).status).toBe(201);
  });
});

describe('auction bids (hot path)', () => {
  it('accepts a bid at the start price, then only high + increment', async () => {
    const { auctionId } = await auction();
    const low = await bid('sme', auctionId, 99_000);
    expect(low.status).toBe(409);
    expect(low.json.type).toBe('urn:ttx:problem:bid-too-low');
    const first = await bid('sme', auctionId, 100_000);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ amount: 100_000, bidId: expect.any(String), endsAt: expect.any(String) });
    const tooLow = await bid('enterprise', auctionId, 100_500);
    expect(tooLow.status).toBe(409);
    expect(tooLow.json.detail).toContain('101000');
    expect((await bid('enterprise', auctionId, 101_000)).status).toBe(201);
    const a = await call(t.app, 'GET', `/api/auctions/${auctionId}`);
    expect(a.json).toMatchObject({ highBid: 101_000, bidCount: 2, minNextBid: 102_000, reserveMet: true });
  });

  it('Idempotency-Key: a replay returns the first result; same key, other body → 422; missing → 400', async () => {
    const { auctionId } = await auction();
    const a = await bid('sme', auctionId, 100_000, 'same-key');
    const b = await bid('sme', auctionId, 100_000, 'same-key');
    expect(b.status).toBe(201);
    expect(b.json).toEqual(a.json);
    expect((await call(t.app, 'GET', `/api/auctions/${auctionId}`)).json.bidCount).toBe(1);
    const other = await bid('sme', auctionId, 105_000, 'same-key');
    expect(other.status).toBe(422);
    expect(other.json.type).toBe('urn:ttx:problem:idempotency-key-reused');
    const refused = await bid('sme', auctionId, 1, 'low-key');
    const replayRefused = await bid('sme', auctionId, 1, 'low-key');
    expect([refused.status, replayRefused.status]).toEqual([409, 409]);
    expect(replayRefused.json).toEqual(refused.json);
    const none = await call(t.app, 'POST', `/api/auctions/${auctionId}/bids`, { token: tokens['sme'], body: { amount: 200_000 } });
    expect(none.status).toBe(400);
  });

  it('a refusal is stored with its facts: its replay returns the same problem after the high bid moved on', async () => {
    const { auctionId } = await auction();
    expect((await bid('sme', auctionId, 100_000)).status).toBe(201);
    const refused = await bid('enterprise', auctionId, 100_500, 'outbid-key');
    expect(refused.status).toBe(409);
    expect(refused.json.detail).toContain('101000');
    expect((await bid('sme', auctionId, 101_000)).status).toBe(201);
    const again = await bid('enterprise', auctionId, 100_500, 'outbid-key');
    expect(again.status).toBe(409);
    expect(again.json).toEqual(refused.json);
    const [rec] = await ds.query(`SELECT status, response FROM market_idempotency_keys WHERE user_id = $1 AND key = 'outbid-key'`, [userIds['enterprise']]);
    expect(rec.status).toBeNull();
    expect(rec.response.refused).toMatchObject({ status: 'open', high: 100_000, increment: 1_000, bidder: 'approved', own: false });
  });

  it('a bid refused after waiting for the row lock is told the high bid committed meanwhile, in the same statement', async () => {
    const { auctionId } = await auction();
    expect((await bid('sme', auctionId, 100_000)).status).toBe(201);
    // A concurrent writer holds the auction row and raises the high bid while our bid waits for the lock.
    const other = ds.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      await other.query(`UPDATE auctions SET high_bid_fen = 150000, bid_count = bid_count + 1 WHERE id = $1`, [auctionId]);
      const pending = bid('enterprise', auctionId, 101_000);
      await new Promise((r) => setTimeout(r, 300));
      await other.commitTransaction();
      const r = await pending;
      expect(r.status).toBe(409);
      // The statement's own snapshot still says 100000; the fresh read names the committed 150000.
      expect(r.json.detail).toBe('The bid must be at least the high bid + increment = 151000');
    } finally {
      await other.release();
    }
  });

  it('only a refusal commits without waiting for the WAL flush; an accepted bid keeps synchronous_commit on', async () => {
    const { auctionId } = await auction();
    const run = async (amount: number) => {
      const q = ds.createQueryRunner();
      await q.connect();
      try {
        await q.startTransaction();
        const [row] = await q.query(BID_SQL, [auctionId, [orgIds['sme']], amount, randomUUID(), userIds['sme'], `sc-${amount}`, 'h']);
        const [{ synchronous_commit }] = await q.query('SHOW synchronous_commit');
        await q.rollbackTransaction();
        return { accepted: !!row.ends_at, refused: row.refused, stored: row.stored, synchronous_commit };
      } finally {
        await q.release();
      }
    };
    expect(await run(1)).toMatchObject({ accepted: false, refused: { status: 'open', high: null }, stored: 1, synchronous_commit: 'off' });
    expect(await run(100_000)).toMatchObject({ accepted: true, refused: null, stored: 1, synchronous_commit: 'on' });
  });

  it('the api bids through a prepared statement: parsed and planned once per connection, not per bid', async () => {
    const { auctionId } = await auction();
    expect((await bid('sme', auctionId, 100_000, 'prep-1')).status).toBe(201);
    // typeorm's pool is the one BidsService prepares on; its connections hold the statement by name.
    const pool = (ds.driver as unknown as { master: { query(sql: string): Promise<{ rows: { statement: string }[] }> } }).master;
    const found = await Promise.all(Array.from({ length: 4 }, () => pool.query(`SELECT statement FROM pg_prepared_statements WHERE name = 'market_bid'`)));
    expect(found.some((r) => r.rows.length === 1 && r.rows[0].statement === BID_SQL)).toBe(true);
  });

  it('Idempotency-Key: concurrent requests with one key make one bid and all get its result (english and sealed)', async () => {
    for (const kind of ['english', 'sealed']) {
      const { auctionId } = await auction({ kind });
      const rs = await Promise.all(Array.from({ length: 6 }, () => bid('sme', auctionId, 120_000, `race-${kind}`)));
      expect(rs.map((r) => r.status)).toEqual(Array(6).fill(201));
      expect(new Set(rs.map((r) => r.json.bidId)).size).toBe(1);
      expect(new Set(rs.map((r) => r.json.endsAt)).size).toBe(1);
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM auction_bids WHERE auction_id = $1`, [auctionId]);
      expect(n).toBe(1);
    }
  });

  it('refuses unapproved bidders, the seller’s own organisation and bids after the end', async () => {
    const { auctionId } = await auction({}, ['sme']);
    expect((await call(t.app, 'POST', `/api/auctions/${auctionId}/register`, { token: tokens['enterprise'], body: {} })).json.bidderStatus).toBe('pending');
    const pending = await bid('enterprise', auctionId, 100_000);
    expect(pending.status).toBe(422);
    expect(pending.json.type).toBe('urn:ttx:problem:bidder-not-approved');
    // A member of the selling institution who also holds the trading permission (inserted directly).
    const insider = await memberOf('university', 'enterprise_member');
    const own = await call(t.app, 'POST', `/api/auctions/${auctionId}/bids`, { token: insider, body: { amount: 100_000 }, headers: { 'idempotency-key': 'own' } });
    expect(own.status).toBe(422);
    expect(own.json.type).toBe('urn:ttx:problem:bid-own-lot');
    await endNow(auctionId);
    const late = await bid('sme', auctionId, 100_000);
    expect(late.status).toBe(409);
    expect(late.json.type).toBe('urn:ttx:problem:auction-ended');
  });

  it('racing bids: one of many at the same amount wins; increasing races lose nothing and double nothing', async () => {
    const { auctionId } = await auction({ softCloseSeconds: 0 });
    const same = await Promise.all(Array.from({ length: 12 }, (_, i) => bid(i % 2 ? 'sme' : 'enterprise', auctionId, 100_000)));
    expect(same.filter((r) => r.status === 201)).toHaveLength(1);
    expect(same.filter((r) => r.status === 409)).toHaveLength(11);
    // Each bidder repeatedly bids the next step it believes in; every accepted bid must be high + increment.
    const accepted: number[] = [];
    await Promise.all(
      ['sme', 'enterprise', 'third'].map(async (who) => {
        for (let i = 0; i < 15; i++) {
          const a = (await call(t.app, 'GET', `/api/auctions/${auctionId}`)).json;
          const r = await bid(who === 'third' ? 'sme' : who, auctionId, a.minNextBid);
          if (r.status === 201) accepted.push(r.json.amount);
        }
      }),
    );
    const rows: { amount_fen: string }[] = await ds.query(`SELECT amount_fen FROM auction_bids WHERE auction_id = $1 ORDER BY created_at`, [auctionId]);
    const amounts = rows.map((r) => Number(r.amount_fen));
    expect(amounts.length).toBe(accepted.length + 1);
    expect(new Set(amounts).size).toBe(amounts.length);
    for (let i = 1; i < amounts.length; i++) expect(amounts[i] - amounts[i - 1]).toBeGreaterThanOrEqual(1_000);
    const a = (await call(t.app, 'GET', `/api/auctions/${auctionId}`)).json;
    expect(a.highBid).toBe(Math.max(...amounts));
    expect(a.bidCount).toBe(amounts.length);
  });

  it('a burst at one amount puts one bid on the row lock, not all of them; the rest are judged as soon as it is answered', async () => {
    const { auctionId } = await auction();
    const other = ds.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      await other.query(`UPDATE auctions SET high_bid_fen = 150000, bid_count = bid_count + 1 WHERE id = $1`, [auctionId]);
      const burst = Array.from({ length: 12 }, (_, i) => bid(i % 2 ? 'sme' : 'enterprise', auctionId, 100_000));
      await new Promise((r) => setTimeout(r, 300));
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE auctions a SET%' AND datname = current_database()`,
      );
      expect(n).toBe(1);
      await other.commitTransaction();
      const answers = await Promise.all(burst);
      expect(answers.map((r) => r.status)).toEqual(Array(12).fill(409));
      expect(new Set(answers.map((r) => r.json.detail))).toEqual(new Set(['The bid must be at least the high bid + increment = 151000']));
    } finally {
      await other.release();
    }
  });

  it('a bid the api already knows too low is refused in process, its record stored as the statement would: replay and reuse hold', async () => {
    const { auctionId } = await auction();
    expect((await bid('sme', auctionId, 100_000)).status).toBe(201);
    const low = await bid('sme', auctionId, 100_500, 'known-low');
    expect(low.status).toBe(409);
    expect(low.json.detail).toBe('The bid must be at least the high bid + increment = 101000');
    const record = async (key: string) =>
      (await ds.query(`SELECT status, request_hash, response FROM market_idempotency_keys WHERE key = $1`, [key]))[0] as { status: number | null; response: { refused: Record<string, unknown> } };
    // Facts answered in process carry no `ends` (the statement's own facts do): this one never reached it.
    const stored = await record('known-low');
    expect(stored.status).toBeNull();
    expect(stored.response.refused).toEqual({ status: 'open', kind: 'english', own: false, start: 100_000, increment: 1_000, high: 100_000, started: true, running: true, bidder: 'approved' });
    expect(await bid('sme', auctionId, 100_500, 'known-low')).toEqual(low);
    expect((await bid('sme', auctionId, 200_000, 'known-low')).json.type).toBe('urn:ttx:problem:idempotency-key-reused');
    // A caller this process has not seen bid, but whom the lot's roster approves, is answered in process too.
    expect((await bid('enterprise', auctionId, 100_500, 'roster-approved')).status).toBe(409);
    expect((await record('roster-approved')).response.refused['ends']).toBeUndefined();
  });

  it('a caller the roster does not approve goes to the statement and is refused for that; the roster knows seller and bidders', async () => {
    const { auctionId } = await auction({}, ['sme']);
    expect((await call(t.app, 'POST', `/api/auctions/${auctionId}/register`, { token: tokens['enterprise'], body: {} })).status).toBe(201);
    expect((await bid('sme', auctionId, 100_000)).status).toBe(201);
    const pending = await bid('enterprise', auctionId, 100_500, 'roster-pending');
    expect(pending.status).toBe(422);
    expect(pending.json.type).toBe('urn:ttx:problem:bidder-not-approved');
    const rosters = t.app.get(LotRosters);
    expect(await rosters.approves(auctionId, [orgIds['sme']])).toBe(true);
    expect(await rosters.approves(auctionId, [orgIds['enterprise']])).toBe(false);
    expect(await rosters.approves(auctionId, [orgIds['sme'], orgIds['tto']])).toBe(false); // the seller's own
    expect(await rosters.approves(randomUUID(), [orgIds['sme']])).toBe(false);
  });

  it('refusals answered in process are stored by one statement per turn; one key twice in a group answers both alike', async () => {
    const { auctionId } = await auction();
    expect((await bid('sme', auctionId, 100_000)).status).toBe(201);
    const keys = Array.from({ length: 30 }, (_, i) => `group-${i}`);
    const answers = await Promise.all([...keys, 'group-0'].map((k) => bid('sme', auctionId, 100_000, k)));
    expect(answers.map((r) => r.status)).toEqual(Array(31).fill(409));
    expect(answers[30]).toEqual(answers[0]);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM market_idempotency_keys WHERE key LIKE 'group-%' AND status IS NULL`);
    expect(n).toBe(30);
  });

  it('soft close: a bid inside the window extends the end to bid time + window; outside it does not', async () => {
    const { auctionId } = await auction({ softCloseSeconds: 300, endsAt: inSeconds(120) });
    const before = new Date((await call(t.app, 'GET', `/api/auctions/${auctionId}`)).json.endsAt).getTime();
    const r = await bid('sme', auctionId, 100_000);
    const after = new Date(r.json.endsAt).getTime();
    expect(after).toBeGreaterThan(before);
    expect(Math.abs(after - (Date.now() + 300_000))).toBeLessThan(2_000);
    const far = await auction({ softCloseSeconds: 300, endsAt: inSeconds(3600) });
    const end = (await call(t.app, 'GET', `/api/auctions/${far.auctionId}`)).json.endsAt;
    expect((await bid('sme', far.auctionId, 100_000)).json.endsAt).toBe(end);
  });
});

describe('closing', () => {
  it('closes once: winner, deal, listing sold, deal event, buyer premium; a second close does nothing', async () => {
    const events: string[] = [];
    const off = t.app.get(DealsService).subscribe(async (e) => void events.push(e.dealId));
    const { listingId, auctionId } = await auction({ buyerPremiumBp: 1000 });
    await bid('sme', auctionId, 100_000);
    await bid('enterprise', auctionId, 101_000);
    await endNow(auctionId);
    const closer = t.app.get(AuctionCloser);
    const [one, two] = await Promise.all([closer.close(auctionId), closer.close(auctionId)]);
    const closed = [one, two].filter((r) => r.kind === 'closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ outcome: 'sold', amount: 101_000 });
    const deals = await ds.query(`SELECT * FROM deals WHERE listing_id = $1`, [listingId]);
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({ buyer_org_id: orgIds['enterprise'], price_fen: '101000', buyer_premium_fen: '10100', method: 'auction' });
    expect((await call(t.app, 'GET', `/api/listings/${listingId}`)).json).toMatchObject({ status: 'sold', deal: { price: 101_000 } });
    expect((await call(t.app, 'GET', `/api/auctions/${auctionId}`)).json).toMatchObject({ status: 'closed', outcome: 'sold', dealId: deals[0].id });
    expect(events).toEqual([deals[0].id]);
    const logged = await t.app.get(DealsService).eventsAfter(0);
    expect(logged.map((e) => e.event.dealId)).toContain(deals[0].id);
    expect((await closer.close(auctionId)).kind).toBe('already-closed');
    // The deal result is publicly disclosed for the policy's 15 days (DOMAIN.md §3): name, method, price, parties, inventors.
    const notices = await call(t.app, 'GET', '/api/disclosures?kind=deal&pageSize=100');
    const notice = notices.json.items.find((n: { subjectId: string }) => n.subjectId === deals[0].id);
    expect(notice).toMatchObject({ subjectType: 'deal', status: 'open', summary: { method: 'auction', priceFen: 101_000, inventors: ['李伟', '王芳'] } });
    expect(notice.summary.buyer).toContain('苏州');
    expect((new Date(notice.endsAt).getTime() - new Date(notice.startsAt).getTime()) / 86_400_000).toBe(15);
    expect(deals[0].disclosure_id).toBe(notice.id);
    // An objection reaches the TTO manager who listed it.
    const objection = await call(t.app, 'POST', `/api/disclosures/${notice.id}/objections`, { token: tokens['sme'], body: { text: '成交价格明显低于市场价，请说明。' } });
    expect(objection.status).toBe(201);
    const [note] = await ds.query(`SELECT payload FROM outbox WHERE payload->>'kind' = 'deal-objection' ORDER BY id DESC LIMIT 1`);
    expect(note.payload.link).toBe(`/market/listings/${listingId}`);
    const mine = await call(t.app, 'GET', '/api/deals/mine', { token: tokens['enterprise'] });
    expect(mine.json.some((d: { id: string; role: string }) => d.id === deals[0].id && d.role === 'buyer')).toBe(true);
    off();
  });

  it('a job firing before an extended end does not close', async () => {
    const { auctionId } = await auction({ endsAt: inSeconds(60) });
    expect((await t.app.get(AuctionCloser).close(auctionId)).kind).toBe('not-due');
  });

  it('reserve not met → unsold; the high bidder can then negotiate', async () => {
    const { listingId, auctionId } = await auction({ reservePrice: 500_000 });
    await bid('sme', auctionId, 100_000);
    expect((await call(t.app, 'GET', `/api/auctions/${auctionId}`)).json.reserveMet).toBe(false);
    await endNow(auctionId);
    expect(await t.app.get(AuctionCloser).close(auctionId)).toMatchObject({ kind: 'closed', outcome: 'unsold', dealId: null });
    expect((await call(t.app, 'GET', `/api/listings/${listingId}`)).json.status).toBe('unsold');
    const offer = await call(t.app, 'POST', `/api/listings/${listingId}/offers`, { token: tokens['sme'], body: { price: 300_000, terms: '分两期付款' } });
    expect(offer.status).toBe(201);
    const accepted = await call(t.app, 'POST', `/api/offers/${offer.json.id}/accept`, { token: tokens['tto'] });
    expect(accepted.json).toMatchObject({ status: 'accepted', dealId: expect.any(String) });
  });

  it('sealed bids: hidden until the close; highest wins, the earliest on a tie', async () => {
    const { auctionId } = await auction({ kind: 'sealed' });
    expect((await bid('enterprise', auctionId, 150_000)).status).toBe(201);
    expect((await bid('sme', auctionId, 150_000)).status).toBe(201);
    expect((await bid('third', auctionId, 120_000)).status).toBe(201);
    const open = (await call(t.app, 'GET', `/api/auctions/${auctionId}`)).json;
    expect(open.highBid).toBeNull();
    const hist = (await call(t.app, 'GET', `/api/auctions/${auctionId}/bids`)).json;
    expect(hist.every((b: { amount: number | null }) => b.amount === null)).toBe(true);
    await endNow(auctionId);
    expect(await t.app.get(AuctionCloser).close(auctionId)).toMatchObject({ outcome: 'sold', amount: 150_000 });
    const [deal] = await ds.query(`SELECT buyer_org_id FROM deals d JOIN auctions a ON a.id = d.auction_id WHERE a.id = $1`, [auctionId]);
    expect(deal.buyer_org_id).toBe(orgIds['enterprise']);
  });
});

describe('fixed price (挂牌)', () => {
  const fixed = async (days?: number) => {
    const res = await list({ achievementId: await achievement(), method: 'fixed_price', dealType: 'transfer', price: 2_000_000, ...(days ? { periodDays: days } : {}) });
    expect(res.status).toBe(201);
    return res.json;
  };

  it('defaults to a 20-day period (issue #5 policy default)', async () => {
    const l = await fixed();
    const days = (new Date(l.periodEndsAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(19.99);
    expect(days).toBeLessThan(20.01);
  });

  it('one intending buyer → a deal at the price', async () => {
    const l = await fixed();
    expect((await call(t.app, 'POST', `/api/listings/${l.id}/take`, { token: tokens['sme'], body: {} })).json).toMatchObject({ kind: 'intent' });
    expect((await call(t.app, 'POST', `/api/listings/${l.id}/take`, { token: tokens['sme'], body: {} })).status).toBe(201); // idempotent
    expect((await call(t.app, 'GET', `/api/listings/${l.id}/intents`, { token: tokens['tto'] })).json).toHaveLength(1);
    expect(await t.app.get(TakeService).endPeriod(l.id)).toBe('not-due');
    await ds.query(`UPDATE listings SET period_ends_at = now() WHERE id = $1`, [l.id]);
    expect(await t.app.get(TakeService).endPeriod(l.id)).toBe('deal');
    expect((await call(t.app, 'GET', `/api/listings/${l.id}`)).json).toMatchObject({ status: 'sold', deal: { price: 2_000_000 } });
    expect(await t.app.get(TakeService).endPeriod(l.id)).toBe('done');
  });

  it('two or more → an auction among them starting at the listed price', async () => {
    const l = await fixed();
    for (const who of ['sme', 'enterprise']) await call(t.app, 'POST', `/api/listings/${l.id}/take`, { token: tokens[who], body: {} });
    await ds.query(`UPDATE listings SET period_ends_at = now() WHERE id = $1`, [l.id]);
    expect(await t.app.get(TakeService).endPeriod(l.id)).toBe('auction');
    const after = (await call(t.app, 'GET', `/api/listings/${l.id}`)).json;
    expect(after.status).toBe('auction');
    const a = (await call(t.app, 'GET', `/api/auctions/${after.auctionId}`)).json;
    expect(a).toMatchObject({ startPrice: 2_000_000, status: 'open' });
    expect((await bid('enterprise', after.auctionId, 2_000_000)).status).toBe(201);
    expect((await bid('third', after.auctionId, 2_100_000)).status).toBe(201); // same enterprise as sme: approved
  });

  it('none → unsold, and it can then be negotiated', async () => {
    const l = await fixed(1);
    await ds.query(`UPDATE listings SET period_ends_at = now() WHERE id = $1`, [l.id]);
    expect(await t.app.get(TakeService).endPeriod(l.id)).toBe('unsold');
    expect((await call(t.app, 'POST', `/api/listings/${l.id}/offers`, { token: tokens['enterprise'], body: { price: 1_500_000 } })).status).toBe(201);
  });
});

describe('negotiation', () => {
  it('offer → counter → accept makes a deal; one accepted offer per listing', async () => {
    const l = (await list({ achievementId: await achievement(), method: 'negotiation', dealType: 'licence', licenceScope: 'exclusive', price: 3_000_000 })).json;
    const o1 = await call(t.app, 'POST', `/api/listings/${l.id}/offers`, { token: tokens['sme'], body: { price: 2_000_000, terms: '独占许可五年' } });
    const o2 = await call(t.app, 'POST', `/api/listings/${l.id}/offers`, { token: tokens['enterprise'], body: { price: 2_200_000 } });
    expect((await call(t.app, 'POST', `/api/offers/${o1.json.id}/accept`, { token: tokens['sme'] })).status).toBe(403); // own offer
    const counter = await call(t.app, 'POST', `/api/offers/${o1.json.id}/counter`, { token: tokens['tto'], body: { price: 2_600_000 } });
    expect(counter.json).toMatchObject({ side: 'seller', status: 'open', parentId: o1.json.id });
    expect((await call(t.app, 'POST', `/api/offers/${o1.json.id}/accept`, { token: tokens['tto'] })).status).toBe(409); // countered
    const [x, y] = await Promise.all([
      call(t.app, 'POST', `/api/offers/${counter.json.id}/accept`, { token: tokens['sme'] }),
      call(t.app, 'POST', `/api/offers/${o2.json.id}/accept`, { token: tokens['tto'] }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM listing_offers WHERE listing_id = $1 AND status = 'accepted'`, [l.id]);
    expect(n).toBe(1);
    expect((await ds.query(`SELECT 1 FROM deals WHERE listing_id = $1`, [l.id])).length).toBe(1);
    const inbox = await call(t.app, 'GET', '/api/offers', { token: tokens['tto'] });
    expect(inbox.json.filter((o: { listingId: string }) => o.listingId === l.id)).toHaveLength(3);
  });
});

describe('open licence (专利开放许可)', () => {
  const terms = { feeType: 'lump_sum', lumpSumFen: 5_000_000, termMonths: 36 };
  const declare = async (id: string, over: Record<string, unknown> = {}) => list({ achievementId: id, method: 'open_licence', dealType: 'licence', openLicence: { ...terms, ...over } });

  it('term ≥ 1 year and not past expiry; patents only', async () => {
    expect((await declare(await achievement(), { termMonths: 6 })).json.errors[0].field).toBe('openLicence.termMonths');
    const soon = await achievement({
      ipRecords: [{ number: withPatentCheckCharacter('202399000001'), office: 'CNIPA', status: 'granted', expiryDate: '2027-06-30' }],
    });
    expect((await declare(soon)).json.detail).toContain('expiry');
    const secret = await achievement({ kind: 'technical_secret', ipRecords: [] });
    expect((await declare(secret)).json.type).toBe('urn:ttx:problem:open-licence-patent-only');
  });

  it('needs every owner’s consent from the rights ledger, for the open-licence method', async () => {
    const id = await achievement();
    await coOwned(id, [['institution', orgIds['university'], '合肥工业大学', 5_000], ['inventor', userIds['researcher'], '李伟', 5_000]]);
    const refused = await declare(id);
    expect(refused.status).toBe(422);
    expect(refused.json.type).toBe('urn:ttx:problem:open-licence-consent-missing');
    expect(refused.json.detail).toContain('李伟');
    await consent('researcher', id, 'negotiation', 'licence');
    expect((await declare(id)).json.type).toBe('urn:ttx:problem:open-licence-consent-missing');
    await consent('researcher', id, 'open_licence', 'licence');
    expect((await declare(id)).status).toBe(201);
  });

  it('an inventor without an account stays a missing owner', async () => {
    const id = await achievement();
    await coOwned(id, [['institution', orgIds['university'], '合肥工业大学', 5_000], ['inventor', userIds['researcher'], '李伟', 3_000], ['inventor', null, '张三', 2_000]]);
    await consent('researcher', id, 'open_licence', 'licence');
    const refused = await declare(id);
    expect(refused.json).toMatchObject({ type: 'urn:ttx:problem:open-licence-consent-missing', errors: [{ field: 'achievementId', message: expect.stringContaining('张三') }] });
  });

  it('not while an exclusive or sole licence is in force', async () => {
    const id = await achievement();
    const l = (await list({ achievementId: id, method: 'negotiation', dealType: 'licence', licenceScope: 'sole' })).json;
    const o = await call(t.app, 'POST', `/api/listings/${l.id}/offers`, { token: tokens['sme'], body: { price: 100_000 } });
    await call(t.app, 'POST', `/api/offers/${o.json.id}/accept`, { token: tokens['tto'] });
    expect((await declare(id)).json.type).toBe('urn:ttx:problem:open-licence-exclusive-in-force');
  });

  it('any enterprise takes it at once (non-exclusive); withdrawal stops new takers and keeps the licences', async () => {
    const l = (await declare(await achievement())).json;
    expect(l).toMatchObject({ licenceScope: 'non_exclusive', openLicence: { feeType: 'lump_sum', lumpSumFen: 5_000_000, termMonths: 36, takers: 0 } });
    const a = await call(t.app, 'POST', `/api/listings/${l.id}/take`, { token: tokens['sme'], body: {} });
    expect(a.json).toMatchObject({ kind: 'licence', dealId: expect.any(String) });
    expect((await call(t.app, 'POST', `/api/listings/${l.id}/take`, { token: tokens['sme'], body: {} })).status).toBe(409);
    expect((await call(t.app, 'POST', `/api/listings/${l.id}/take`, { token: tokens['enterprise'], body: {} })).status).toBe(201);
    expect((await call(t.app, 'POST', `/api/listings/${l.id}/withdraw`, { token: tokens['tto'] })).json.status).toBe('withdrawn');
    const late = await call(t.app, 'POST', `/api/listings/${l.id}/take`, { token: tokens['third'], body: { organizationId: orgIds['sme'] } });
    expect(late.status).toBe(409);
    expect((await ds.query(`SELECT 1 FROM deals WHERE listing_id = $1`, [l.id])).length).toBe(2);
  });
});
