import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { reviewDueOn } from '@ttx/shared/policy';
import { DataSource } from 'typeorm';
import { RegistryModule } from '../registry.module';
import { ContractsService } from './contracts.service';
import { ReviewReminderService } from './review-reminder.service';
import { contractBody, login, memberOfNewOrg, multipart, nextBuyerCode, pdfText } from '../test-helpers';

const SEEDS = resolve(__dirname, '../../../../../../seeds/demo');
let t: TestApp;
const tok: Record<string, string> = {};

const post = (url: string, who: string, body?: unknown, headers?: Record<string, string>) => call(t.app, 'POST', url, { token: tok[who], body, headers });
const get = (url: string, who?: string) => call(t.app, 'GET', url, { token: who ? tok[who] : undefined });
let keySeq = 0;
const key = () => ({ 'Idempotency-Key': `test-key-${++keySeq}-${Date.now()}` });

/** Broker (agency in Beijing Haidian 110108) files and submits; returns the id. */
async function submitted(who = 'broker', over: Record<string, unknown> = {}): Promise<string> {
  const c = await post('/api/contracts', who, contractBody(over));
  expect(c.status).toBe(201);
  expect((await post(`/api/contracts/${c.json.id}/submit`, who)).status).toBe(200);
  return c.json.id;
}

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, RegistryModule]);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
  for (const who of ['broker', 'registrar', 'sme', 'tto', 'researcher', 'admin']) tok[who] = await login(t.app, `${who}@demo.ttx`);
  // A second administration (Anhui) with its own registrar: it must not register Beijing sellers.
  tok['anhuiRegistrar'] = await memberOfNewOrg(t.app, 'administration', 'registrar', '340000', '安徽省技术市场管理中心（测试）');
}, 90_000);
afterAll(() => t?.close());

describe('filing: amounts and kinds (DOMAIN.md §5)', () => {
  it('computes the technology transaction amount from the itemised non-technical parts; the seller is the filing organisation', async () => {
    const res = await post('/api/contracts', 'broker', contractBody({ nonTechnical: { equipment: 5_000_000, materials: 2_000_000, construction: 1_000_000, other: 500_000 } }));
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'draft', kind: 'transfer', contractAmount: 50_000_000, techTransactionAmount: 41_500_000, registrationNumber: null });
    expect(res.json.seller).toMatchObject({ name: '中关村技术经纪服务中心（演示）', regionCode: '110108', regionName: '海淀区', countryCode: '156' });
    expect(res.json.history.map((h: { action: string }) => h.action)).toEqual(['created']);
  });

  it('refuses non-technical parts above the contract amount, negative parts and a schedule that does not sum up', async () => {
    const over = await post('/api/contracts', 'broker', contractBody({ contractAmount: 100, nonTechnical: { equipment: 60, materials: 41 } }));
    expect(over.status).toBe(422);
    expect(over.json.errors).toEqual([expect.objectContaining({ field: 'nonTechnical' })]);
    expect((await post('/api/contracts', 'broker', contractBody({ nonTechnical: { other: -1 } }))).status).toBe(400);
    const schedule = await post('/api/contracts', 'broker', contractBody({ paymentSchedule: [{ dueOn: '2026-04-01', amountFen: 1 }] }));
    expect(schedule.status).toBe(422);
    expect(schedule.json.errors[0].field).toBe('paymentSchedule');
  });

  it('checks kinds: sub-kinds per kind, transfer-only investment figures, training by reference', async () => {
    const badSub = await post('/api/contracts', 'broker', contractBody({ kind: 'development', subKind: 'patent_licence' }));
    expect(badSub.status).toBe(422);
    expect(badSub.json.errors[0].field).toBe('subKind');
    const inv = await post('/api/contracts', 'broker', contractBody({ kind: 'consulting', subKind: undefined }));
    expect(inv.status).toBe(422);
    expect(inv.json.errors[0].field).toBe('expectedInvestment');
    expect((await post('/api/contracts', 'broker', contractBody({ kind: 'nonsense' }))).status).toBe(400);
    const training = await post('/api/contracts', 'broker', contractBody({ kind: 'training', subKind: undefined, expectedInvestment: undefined, expectedOutput: undefined }));
    expect(training.status).toBe(201);
    expect(training.json.byReference).toBe(true);
    const dev = await post('/api/contracts', 'broker', contractBody({ kind: 'development', subKind: 'cooperative', expectedInvestment: undefined, expectedOutput: undefined }));
    expect(dev.status).toBe(201);
  });

  it('checks the buyer: GB/T 2260 region and GB 32100 credit code for Chinese buyers', async () => {
    const res = await post('/api/contracts', 'broker', contractBody({ buyer: { name: '某公司', creditCode: '91110105MA0T000000', regionCode: '999999', type: 'enterprise' } }));
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['buyer.creditCode', 'buyer.regionCode']);
    const foreign = await post('/api/contracts', 'broker', contractBody({ buyer: { name: 'Acme GmbH', creditCode: 'HRB12345', countryCode: '276', type: 'enterprise' } }));
    expect(foreign.status).toBe(201);
  });

  it('files a contract once: the same parties, date, amount and project → 409 (a rejected one may be filed again)', async () => {
    const body = contractBody();
    expect((await post('/api/contracts', 'broker', body)).status).toBe(201);
    const dup = await post('/api/contracts', 'broker', body);
    expect(dup.status).toBe(409);
    expect(dup.json.detail).toMatch(/already filed/);
    // A second patent sold to the same buyer on the same day at the same price is another contract.
    expect((await post('/api/contracts', 'broker', contractBody({ projectName: '一种硅碳负极材料专利实施许可' }))).status).toBe(201);
  });

  it('turns a market deal into a draft of the seller organisation (service for the market context)', async () => {
    const ds = t.app.get(DataSource);
    const [agency] = await ds.query(`SELECT id FROM organizations WHERE name LIKE '中关村技术经纪%'`);
    const { id } = await ds.transaction((m) => t.app.get(ContractsService).draftFromDeal(m, { dealId: randomUUID(), sellerOrganizationId: agency.id, actorId: null, contract: contractBody() as never }));
    const seen = await get(`/api/contracts/${id}`, 'broker');
    expect(seen.json).toMatchObject({ status: 'draft', seller: { name: '中关村技术经纪服务中心（演示）' } });
  });

  it('lets only seller-side members file', async () => {
    expect((await post('/api/contracts', 'researcher', contractBody())).status).toBe(403);
    expect((await post('/api/contracts', 'registrar', contractBody())).status).toBe(403);
  });
});

