import { BrokerageModule } from '@ttx/api/brokerage';
import { CatalogModule, CatalogSeeder } from '@ttx/api/catalog';
import { CoreModule, HttpAuthModule, JOB_IDS, QUEUES, QueueService } from '@ttx/api/core';
import { bootTestApp, call, login, WORKSPACE_ROOT, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { MarketModule } from '@ttx/api/market';
import { PlatformModule } from '@ttx/api/platform';
import { RightsModule } from '@ttx/api/rights';
import { periodKey, withCheckCharacter, withPatentCheckCharacter } from '@ttx/shared/policy';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { InvoiceIssuer } from './invoices/invoice-issuer';
import { setLicensingClockOffset, today } from './licences/licence-row';
import { LicensingModule } from './licensing.module';

/** Licensing over HTTP against real PostgreSQL and Redis (issue #6 acceptance). */
const SEEDS = resolve(WORKSPACE_ROOT, 'seeds/demo');
let t: TestApp;
let ds: DataSource;
const token: Record<string, string> = {};
let achievementId = '';
let smeOrg = '';
let enterpriseOrg = '';
const PROBLEM = 'urn:ttx:problem:';

const licence = (over: Record<string, unknown> = {}) => ({
  achievementId,
  licenseeOrgId: smeOrg,
  kind: 'non_exclusive',
  territory: ['340000'],
  fieldsOfUse: ['01.01'],
  startsOn: '2025-01-01',
  endsOn: '2030-12-31',
  terms: { lumpSum: { amount: 100_000_00, dueDays: 30 } },
  ...over,
});
const create = (body: unknown, who = 'tto') => call(t.app, 'POST', '/api/licences', { token: token[who], body });
const activate = (id: string) => call(t.app, 'POST', `/api/licences/${id}/activate`, { token: token['tto'] });

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, PlatformModule, CatalogModule, RightsModule, MarketModule, BrokerageModule, LicensingModule]);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
  ds = t.app.get(DataSource);
  await ds.transaction((m) => t.app.get(CatalogSeeder).seedFields(m, resolve(SEEDS, 'fields.json')));
  for (const who of ['tto', 'sme', 'researcher', 'enterprise']) token[who] = await login(t.app, `${who}@demo.ttx`);
  const created = await call(t.app, 'POST', '/api/achievements', {
    token: token['tto'],
    body: {
      kind: 'invention_patent',
      title: { zh: '一种高效光伏逆变器', en: 'Efficient PV inverter' },
      abstract: { zh: '一种光伏逆变器。' },
      fieldCode: '01.01',
      dealTypes: ['licence'],
      ipRecords: [{ number: withPatentCheckCharacter('202311220001'), office: 'CNIPA', status: 'granted', expiryDate: '2040-06-30' }],
      inventors: [
        { name: '研究员', sharePct: 60, email: 'researcher@demo.ttx' },
        { name: '李四', sharePct: 40 },
      ],
    },
  });
  expect(created.status).toBe(201);
  achievementId = created.json.id;
  [{ id: smeOrg }] = await ds.query(`SELECT id FROM organizations WHERE name LIKE '合肥智能装备%'`);
  [{ id: enterpriseOrg }] = await ds.query(`SELECT id FROM organizations WHERE name LIKE '苏州新材料%'`);
}, 120_000);
afterAll(() => t?.close());