describe('registration workflow and permissions', () => {
  it('draft → submitted → accepted (deadline 30 days) → registered with a 16-digit number', async () => {
    const id = await submitted();
    // DOMAIN.md §5: review finishes within 30 days of acceptance.
    const acc = await post(`/api/contracts/${id}/accept`, 'registrar');
    expect(acc.status).toBe(200);
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(acc.json).toMatchObject({ status: 'accepted', reviewDueOn: due, deadline: 'ok' });
    const reg = await post(`/api/contracts/${id}/register`, 'registrar', undefined, key());
    expect(reg.status).toBe(200);
    const year = new Date().getUTCFullYear();
    expect(reg.json.registrationNumber).toMatch(new RegExp(`^${year}110108\\d{6}$`));
    expect(reg.json.status).toBe('registered');
    const seen = await get(`/api/contracts/${id}`, 'broker');
    expect(seen.json).toMatchObject({ status: 'registered', registrationNumber: reg.json.registrationNumber, kind: 'transfer', contractAmount: 50_000_000, techTransactionAmount: 43_000_000 });
    expect(seen.json.history.map((h: { action: string }) => h.action)).toEqual(['created', 'submitted', 'accepted', 'registered']);
  });

  it('takes the review period from the rights policy of the seller’s region, fixed at submission', async () => {
    const ds = t.app.get(DataSource);
    const stored = async (id: string) => (await ds.query('SELECT review_deadline_days AS days, review_policy_id AS "policyId" FROM contracts WHERE id = $1', [id]))[0];
    const addBeijingPolicy = async (version: number, days: number): Promise<string> =>
      (await ds.query(`INSERT INTO rights_policies (region_code, version, settings, note) VALUES ('110000', $1, $2, 'test') RETURNING id`, [version, { registrationReviewDays: days }]))[0].id;
    const [national] = await ds.query(`SELECT id FROM rights_policies WHERE region_code = '000000' ORDER BY version DESC LIMIT 1`);
    const accept = async (id: string) => (await post(`/api/contracts/${id}/accept`, 'registrar')).json.reviewDueOn;
    try {
      // The broker sells from Haidian (110108): no Beijing policy yet → the national 30 days (DOMAIN.md §5).
      const early = await submitted();
      expect(await stored(early)).toEqual({ days: 30, policyId: national.id });
      // Beijing sets 7 days (DOMAIN.md §5: Beijing 7, extendable to 30): contracts submitted from now on get 7.
      const v1 = await addBeijingPolicy(1, 7);
      const later = await submitted();
      expect(await stored(later)).toEqual({ days: 7, policyId: v1 });
      const laterView = (await get(`/api/contracts/${later}`, 'broker')).json;
      expect({ days: laterView.reviewDeadlineDays, policyId: laterView.reviewPolicyId }).toEqual({ days: 7, policyId: v1 });
      const submitEvent = laterView.history.find((h: { action: string }) => h.action === 'submitted');
      expect(submitEvent.data).toEqual({ reviewDeadlineDays: 7, reviewPolicyId: v1 });
      // A later policy version moves neither deadline.
      await addBeijingPolicy(2, 20);
      expect(await accept(early)).toBe(reviewDueOn(new Date(), 30));
      expect(await accept(later)).toBe(reviewDueOn(new Date(), 7));
      expect(await stored(later)).toEqual({ days: 7, policyId: v1 });
    } finally {
      await ds.query(`DELETE FROM rights_policies WHERE region_code = '110000'`);
    }
  });

  it('lets only registrars of the administration for the seller’s region register', async () => {
    const id = await submitted();
    // The Anhui registrar does not see a Beijing seller's contract; the seller cannot register its own.
    expect((await post(`/api/contracts/${id}/register`, 'anhuiRegistrar', undefined, key())).status).toBe(404);
    expect((await post(`/api/contracts/${id}/register`, 'broker', undefined, key())).status).toBe(403);
    expect((await get(`/api/contracts/${id}`, 'anhuiRegistrar')).status).toBe(404);
    // A Hefei seller (sme, 340104) is in Anhui's area, not Beijing's.
    const hefei = await submitted('sme');
    expect((await post(`/api/contracts/${hefei}/register`, 'registrar', undefined, key())).status).toBe(404);
    const ok = await post(`/api/contracts/${hefei}/register`, 'anhuiRegistrar', undefined, key());
    expect(ok.status).toBe(200);
    expect(ok.json.registrationNumber.slice(4, 10)).toBe('340104');
    // A registrar's list shows its region's contracts only.
    const list = await get('/api/contracts?status=registered&pageSize=100', 'anhuiRegistrar');
    expect(list.json.items.every((c: { sellerRegion: string }) => c.sellerRegion.startsWith('34'))).toBe(true);
  });

  it('refuses to register a draft (invisible to registrars) or one already decided (409)', async () => {
    const draft = await post('/api/contracts', 'broker', contractBody());
    expect((await post(`/api/contracts/${draft.json.id}/register`, 'registrar', undefined, key())).status).toBe(404);
    const id = await submitted();
    expect((await post(`/api/contracts/${id}/register`, 'registrar', undefined, key())).status).toBe(200);
    const again = await post(`/api/contracts/${id}/register`, 'registrar', undefined, key());
    expect(again.status).toBe(409);
    expect((await post(`/api/contracts/${id}/reject`, 'registrar', { reasons: ['missing_proofs'] })).status).toBe(409);
  });

  it('requires an Idempotency-Key and replays a repeat; the same key for another contract → 422', async () => {
    const id = await submitted();
    expect((await post(`/api/contracts/${id}/register`, 'registrar')).status).toBe(400);
    const k = key();
    const first = await post(`/api/contracts/${id}/register`, 'registrar', undefined, k);
    const second = await post(`/api/contracts/${id}/register`, 'registrar', undefined, k);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.json.registrationNumber).toBe(first.json.registrationNumber);
    const other = await submitted();
    expect((await post(`/api/contracts/${other}/register`, 'registrar', undefined, k)).status).toBe(422);
  });

  it('rejects with reasons from the code list plus text; unknown reasons are refused; the seller may file again', async () => {
    const body = contractBody();
    const c = await post('/api/contracts', 'broker', body);
    await post(`/api/contracts/${c.json.id}/submit`, 'broker');
    expect((await post(`/api/contracts/${c.json.id}/reject`, 'registrar', { reasons: ['because'] })).status).toBe(400);
    expect((await post(`/api/contracts/${c.json.id}/reject`, 'registrar', { reasons: [] })).status).toBe(400);
    const rej = await post(`/api/contracts/${c.json.id}/reject`, 'registrar', { reasons: ['seal_name_mismatch', 'unclear_price'], note: '合同首页名称与公章不一致' });
    expect(rej.status).toBe(200);
    expect(rej.json).toMatchObject({ status: 'rejected', rejectionReasons: ['seal_name_mismatch', 'unclear_price'], rejectionNote: '合同首页名称与公章不一致' });
    expect((await post('/api/contracts', 'broker', body)).status).toBe(201);
  });

  it('numbers gaplessly per region and year under 20 concurrent registrations', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await submitted());
    const results = await Promise.all(ids.map((id) => post(`/api/contracts/${id}/register`, 'registrar', undefined, key())));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const ds = t.app.get(DataSource);
    const year = new Date().getUTCFullYear();
    const rows: { registration_number: string }[] = await ds.query(
      `SELECT registration_number FROM contracts WHERE seller_region = '110108' AND registration_number LIKE $1 ORDER BY 1`,
      [`${year}%`],
    );
    const serials = rows.map((r) => Number(r.registration_number.slice(10)));
    expect(serials).toEqual(serials.map((_, i) => i + 1));
    expect(new Set(results.map((r) => r.json.registrationNumber)).size).toBe(20);
  }, 60_000);

  it('amends and terminates a registered contract, keeping history and the roll-ups current', async () => {
    const id = await submitted();
    await post(`/api/contracts/${id}/register`, 'registrar', undefined, key());
    const amended = await post(`/api/contracts/${id}/amendments`, 'broker', { contractAmount: 60_000_000, note: '增加第二期许可范围' });
    expect(amended.status).toBe(200);
    expect(amended.json).toMatchObject({ contractAmount: 60_000_000, techTransactionAmount: 53_000_000, version: 2 });
    const ev = amended.json.history.at(-1);
    expect(ev).toMatchObject({ action: 'amended', data: { before: { contractFen: '50000000' }, note: '增加第二期许可范围' } });
    const term = await post(`/api/contracts/${id}/terminate`, 'broker', { note: '双方协商一致解除' });
    expect(term.json.status).toBe('terminated');
    expect((await post(`/api/contracts/${id}/amendments`, 'broker', { contractAmount: 1, note: 'x y' })).status).toBe(409);
  });
});

describe('attachments (contract text)', () => {
  it('lets the seller attach the contract text, which the registrar of the region can download', async () => {
    const c = await post('/api/contracts', 'broker', contractBody());
    const text = Buffer.from('技术许可合同正文（测试）');
    const { payload, contentType } = multipart('合同正文.txt', text);
    const up = await t.app.inject({ method: 'POST', url: `/api/contracts/${c.json.id}/attachments`, payload, headers: { 'content-type': contentType, authorization: `Bearer ${tok['broker']}` } });
    expect(up.statusCode).toBe(201);
    const att = up.json().attachments[0];
    expect(att).toMatchObject({ fileName: '合同正文.txt', size: text.length });
    const other = multipart('x.txt', Buffer.from('x'));
    const denied = await t.app.inject({ method: 'POST', url: `/api/contracts/${c.json.id}/attachments`, payload: other.payload, headers: { 'content-type': other.contentType, authorization: `Bearer ${tok['sme']}` } });
    expect(denied.statusCode).toBe(404);
    await post(`/api/contracts/${c.json.id}/submit`, 'broker');
    const dl = await t.app.inject({ method: 'GET', url: `/api/contracts/${c.json.id}/attachments/${att.id}`, headers: { authorization: `Bearer ${tok['registrar']}` } });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(text)).toBe(true);
    const big = multipart('big.pdf', Buffer.alloc(21 * 1024 * 1024));
    const tooBig = await t.app.inject({ method: 'POST', url: `/api/contracts/${c.json.id}/attachments`, payload: big.payload, headers: { 'content-type': big.contentType, authorization: `Bearer ${tok['broker']}` } });
    expect(tooBig.statusCode).toBe(413);
  });
});