describe('licences', () => {
  it('records a draft with every term type combined; the deferral length defaults to the policy (12 months)', async () => {
    const res = await create(
      licence({
        terms: {
          lumpSum: { amount: 50_000_00, dueDays: 30 },
          milestones: [{ name: '中试完成', amount: 20_000_00 }],
          royalty: { rateBp: 300, period: 'quarterly', minimumAnnual: 10_000_00 },
          equity: { shares: 100_000, percentBp: null, note: '技术入股' },
          deferral: { untilFirstSales: true },
        },
        startsOn: '2026-01-01',
      }),
    );
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'draft', kind: 'non_exclusive', licensorName: '合肥科技大学（演示）', deferredUntil: '2027-01-01', role: 'licensor' });
    expect(res.json.terms.deferral).toEqual({ months: 12, untilFirstSales: true });
    expect(res.json.milestones).toEqual([expect.objectContaining({ name: '中试完成', status: 'pending' })]);
    expect(res.json.licensors).toEqual([expect.objectContaining({ holderType: 'institution', shareBp: 10_000 })]);
    expect(res.json.policy).toMatchObject({ teamNetIncomeSharePct: 50, ttoRetentionPct: 10, model: 'default' });
  });

  it('refuses bad input with RFC 9457 bodies naming the field or rule', async () => {
    const bad = await create(licence({ territory: ['CN'], kind: 'everything' }));
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'territory']);
    const expiry = await create(licence({ endsOn: '2041-01-01' }));
    expect(expiry.status).toBe(422);
    expect(expiry.json).toMatchObject({ type: `${PROBLEM}licence-past-ip-expiry`, errors: [{ field: 'endsOn' }] });
    const terms = await create(licence({ terms: {} }));
    expect(terms.status).toBe(422);
    expect(terms.json.type).toBe(`${PROBLEM}licence-terms`);
    expect((await create(licence(), 'sme')).status).toBe(403);
  });

  it('refuses an exclusive licence overlapping another (a city inside a licensed province) with 409', async () => {
    const first = await create(licence({ kind: 'exclusive', territory: ['340000'], fieldsOfUse: ['01.02'] }));
    expect(first.status).toBe(201);
    const overlap = await create(licence({ kind: 'sole', territory: ['340100'], fieldsOfUse: ['01.02'], licenseeOrgId: enterpriseOrg }));
    expect(overlap.status).toBe(409);
    expect(overlap.json.type).toBe(`${PROBLEM}licence-overlap-exclusive`);
    // Another field, or another province, is free.
    expect((await create(licence({ kind: 'exclusive', territory: ['340100'], fieldsOfUse: ['01.03'] }))).status).toBe(201);
    expect((await create(licence({ kind: 'exclusive', territory: ['320000'], fieldsOfUse: ['01.02'] }))).status).toBe(201);
    // Terminating the first frees its territory.
    expect((await call(t.app, 'POST', `/api/licences/${first.json.id}/terminate`, { token: token['tto'], body: { reason: '协议解除' } })).json.status).toBe('terminated');
    expect((await create(licence({ kind: 'sole', territory: ['340100'], fieldsOfUse: ['01.02'], licenseeOrgId: enterpriseOrg }))).status).toBe(201);
  });

  it('under two concurrent requests for the same exclusive cell, one gets 201 and the other 409', async () => {
    const body = licence({ kind: 'exclusive', territory: ['000000'], fieldsOfUse: ['07.01'] });
    const results = await Promise.all([create(body), create({ ...body, licenseeOrgId: enterpriseOrg })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM licences WHERE fields_of_use = '{07.01}'`);
    expect(n).toBe(1);
  });

  it('lists by the caller’s side and finds a licence by a piece of its number or title, % and _ taken literally', async () => {
    const made = await create(licence({ fieldsOfUse: ['01.04'] }));
    expect(made.status).toBe(201);
    const list = async (query: string, who = 'tto') => {
      const res = await call(t.app, 'GET', `/api/licences?pageSize=100&${query}`, { token: token[who] });
      expect(res.status).toBe(200);
      expect(res.json.total).toBe(res.json.items.length);
      return res.json.items as { id: string; role: string }[];
    };
    const digits = (made.json.number as string).slice(-6); // LIC-<year>-<6 digits>
    expect((await list(`q=${digits}`)).map((l) => l.id)).toEqual([made.json.id]);
    expect((await list(`q=${encodeURIComponent(made.json.number.toLowerCase())}`)).map((l) => l.id)).toEqual([made.json.id]);
    expect((await list('q=pv%20INVERTER')).map((l) => l.id)).toContain(made.json.id);
    expect((await list('q=光伏逆变')).map((l) => l.id)).toContain(made.json.id);
    // Unescaped, "LIC_" and "%" would match every number.
    expect(await list('q=LIC_')).toEqual([]);
    expect(await list(`q=${encodeURIComponent('%')}`)).toEqual([]);

    const licensor = await list('role=licensor');
    expect(licensor.length).toBeGreaterThan(0);
    expect(licensor.every((l) => l.role === 'licensor')).toBe(true);
    expect(await list('role=licensee')).toEqual([]);
    const sme = await list('role=licensee', 'sme');
    expect(sme.map((l) => l.id)).toContain(made.json.id);
    expect(sme.every((l) => l.role === 'licensee')).toBe(true);
    expect(await list('role=licensor', 'sme')).toEqual([]);
    expect((await call(t.app, 'GET', '/api/licences?role=owner', { token: token['tto'] })).status).toBe(400);
  });

  it("finds a licence by a piece of the licensee's Chinese or English name (identity's data), wildcards taken literally", async () => {
    const org = async (name: string, n: number) =>
      (await ds.query(`INSERT INTO organizations (name, kind, credit_code, region_code, verified_at) VALUES ($1, 'enterprise', $2, '341100', now()) RETURNING id`, [name, withCheckCharacter(`91341100MA2${n}TTX01`)]))[0].id as string;
    const licensee = await org('滁州光谷新能源有限公司 Chuzhou Lightvalley Energy Co., Ltd.', 7);
    await org('宣城云岭材料有限公司 Xuancheng Yunling Materials', 8); // holds no licence
    const made = await create(licence({ licenseeOrgId: licensee, fieldsOfUse: ['01.05'] }));
    expect(made.status).toBe(201);
    const ids = async (q: string, who = 'tto') => {
      const res = await call(t.app, 'GET', `/api/licences?pageSize=100&q=${encodeURIComponent(q)}`, { token: token[who] });
      expect(res.status).toBe(200);
      return (res.json.items as { id: string }[]).map((l) => l.id);
    };
    expect(await ids('光谷新能')).toEqual([made.json.id]);
    expect(await ids('lightVALLEY energy')).toEqual([made.json.id]);
    expect(await ids('合肥科技大学')).toContain(made.json.id); // the licensor's name
    expect(await ids('宣城云岭')).toEqual([]);
    expect(await ids('Yunling')).toEqual([]);
    // Unescaped, "_" and "%" would match 光谷 and 滁州…新能源.
    expect(await ids('光_新能源')).toEqual([]);
    expect(await ids('滁州%新能源')).toEqual([]);
    // The name search stays within the caller's licences.
    expect(await ids('光谷新能', 'sme')).toEqual([]);
  });
});

describe('royalty reports, invoices, payments, distribution', () => {
  let id = '';
  let invoiceId = '';

  beforeAll(async () => {
    const res = await create(licence({ terms: { lumpSum: { amount: 100_000_00, dueDays: 30 }, milestones: [{ name: '量产', amount: 30_000_00 }], royalty: { rateBp: 500, period: 'quarterly', minimumAnnual: 0 } } }));
    id = res.json.id;
    expect((await activate(id)).json.status).toBe('active');
  });

  it('issues each due invoice once however often the job runs, also concurrently, and notifies once', async () => {
    const issuer = t.app.get(InvoiceIssuer);
    const runs = await Promise.all([issuer.issue(id, 'lump-sum'), issuer.issue(id, 'lump-sum'), issuer.issue(id, 'lump-sum')]);
    expect(runs.filter((r) => r === 'issued')).toHaveLength(1);
    expect(await issuer.issue(id, 'lump-sum')).toBe('not-due');
    const list = await call(t.app, 'GET', `/api/licences/${id}/invoices`, { token: token['sme'] });
    expect(list.json.items).toEqual([expect.objectContaining({ kind: 'lump_sum', periodKey: 'lump-sum', amount: 100_000_00, status: 'open', dueOn: '2025-01-31', overdue: true })]);
    invoiceId = list.json.items[0].id;
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'kind' = 'licence-invoice' AND payload->>'link' LIKE $1`, [`%${invoiceId}`]);
    expect(n).toBe(1);
    // Overdue reminders: once per invoice and step, however often the sweep runs.
    expect(await issuer.remind()).toBeGreaterThanOrEqual(1);
    expect(await issuer.remind()).toBe(0);
  });

  it('takes one royalty report per period (409 on a second), flags late ones, and refuses a bad period', async () => {
    const first = await call(t.app, 'POST', `/api/licences/${id}/royalty-reports`, { token: token['sme'], body: { period: '2025-Q1', netSales: 2_000_000_00 } });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ period: '2025-Q1', periodEnd: '2025-03-31', royalty: 100_000_00, late: true });
    const again = await call(t.app, 'POST', `/api/licences/${id}/royalty-reports`, { token: token['sme'], body: { period: '2025-Q1', netSales: 1 } });
    expect(again.status).toBe(409);
    expect(again.json.type).toBe(`${PROBLEM}royalty-report-exists`);
    const bad = await call(t.app, 'POST', `/api/licences/${id}/royalty-reports`, { token: token['sme'], body: { period: '2025-13', netSales: 1 } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual([expect.objectContaining({ field: 'period' })]);
    expect((await call(t.app, 'POST', `/api/licences/${id}/royalty-reports`, { token: token['tto'], body: { period: '2025-Q2', netSales: 1 } })).status).toBe(403);
    expect(await t.app.get(InvoiceIssuer).issue(id, 'royalty:2025-Q1')).toBe('issued');
  });

  it('invoices a milestone once the licensor confirms it', async () => {
    const detail = await call(t.app, 'GET', `/api/licences/${id}`, { token: token['tto'] });
    const mid = detail.json.milestones[0].id;
    const confirmed = await call(t.app, 'POST', `/api/licences/${id}/milestones/${mid}/confirm`, { token: token['tto'] });
    expect(confirmed.json.milestones[0].status).toBe('confirmed');
    expect(await t.app.get(InvoiceIssuer).issue(id, `milestone:${mid}`)).toBe('issued');
    expect((await call(t.app, 'POST', `/api/licences/${id}/milestones/${mid}/confirm`, { token: token['tto'] })).status).toBe(409);
  });

  it('requires an Idempotency-Key, allows partial payment, refuses over-payment, replays the same request', async () => {
    const pay = (key: string | null, body: unknown) => call(t.app, 'POST', '/api/payments', { token: token['sme'], body, headers: key ? { 'idempotency-key': key } : {} });
    const missing = await pay(null, { invoiceId, amount: 1 });
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual([{ field: 'Idempotency-Key', message: 'required' }]);
    const over = await pay('k-over', { invoiceId, amount: 100_000_01 });
    expect(over.status).toBe(422);
    expect(over.json.type).toBe(`${PROBLEM}over-payment`);
    expect((await call(t.app, 'POST', `/api/licences/${id}/costs`, { token: token['tto'], body: { amount: 10_000_00, description: '专利评估费' } })).status).toBe(201);
    const part = await pay('k-1', { invoiceId, amount: 40_000_00, reference: 'BANK-1' });
    expect(part.status).toBe(201);
    expect(part.json).toMatchObject({ amount: 40_000_00, costs: 10_000_00 });
    const replay = await pay('k-1', { invoiceId, amount: 40_000_00, reference: 'BANK-1' });
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json.id).toBe(part.json.id);
    const reused = await pay('k-1', { invoiceId, amount: 1 });
    expect(reused.status).toBe(422);
    expect(reused.json.type).toBe(`${PROBLEM}idempotency-key-reused`);
    const inv = (await call(t.app, 'GET', `/api/licences/${id}/invoices`, { token: token['sme'] })).json.items.find((i: { id: string }) => i.id === invoiceId);
    expect(inv).toMatchObject({ paid: 40_000_00, outstanding: 60_000_00, status: 'partially_paid' });
  });

  it('lets only one of two concurrent payments that together over-pay go through', async () => {
    const results = await Promise.all(
      ['k-a', 'k-b'].map((key) => call(t.app, 'POST', '/api/payments', { token: token['sme'], body: { invoiceId, amount: 35_000_00 }, headers: { 'idempotency-key': key } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    const [row] = await ds.query(`SELECT paid_fen FROM invoices WHERE id = $1`, [invoiceId]);
    expect(Number(row.paid_fen)).toBe(75_000_00);
  });

  it('splits each payment in the ledger: costs, inventors by contribution, TTO, institution — summing to the payment', async () => {
    const res = await call(t.app, 'GET', `/api/distributions?licenceId=${id}`, { token: token['tto'] });
    expect(res.status).toBe(200);
    const byPayment = new Map<string, { sum: number; paymentAmount: number }>();
    for (const e of res.json.items) {
      const p = byPayment.get(e.paymentId) ?? { sum: 0, paymentAmount: e.paymentAmount };
      p.sum += e.amount;
      byPayment.set(e.paymentId, p);
    }
    expect(byPayment.size).toBe(2);
    for (const p of byPayment.values()) expect(p.sum).toBe(p.paymentAmount);
    const first = res.json.items.filter((e: { paymentAmount: number }) => e.paymentAmount === 40_000_00);
    expect(first.map((e: { recipientType: string; amount: number }) => [e.recipientType, e.amount])).toEqual([
      ['deal_costs', 10_000_00],
      ['inventor', 9_000_00],
      ['inventor', 6_000_00],
      ['tto', 1_500_00],
      ['institution', 13_500_00],
    ]);
    const income = await call(t.app, 'GET', '/api/licensing/income', { token: token['researcher'] });
    expect(income.json).toMatchObject({ recipientType: 'user', total: 9_000_00 + 10_500_00 });
    const own = await call(t.app, 'GET', `/api/distributions?licenceId=${id}`, { token: token['researcher'] });
    expect(own.json.items.every((e: { recipientType: string }) => e.recipientType === 'inventor')).toBe(true);
    const csv = await call(t.app, 'GET', '/api/licensing/income/export?format=csv', { token: token['researcher'] });
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('一种高效光伏逆变器');
    const rec = await call(t.app, 'GET', '/api/licensing/receivables', { token: token['tto'] });
    expect(rec.json).toMatchObject({ received: 75_000_00 });
    expect(rec.json.overdue).toBeGreaterThan(0);
  });
});

describe('licences from market deals', () => {
  let openListingId = '';

  it('an SME taking an open licence gets an active open licence with use-first-pay-later, in the deal transaction', async () => {
    for (const step of ['submit', 'publish']) expect((await call(t.app, 'POST', `/api/achievements/${achievementId}/${step}`, { token: token['tto'] })).status).toBe(200);
    const listing = await call(t.app, 'POST', '/api/listings', {
      token: token['tto'],
      body: { achievementId, method: 'open_licence', dealType: 'licence', openLicence: { feeType: 'upfront_royalty', lumpSumFen: 2_000_000, royaltyBp: 300, termMonths: 24 } },
    });
    expect(listing.status).toBe(201);
    openListingId = listing.json.id;
    const took = await call(t.app, 'POST', `/api/listings/${listing.json.id}/take`, { token: token['sme'], body: {} });
    expect(took.status).toBe(201);
    const [row] = await ds.query(`SELECT id FROM licences WHERE deal_id = $1`, [took.json.dealId]);
    const l = await call(t.app, 'GET', `/api/licences/${row.id}`, { token: token['sme'] });
    expect(l.json).toMatchObject({
      kind: 'open',
      status: 'active',
      role: 'licensee',
      dealId: took.json.dealId,
      terms: { lumpSum: { amount: 2_000_000, dueDays: 30 }, royalty: { rateBp: 300, period: 'quarterly' }, deferral: { months: 12, untilFirstSales: true } },
    });
    expect(l.json.deferredUntil).not.toBeNull();
    expect((await call(t.app, 'GET', `/api/licences/${row.id}/invoices`, { token: token['sme'] })).json.items).toEqual([]);

    // 120 days on (LICENSING_CLOCK_OFFSET_DAYS in e2e): the first reported sales end the deferral, both parts are invoiced.
    setLicensingClockOffset(120);
    try {
      const period = periodKey(l.json.startsOn, 'quarterly');
      const report = await call(t.app, 'POST', `/api/licences/${row.id}/royalty-reports`, { token: token['sme'], body: { period, netSales: 10_000_000 } });
      expect(report.status).toBe(201);
      const after = await call(t.app, 'GET', `/api/licences/${row.id}`, { token: token['sme'] });
      expect(after.json.deferredUntil).toBe(today());
      const issuer = t.app.get(InvoiceIssuer);
      expect([await issuer.issue(row.id, 'lump-sum'), await issuer.issue(row.id, `royalty:${period}`)]).toEqual(['issued', 'issued']);
      const invoices = (await call(t.app, 'GET', `/api/licences/${row.id}/invoices`, { token: token['sme'] })).json.items;
      expect(invoices.map((i: { kind: string; amount: number; issuedAt: string }) => [i.kind, i.amount, i.issuedAt])).toEqual([
        ['lump_sum', 2_000_000, today()],
        ['royalty', 300_000, today()],
      ]);
    } finally {
      setLicensingClockOffset(0);
    }
  });

  it('queues the lump-sum invoice of a deal-made licence as the deal commits (not at the hourly sweep)', async () => {
    // The enterprise is no SME: no use-first-pay-later, so the lump sum is due at once.
    const took = await call(t.app, 'POST', `/api/listings/${openListingId}/take`, { token: token['enterprise'], body: {} });
    expect(took.status).toBe(201);
    const [row] = await ds.query(`SELECT id FROM licences WHERE deal_id = $1`, [took.json.dealId]);
    expect((await call(t.app, 'GET', `/api/licences/${row.id}`, { token: token['enterprise'] })).json).toMatchObject({ status: 'active', deferredUntil: null });
    // Queued after the commit, so possibly just after the response: poll briefly.
    const queue = t.app.get(QueueService).queue(QUEUES.licensing);
    let job = await queue.getJob(JOB_IDS.licenceInvoice(row.id, 'lump-sum'));
    for (let i = 0; !job && i < 50; i++) job = await new Promise((r) => setTimeout(r, 100)).then(() => queue.getJob(JOB_IDS.licenceInvoice(row.id, 'lump-sum')));
    expect(job?.data).toEqual({ licenceId: row.id, periodKey: 'lump-sum' });
  });
});