describe('notifications of the registry decisions', () => {
  type Note = { email: string; kind: string; title: { zh: string; en: string }; body: { zh: string; en: string } };
  /** The outbox notifications about contract `id`, with their recipients' e-mails. */
  const notes = (id: string): Promise<Note[]> =>
    t.app.get(DataSource).query(
      `SELECT u.email, o.payload->>'kind' AS kind, o.payload->'title' AS title, o.payload->'body' AS body FROM outbox o
         JOIN users u ON u.id = (o.payload->>'userId')::uuid WHERE o.payload->>'link' = $1 ORDER BY u.email`,
      [`/registry/contracts/${id}`],
    );

  it('a submission lands in the queue of the registrars covering the seller only (not Anhui, not the filer)', async () => {
    const id = await submitted();
    const sent = await notes(id);
    expect(sent.map((n) => [n.email, n.kind])).toEqual([['registrar@demo.ttx', 'contract.submitted']]);
    expect(sent[0].title).toEqual({ zh: '新的技术合同待认定登记', en: 'A technology contract awaits registration' });
    expect(sent[0].body.zh).toBe('一种高倍率磷酸铁锂正极材料专利实施许可');
  });

  it("the filing organisation's filers hear of the registration with its number, in zh and en; other organisations do not", async () => {
    const id = await submitted();
    const reg = await post(`/api/contracts/${id}/register`, 'registrar', undefined, key());
    const number = reg.json.registrationNumber as string;
    const sent = (await notes(id)).filter((n) => n.kind === 'contract.registered');
    expect(sent.map((n) => n.email)).toEqual(['broker2@demo.ttx', 'broker@demo.ttx']);
    expect(sent[0].title).toEqual({ zh: `技术合同已登记：${number}`, en: `Contract registered: ${number}` });
    expect(sent[0].body.zh).toContain(`登记编号 ${number}`);
    expect(sent[0].body.en).toContain(`is registered as ${number}`);
  });

  it('the filers hear of a rejection with its grounds and the note, in zh and en', async () => {
    const id = await submitted();
    await post(`/api/contracts/${id}/reject`, 'registrar', { reasons: ['missing_proofs', 'unclear_price'], note: '请补充技术成果证明' });
    const sent = (await notes(id)).filter((n) => n.kind === 'contract.rejected');
    expect(sent.map((n) => n.email)).toEqual(['broker2@demo.ttx', 'broker@demo.ttx']);
    expect(sent[0].body).toEqual({
      zh: '不予登记理由：缺少必要证明材料；价款不明确。登记员说明：请补充技术成果证明',
      en: "Grounds: Proofs missing; Price unclear. Registrar's note: 请补充技术成果证明",
    });
    expect(sent[0].title.en).toBe('Contract not registered: 一种高倍率磷酸铁锂正极材料专利实施许可');
  });
});

describe('review deadline reminder job', () => {
  it('reminds the registrars of the region once a day of overdue accepted contracts (DOMAIN.md §5: 30 days)', async () => {
    const id = await submitted();
    await post(`/api/contracts/${id}/accept`, 'registrar');
    const ds = t.app.get(DataSource);
    await ds.query(`UPDATE contracts SET review_due_on = current_date - 1 WHERE id = $1`, [id]);
    expect((await get(`/api/contracts/${id}`, 'registrar')).json.deadline).toBe('overdue');
    const reminder = t.app.get(ReviewReminderService);
    expect(await reminder.remindOverdue()).toBeGreaterThanOrEqual(1);
    const [note] = await ds.query(
      `SELECT o.payload FROM outbox o JOIN users u ON u.id = (o.payload->>'userId')::uuid
        WHERE u.email = 'registrar@demo.ttx' AND o.payload->>'kind' = 'contract.review-due' AND o.payload->>'link' LIKE $1`,
      [`%${id}`],
    );
    expect(note.payload.title.zh).toMatch(/已超期/);
    expect(await reminder.remindOverdue()).toBe(0);
  });
});

describe('certificate and public verification', () => {
  it('issues a Chinese PDF with the number and party names, whose code the public verify endpoint confirms', async () => {
    const id = await submitted();
    const reg = await post(`/api/contracts/${id}/register`, 'registrar', undefined, key());
    const pdf = await t.app.inject({ method: 'GET', url: `/api/contracts/${id}/certificate.pdf`, headers: { authorization: `Bearer ${tok['broker']}` } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload).replace(/\s+/g, '');
    expect(text).toContain(reg.json.registrationNumber);
    expect(text).toContain('技术合同登记证明');
    expect(text).toContain('中关村技术经纪服务中心（演示）');
    expect(text).toContain('北京示范制造有限公司');
    expect(text).toContain('技术转让');
    const code = reg.json.verificationCode as string;
    expect(text).toContain(code);
    const v = await get(`/api/contracts/verify/${code}`);
    expect(v.status).toBe(200);
    expect(v.json).toMatchObject({ valid: true, registrationNumber: reg.json.registrationNumber, sellerName: '中关村技术经纪服务中心（演示）' });
    expect(text).toContain(v.json.contentHash);
    expect((await get('/api/contracts/verify/0000000000AAAAAAAAAA')).status).toBe(404);
    expect((await get('/api/contracts/verify/not-a-code')).status).toBe(404);
  }, 30_000);

  it('has no certificate before registration; outsiders cannot fetch one', async () => {
    const id = await submitted();
    expect((await call(t.app, 'GET', `/api/contracts/${id}/certificate.pdf`, { token: tok['broker'] })).status).toBe(409);
    expect((await call(t.app, 'GET', `/api/contracts/${id}/certificate.pdf`, { token: tok['sme'] })).status).toBe(404);
  });
});

describe('risk warnings (thresholds are settings)', () => {
  it('flags splitting just under the review threshold and circular deals, with evidence', async () => {
    const buyer = { name: '北京拆分测试有限公司', creditCode: nextBuyerCode(), countryCode: '156', regionCode: '110105', type: 'enterprise' };
    // Default review threshold RMB 1 M (100,000,000 fen); two contracts of RMB 950,000 within 30 days.
    const a = await submitted('broker', { buyer, contractAmount: 95_000_000, nonTechnical: {}, signedOn: '2026-05-01' });
    await submitted('broker', { buyer, contractAmount: 96_000_000, nonTechnical: {}, signedOn: '2026-05-20' });
    const view = await get(`/api/contracts/${a}`, 'registrar');
    const split = view.json.warnings.find((w: { kind: string }) => w.kind === 'split_below_threshold');
    expect(split.message).toMatch(/2 contracts/);
    expect(split.evidence.contracts).toHaveLength(2);
    // The seller does not see warnings.
    expect((await get(`/api/contracts/${a}`, 'broker')).json.warnings).toEqual([]);
    // Circular: the Beijing agency sells to sme; sme (as seller) sells back within 90 days.
    const ds = t.app.get(DataSource);
    const [sme] = await ds.query(`SELECT name, credit_code, region_code FROM organizations WHERE name LIKE '合肥智能装备%'`);
    const out = await submitted('broker', { buyer: { name: sme.name, creditCode: sme.credit_code, regionCode: sme.region_code, type: 'enterprise' }, signedOn: '2026-06-01' });
    const [agency] = await ds.query(`SELECT name, credit_code FROM organizations WHERE name LIKE '中关村技术经纪%'`);
    await submitted('sme', { buyer: { name: agency.name, creditCode: agency.credit_code, regionCode: '110108', type: 'other' }, signedOn: '2026-07-01' });
    const circ = (await get(`/api/contracts/${out}`, 'registrar')).json.warnings.find((w: { kind: string }) => w.kind === 'circular_deal');
    expect(circ.evidence.contracts).toHaveLength(1);
    const list = await get('/api/contracts?status=submitted&pageSize=100', 'registrar');
    expect(list.json.items.find((c: { id: string }) => c.id === out).warningCount).toBeGreaterThan(0);
  });

  it('flags amounts far outside the distribution of their kind, once enough are registered', async () => {
    const ds = t.app.get(DataSource);
    // 40 consulting contracts around RMB 100,000 (ln-normal spread) make the distribution.
    await ds.query(`INSERT INTO contract_kind_moments (kind, n, sum_ln, sum_ln2)
                    SELECT 'consulting', count(*), sum(ln(v)), sum(ln(v) ^ 2) FROM (SELECT 10000000 * (1 + (g % 5) / 10.0) AS v FROM generate_series(1, 40) g) x
                    ON CONFLICT (kind) DO UPDATE SET n = EXCLUDED.n, sum_ln = EXCLUDED.sum_ln, sum_ln2 = EXCLUDED.sum_ln2`);
    const id = await submitted('broker', { kind: 'consulting', subKind: undefined, expectedInvestment: undefined, expectedOutput: undefined, contractAmount: 20_000_000, nonTechnical: {} });
    const w = (await get(`/api/contracts/${id}`, 'registrar')).json.warnings.find((x: { kind: string }) => x.kind === 'amount_outlier');
    expect(w.evidence.sample).toBe(40);
    expect(Math.abs(w.evidence.z)).toBeGreaterThan(3);
    // Raising the threshold in the settings silences it.
    const s = (await get('/api/registry/settings', 'admin')).json;
    expect(s).not.toHaveProperty('reviewDeadlineDays'); // the rights policy of the region sets it
    expect((await call(t.app, 'PUT', '/api/registry/settings', { token: tok['admin'], body: { ...s, outlierZScore: 10 } })).status).toBe(200);
    expect((await get(`/api/contracts/${id}`, 'registrar')).json.warnings.some((x: { kind: string }) => x.kind === 'amount_outlier')).toBe(false);
    await call(t.app, 'PUT', '/api/registry/settings', { token: tok['admin'], body: s });
    expect((await call(t.app, 'PUT', '/api/registry/settings', { token: tok['registrar'], body: s })).status).toBe(403);
  });
});

describe('statistics from the roll-ups', () => {
  it('equal a direct GROUP BY over the registered contracts, for every grouping and date range', async () => {
    const ds = t.app.get(DataSource);
    // Spread registration dates over months so the whole-month/partial-month split is exercised.
    await ds.query(`SELECT registry_stats_apply(ARRAY(SELECT id FROM contracts WHERE registration_number IS NOT NULL), -1)`);
    await ds.query(`UPDATE contracts SET registered_on = DATE '2026-01-10' + (abs(hashtext(id::text)) % 150) WHERE registration_number IS NOT NULL`);
    await ds.query(`SELECT registry_stats_apply(ARRAY(SELECT id FROM contracts WHERE registration_number IS NOT NULL), 1)`);
    const keys: Record<string, string> = {
      kind: 'kind',
      region: `CASE WHEN seller_region LIKE '%0000' THEN seller_region ELSE substr(seller_region, 1, 4) || '00' END`,
      province: `substr(seller_region, 1, 2) || '0000'`,
      field: `COALESCE(field_code, '-')`,
      partyType: 'seller_type',
      month: `to_char(registered_on, 'YYYY-MM')`,
    };
    const ranges: [string?, string?][] = [[], ['2026-02-01', '2026-04-30'], ['2026-01-15', '2026-03-17'], ['2026-03-05', '2026-03-20'], [undefined, '2026-02-11']];
    for (const [groupBy, expr] of Object.entries(keys)) {
      for (const [from, to] of ranges) {
        const direct: { key: string; count: number; contract: string; tech: string }[] = await ds.query(
          `SELECT ${expr} AS key, count(*)::int AS count, sum(contract_fen) AS contract, sum(tech_fen) AS tech FROM contracts
            WHERE registration_number IS NOT NULL AND registered_on >= COALESCE($1::date, '-infinity') AND registered_on <= COALESCE($2::date, 'infinity')
            GROUP BY 1 ORDER BY 1`,
          [from ?? null, to ?? null],
        );
        const qs = new URLSearchParams({ groupBy, ...(from ? { from } : {}), ...(to ? { to } : {}) });
        const res = await get(`/api/stats/contracts?${qs}`);
        expect(res.status).toBe(200);
        expect(res.json.items.map((i: { key: string; count: number; contractAmount: number; techTransactionAmount: number }) => [i.key, i.count, i.contractAmount, i.techTransactionAmount])).toEqual(
          direct.map((d) => [d.key, d.count, Number(d.contract), Number(d.tech)]),
        );
      }
    }
    expect(direct0(await get('/api/stats/contracts?groupBy=province'))).toContain('110000');
    const csv = await call(t.app, 'GET', '/api/stats/contracts/export?groupBy=kind&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('transfer');
    expect((await get('/api/stats/contracts?groupBy=nonsense')).status).toBe(400);
  }, 60_000);
});

const direct0 = (res: { json: { items: { key: string }[] } }) => res.json.items.map((i) => i.key);
