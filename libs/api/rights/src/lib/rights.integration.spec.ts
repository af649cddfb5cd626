import { CoreModule, HttpAuthModule, JOB_IDS, QUEUES, QueueService } from '@ttx/api/core';
import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { CatalogModule, CatalogSeeder } from '@ttx/api/catalog';
import { DemoSeeder, IdentityModule } from '@ttx/api/identity';
import { PlatformModule } from '@ttx/api/platform';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { OwnershipService } from './ownership/ownership.service';
import { largestRemainder } from '@ttx/shared/policy';
import { EmpowermentFinalizer } from './empowerments/empowerment-finalizer.service';
import { RightsModule } from './rights.module';

const SEEDS = resolve(__dirname, '../../../../../seeds/demo');
/** One notice day lasts 150 ms here, so the policy's 15 days take 2.25 s (RIGHTS_NOTICE_DAY_MS). */
const DAY_MS = 150;

let t: TestApp;
let ds: DataSource;
const tokens: Record<string, string> = {};
const emails: Record<string, string> = {};
let university: string;
let seq = 0;

const tokenOf = async (email: string, password = 'ttx-demo-2026') => {
  const res = await call(t.app, 'POST', '/api/auth/login', { body: { email, password } });
  expect(res.status).toBe(200);
  return res.json.accessToken as string;
};
const memberOf = async (orgId: string, role: string, name: string) => {
  const email = `rights${++seq}@example.cn`;
  const reg = await call(t.app, 'POST', '/api/auth/register', { body: { email, password: 'correct horse 1', displayName: name } });
  await ds.query('INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, $3)', [reg.json.id, orgId, role]);
  emails[name] = email;
  return tokenOf(email, 'correct horse 1');
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CHECKLIST = {
  items: ['job_related_confirmed', 'negative_list_checked', 'team_consent_verified', 'contribution_shares_verified', 'conflicts_declared'].map((key) => ({ key, passed: true })),
  reviewers: [
    { name: '王敏', vote: 'approve' },
    { name: '赵磊', vote: 'approve', comment: '材料齐全' },
    { name: '钱红', vote: 'abstain' },
  ],
  evidence: [{ title: '成果完成人贡献说明', ref: 'TTO-2026-017' }],
};

/** A job-related achievement of the university whose team is the researcher (50 %), 同事 (30 %) and 老张 without an account (20 %). */
async function achievement(over: Record<string, unknown> = {}): Promise<string> {
  const res = await call(t.app, 'POST', '/api/achievements', {
    token: tokens['researcher'],
    body: {
      kind: 'invention_patent',
      title: { zh: `一种固态电解质薄膜的制备方法 ${++seq}`, en: `Solid electrolyte film ${seq}` },
      abstract: { zh: '本发明公开了一种固态电解质薄膜。', en: 'A solid electrolyte film.' },
      fieldCode: '01.01',
      stage: 'pilot',
      trl: 5,
      dealTypes: ['transfer', 'licence'],
      jobRelated: true,
      fundingProjectNumber: '2024YFB0001',
      inventors: [
        { name: '李伟', sharePct: 50, email: 'researcher@demo.ttx' },
        { name: '同事', sharePct: 30, email: emails['同事'] },
        { name: '老张', sharePct: 20 },
      ],
      ...over,
    },
  });
  expect(res.status).toBe(201);
  return res.json.id;
}

const apply = (id: string, body: Record<string, unknown>, who = 'researcher') => call(t.app, 'POST', `/api/achievements/${id}/empowerments`, { token: tokens[who], body });
const decide = (id: string, body: Record<string, unknown>, who = 'tto') => call(t.app, 'POST', `/api/empowerments/${id}/decisions`, { token: tokens[who], body });
const ownership = async (achievementId: string) => (await call(t.app, 'GET', `/api/achievements/${achievementId}/ownership`, { token: tokens['tto'] })).json;

/** Applies and collects every consent: the colleague confirms, the TTO records 老张's signed form. */
async function underReview(terms: Record<string, unknown> = { model: 'ownership_first', teamOwnershipPct: 80 }) {
  const achievementId = await achievement();
  const applied = await apply(achievementId, terms);
  expect(applied.status).toBe(201);
  expect(applied.json.status).toBe('consenting');
  const id = applied.json.id as string;
  expect((await call(t.app, 'POST', `/api/empowerments/${id}/consents`, { token: tokens['colleague'], body: {} })).status).toBe(201);
  const offline = await call(t.app, 'POST', `/api/empowerments/${id}/consents`, { token: tokens['tto'], body: { inventorPosition: 2, evidence: '纸质签字确认书 档案号 2026-031' } });
  expect(offline.status).toBe(201);
  expect(offline.json.status).toBe('under_review');
  return { id, achievementId };
}

async function inNotice(terms?: Record<string, unknown>) {
  const e = await underReview(terms);
  const res = await decide(e.id, { decision: 'approve', reasons: '符合赋权条件', checklist: CHECKLIST });
  expect(res.status).toBe(201);
  expect(res.json.status).toBe('in_notice');
  return { ...e, disclosureId: res.json.disclosure.id as string, endsAt: res.json.disclosure.endsAt as string };
}
const untilEnded = async (endsAt: string) => sleep(Math.max(0, new Date(endsAt).getTime() - Date.now()) + 50);

beforeAll(async () => {
  t = await bootTestApp([CoreModule, HttpAuthModule, IdentityModule, PlatformModule, CatalogModule, RightsModule], { RIGHTS_NOTICE_DAY_MS: String(DAY_MS) });
  ds = t.app.get(DataSource);
  await t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
  await ds.transaction((m) => t.app.get(CatalogSeeder).seedFields(m, resolve(SEEDS, 'fields.json')));
  for (const who of ['admin', 'tto', 'researcher', 'sme']) tokens[who] = await tokenOf(`${who}@demo.ttx`);
  [{ id: university }] = await ds.query(`SELECT id FROM organizations WHERE name = '合肥科技大学（演示）'`);
  tokens['colleague'] = await memberOf(university, 'researcher', '同事');
  tokens['tto2'] = await memberOf(university, 'tto_manager', '第二位技术经理');
}, 90_000);
afterAll(() => t?.close());

describe('rights policy', () => {
  it('inherits the seeded defaults, each from its source', async () => {
    const res = await call(t.app, 'GET', `/api/institutions/${university}/policy`, { token: tokens['researcher'] });
    expect(res.status).toBe(200);
    expect(res.json.version).toBe(0);
    // DOMAIN.md §2, seed 002 Hefei (一): team ownership ≥ 70 %, or long-term use ≥ 10 years.
    expect(res.json.settings.minTeamOwnershipPct).toBe(70);
    expect(res.json.settings.minUseRightYears).toBe(10);
    // DOMAIN.md §4, seed 002 GBA (一) and the national default (Law art. 45): team ≥ 50 % of net income.
    expect(res.json.settings.teamNetIncomeSharePct).toBe(50);
    // DOMAIN.md §4, seed 002 Hefei (二): the TTO keeps ≥ 10 % of the institution's part.
    expect(res.json.settings.ttoRetentionPct).toBe(10);
    // Issue #4 platform defaults: 15 notice days, 30 registration review days.
    expect(res.json.settings.noticeDays).toBe(15);
    expect(res.json.settings.registrationReviewDays).toBe(30);
    // The university sits in Hefei (340100): nation, then Anhui would come, then Hefei's own row.
    expect(res.json.inherited.map((p: { regionCode: string }) => p.regionCode)).toEqual(['000000', '340100']);
  });

  it('makes a new version on every PUT and keeps the history; only the TTO or an admin may', async () => {
    const other = (await ds.query(`SELECT id FROM organizations WHERE name = '江苏医科大学（演示）'`))[0].id;
    expect((await call(t.app, 'PUT', `/api/institutions/${other}/policy`, { token: tokens['researcher'], body: { noticeDays: 10 } })).status).toBe(403);
    expect((await call(t.app, 'PUT', `/api/institutions/${other}/policy`, { token: tokens['tto'], body: { noticeDays: 10 } })).status).toBe(403);
    expect((await call(t.app, 'PUT', `/api/institutions/${other}/policy`, { token: tokens['admin'], body: { noticeDays: 0 } })).status).toBe(400);
    const v1 = await call(t.app, 'PUT', `/api/institutions/${other}/policy`, { token: tokens['admin'], body: { noticeDays: 10, note: '校长办公会 2026-3' } });
    expect(v1.json).toMatchObject({ version: 1, settings: { noticeDays: 10, minTeamOwnershipPct: 70 }, overrides: { noticeDays: 10 } });
    const v2 = await call(t.app, 'PUT', `/api/institutions/${other}/policy`, { token: tokens['admin'], body: { minTeamOwnershipPct: 75 } });
    expect(v2.json).toMatchObject({ version: 2, settings: { noticeDays: 15, minTeamOwnershipPct: 75 } });
    const history = await call(t.app, 'GET', `/api/institutions/${other}/policy/versions`, { token: tokens['sme'] });
    expect(history.json.map((v: { version: number; createdByName: string }) => [v.version, v.createdByName])).toEqual([
      [2, '平台管理员 Platform Admin'],
      [1, '平台管理员 Platform Admin'],
    ]);
  });
});

describe('empowerment rules', () => {
  it('refuses a team share or use-right term below the policy minimum with 422', async () => {
    const id = await achievement();
    const low = await apply(id, { model: 'ownership_first', teamOwnershipPct: 69.99 });
    expect(low.status).toBe(422);
    expect(low.json.type).toBe('urn:ttx:problem:team-ownership-below-minimum');
    expect(low.json.detail).toContain('70');
    const short = await apply(id, { model: 'long_term_use', useRightYears: 9 });
    expect(short.status).toBe(422);
    expect(short.json.type).toBe('urn:ttx:problem:use-right-years-below-minimum');
    expect((await apply(id, { model: 'ownership_first' })).status).toBe(422);
  });

  it('refuses a negative-listed achievement with 422 naming the rule', async () => {
    const id = await achievement({ fundingProjectNumber: 'JCKY2025-118' });
    const rule = await call(t.app, 'POST', `/api/institutions/${university}/negative-list`, {
      token: tokens['tto'],
      body: { kind: 'funding_source', value: 'JCKY', reasonZh: '国防科工项目成果', reasonEn: 'Defence programme results' },
    });
    expect(rule.status).toBe(201);
    expect((await call(t.app, 'POST', `/api/institutions/${university}/negative-list`, { token: tokens['researcher'], body: { kind: 'field', value: '01', reasonZh: 'x', reasonEn: 'x' } })).status).toBe(403);
    const res = await apply(id, { model: 'ownership_first', teamOwnershipPct: 80 });
    expect(res.status).toBe(422);
    expect(res.json.type).toBe('urn:ttx:problem:negative-list');
    expect(res.json.detail).toContain(rule.json.id);
    expect(res.json.detail).toContain('Defence programme results');
    expect((await call(t.app, 'DELETE', `/api/institutions/${university}/negative-list/${rule.json.id}`, { token: tokens['tto'] })).status).toBe(204);
    expect((await apply(id, { model: 'ownership_first', teamOwnershipPct: 80 })).status).toBe(201);
  });

  it('lets only the inventor team apply, once at a time', async () => {
    const id = await achievement();
    expect((await apply(id, { model: 'reward_after' }, 'tto')).status).toBe(403);
    const first = await apply(id, { model: 'reward_after' });
    expect(first.status).toBe(201);
    expect(first.json.rewardSharePct).toBe(50);
    expect((await apply(id, { model: 'long_term_use', useRightYears: 12 })).status).toBe(409);
  });

  it('needs every consent before the review, and the checklist to approve', async () => {
    const achievementId = await achievement();
    const { json } = await apply(achievementId, { model: 'long_term_use', useRightYears: 12 });
    expect((await decide(json.id, { decision: 'approve', reasons: '同意', checklist: CHECKLIST })).status).toBe(409);
    expect((await call(t.app, 'POST', `/api/empowerments/${json.id}/consents`, { token: tokens['sme'], body: {} })).status).toBe(404);
    expect((await call(t.app, 'POST', `/api/empowerments/${json.id}/consents`, { token: tokens['tto'], body: { inventorPosition: 2 } })).status).toBe(422);
    const { id } = await underReview({ model: 'long_term_use', useRightYears: 12 });
    const missing = await decide(id, { decision: 'approve', reasons: '同意' });
    expect(missing.status).toBe(422);
    const incomplete = await decide(id, { decision: 'approve', reasons: '同意', checklist: { ...CHECKLIST, items: CHECKLIST.items.slice(1) } });
    expect(incomplete.json.type).toBe('urn:ttx:problem:checklist-incomplete');
    expect((await decide(id, { decision: 'approve', reasons: '同意', checklist: CHECKLIST }, 'researcher')).status).toBe(403);
  });
});

describe('empowerment workflow with public notice', () => {
  it('goes through notice, objection dismissed, and becomes final by the notice-end job exactly once', async () => {
    const e = await inNotice();
    const queue = t.app.get(QueueService).queue(QUEUES.rights);
    const queued = await queue.getJob(JOB_IDS.empowermentNoticeEnd(e.id));
    expect(queued?.data).toEqual({ empowermentId: e.id });
    expect(await queued?.isDelayed()).toBe(true);
    // Scheduling again (the worker does it for every open notice at start) keeps one job.
    await t.app.get(EmpowermentFinalizer).scheduleNoticeEnd(e.id, new Date(e.endsAt));
    const jobs = await queue.getJobs(['delayed', 'waiting']);
    expect(jobs.filter((j) => j.data.empowermentId === e.id)).toHaveLength(1);

    const board = await call(t.app, 'GET', '/api/disclosures?kind=empowerment&status=open');
    expect(board.json.items.map((d: { subjectId: string }) => d.subjectId)).toContain(e.id);
    // A final decision before the notice ends is a state conflict.
    const early = await decide(e.id, { decision: 'approve', reasons: '提前' });
    expect(early.status).toBe(409);
    expect(early.json.type).toBe('urn:ttx:problem:notice-not-ended');

    const objection = await call(t.app, 'POST', `/api/disclosures/${e.disclosureId}/objections`, { token: tokens['sme'], body: { text: '该成果的贡献比例可能有误' } });
    expect(objection.status).toBe(201);
    const answer = await call(t.app, 'POST', `/api/empowerments/${e.id}/objections/${objection.json.id}/answers`, {
      token: tokens['tto'],
      body: { status: 'dismissed', reasons: '经核查，贡献比例与结题材料一致' },
    });
    expect(answer.status).toBe(201);
    expect(answer.json.status).toBe('dismissed');

    await untilEnded(e.endsAt);
    const finalizer = t.app.get(EmpowermentFinalizer);
    expect(await finalizer.onNoticeEnd(e.id)).toBe('finalised');
    const ledger = await ownership(e.achievementId);
    // 80 % to the team by contribution 50/30/20 → 40/24/16; the institution keeps 20 %.
    expect(ledger.shares.map((s: { holderName: string; sharePct: number }) => [s.holderName, s.sharePct])).toEqual([
      ['合肥科技大学（演示）', 20],
      ['李伟', 40],
      ['同事', 24],
      ['老张', 16],
    ]);
    expect(ledger.totalPct).toBe(100);
    // Running the job again changes nothing.
    expect(await finalizer.onNoticeEnd(e.id)).toBe('not-in-notice');
    expect((await ownership(e.achievementId)).history).toHaveLength(1);
    const detail = await call(t.app, 'GET', `/api/empowerments/${e.id}`, { token: tokens['researcher'] });
    expect(detail.json.status).toBe('final');
    expect(detail.json.decisions.map((d: { stage: string }) => d.stage)).toEqual(['review', 'final']);
    const notice = await call(t.app, 'GET', `/api/disclosures/${e.disclosureId}`);
    expect(notice.json).toMatchObject({ status: 'ended', outcome: 'approved', objections: { total: 1, dismissed: 1 } });
    const notes = await ds.query(`SELECT DISTINCT topic, payload->>'kind' AS kind FROM outbox WHERE payload->>'kind' LIKE 'empowerment%'`);
    expect(notes.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['empowerment-consent-requested', 'empowerment-review-requested', 'empowerment-under-review', 'empowerment-review-approve', 'empowerment-objection', 'empowerment-objection-dismissed', 'empowerment-final']),
    );
  });

  it('blocks the decision when an objection is upheld; the ledger stays with the institution', async () => {
    const e = await inNotice();
    const objection = await call(t.app, 'POST', `/api/disclosures/${e.disclosureId}/objections`, { token: tokens['sme'], body: { text: '完成人名单遗漏了一位主要贡献者' } });
    await call(t.app, 'POST', `/api/empowerments/${e.id}/objections/${objection.json.id}/answers`, { token: tokens['tto'], body: { status: 'upheld', reasons: '核实属实' } });
    await untilEnded(e.endsAt);
    expect(await t.app.get(EmpowermentFinalizer).onNoticeEnd(e.id)).toBe('awaiting-decision');
    const approve = await decide(e.id, { decision: 'approve', reasons: '仍然同意' });
    expect(approve.status).toBe(409);
    expect(approve.json.type).toBe('urn:ttx:problem:objection-upheld');
    const reject = await decide(e.id, { decision: 'reject', reasons: '异议成立，重新确认完成人后再申请' });
    expect(reject.json.status).toBe('rejected');
    expect((await ownership(e.achievementId)).shares).toEqual([expect.objectContaining({ holderType: 'institution', sharePct: 100 })]);
  });

  it('keeps a decision as it was when the policy changes later', async () => {
    const e = await inNotice({ model: 'ownership_first', teamOwnershipPct: 70 });
    await untilEnded(e.endsAt);
    await t.app.get(EmpowermentFinalizer).onNoticeEnd(e.id);
    const before = (await call(t.app, 'GET', `/api/empowerments/${e.id}`, { token: tokens['tto'] })).json;
    const ledgerBefore = await ownership(e.achievementId);
    const put = await call(t.app, 'PUT', `/api/institutions/${university}/policy`, { token: tokens['tto'], body: { minTeamOwnershipPct: 90, noticeDays: 5 } });
    expect(put.json.settings.minTeamOwnershipPct).toBe(90);
    const after = (await call(t.app, 'GET', `/api/empowerments/${e.id}`, { token: tokens['tto'] })).json;
    expect(after.decisions).toEqual(before.decisions);
    expect(after.decisions[0].policySettings.minTeamOwnershipPct).toBe(70);
    expect(after.policySettings.minTeamOwnershipPct).toBe(70);
    expect(await ownership(e.achievementId)).toEqual(ledgerBefore);
    // New applications meet the new rule.
    expect((await apply(await achievement(), { model: 'ownership_first', teamOwnershipPct: 80 })).status).toBe(422);
    await call(t.app, 'PUT', `/api/institutions/${university}/policy`, { token: tokens['tto'], body: {} });
  });
});

describe('empowerment views', () => {
  it("name the institution, applicant, achievement and deciders (identity's and catalog's data) in lists and detail", async () => {
    const e = await underReview();
    const [title] = await ds.query('SELECT title_zh AS zh, title_en AS en FROM achievements WHERE id = $1', [e.achievementId]);
    const named = { id: e.id, achievementId: e.achievementId, achievementTitle: title, institutionName: '合肥科技大学（演示）', applicantName: '李伟 Li Wei' };
    type Page = { items: { id: string }[]; total: number };
    const list = async (query: string, who: string) => (await call(t.app, 'GET', `/api/empowerments?${query}`, { token: tokens[who] })).json as Page;

    const queue = await list('scope=review&status=under_review&pageSize=100', 'tto');
    expect(queue.items.find((x) => x.id === e.id)).toMatchObject({ ...named, status: 'under_review', consentsGiven: 3, consentsNeeded: 3 });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM empowerments WHERE institution_id = $1 AND status = 'under_review'`, [university]);
    expect(queue.total).toBe(n);
    expect((await list('scope=review&status=under_review&pageSize=1&page=1', 'tto')).total).toBe(n);
    expect((await list('pageSize=100', 'researcher')).items.find((x) => x.id === e.id)).toMatchObject(named);
    expect(await list('scope=review', 'researcher')).toMatchObject({ items: [], total: 0 });
    // Only a verified institution's TTO managers review.
    await ds.query('UPDATE organizations SET verified_at = NULL WHERE id = $1', [university]);
    try {
      expect(await list('scope=review', 'tto')).toMatchObject({ items: [], total: 0 });
    } finally {
      await ds.query('UPDATE organizations SET verified_at = now() WHERE id = $1', [university]);
    }

    expect((await decide(e.id, { decision: 'reject', reasons: '材料不全' })).status).toBe(201);
    const detail = (await call(t.app, 'GET', `/api/empowerments/${e.id}`, { token: tokens['researcher'] })).json;
    expect(detail).toMatchObject({ ...named, status: 'rejected' });
    expect(detail.decisions.map((d: { stage: string; decidedByName: string | null }) => [d.stage, d.decidedByName])).toEqual([['review', '王敏 Wang Min (TTO)']]);
  });

  it("list an achievement's applications newest first with their consent counts and notice end, in a fixed number of queries", async () => {
    const achievementId = await achievement();
    const withdrawn = await apply(achievementId, { model: 'long_term_use', useRightYears: 12 });
    expect((await call(t.app, 'POST', `/api/empowerments/${withdrawn.json.id}/withdraw`, { token: tokens['researcher'] })).json.status).toBe('withdrawn');
    const rejected = await apply(achievementId, { model: 'reward_after' });
    expect((await call(t.app, 'POST', `/api/empowerments/${rejected.json.id}/consents`, { token: tokens['colleague'], body: {} })).status).toBe(201);
    await call(t.app, 'POST', `/api/empowerments/${rejected.json.id}/consents`, { token: tokens['tto'], body: { inventorPosition: 2, evidence: '纸质签字确认书' } });
    expect((await decide(rejected.json.id, { decision: 'reject', reasons: '材料不全' })).json.status).toBe('rejected');
    const noticed = await apply(achievementId, { model: 'ownership_first', teamOwnershipPct: 80 });
    expect((await call(t.app, 'POST', `/api/empowerments/${noticed.json.id}/consents`, { token: tokens['colleague'], body: {} })).status).toBe(201);
    await call(t.app, 'POST', `/api/empowerments/${noticed.json.id}/consents`, { token: tokens['tto'], body: { inventorPosition: 2, evidence: '纸质签字确认书' } });
    const approved = await decide(noticed.json.id, { decision: 'approve', reasons: '符合赋权条件', checklist: CHECKLIST });
    expect(approved.json.status).toBe('in_notice');
    const latest = await apply(await achievement(), { model: 'reward_after' }); // another achievement: one application

    const queries = jest.spyOn(ds.manager, 'query');
    const listOf = async (id: string, who = 'tto') => {
      queries.mockClear();
      const res = await call(t.app, 'GET', `/api/achievements/${id}/empowerments`, { token: tokens[who] });
      expect(res.status).toBe(200);
      return { items: res.json as ({ id: string } & Record<string, unknown>)[], queries: queries.mock.calls.length };
    };
    try {
      const three = await listOf(achievementId);
      const [title] = await ds.query('SELECT title_zh AS zh, title_en AS en FROM achievements WHERE id = $1', [achievementId]);
      const named = { achievementId, achievementTitle: title, institutionName: '合肥科技大学（演示）', applicantName: '李伟 Li Wei' };
      expect(three.items).toEqual([
        { ...named, id: noticed.json.id, model: 'ownership_first', teamOwnershipPct: 80, useRightYears: null, status: 'in_notice', consentsGiven: 3, consentsNeeded: 3, noticeEndsAt: approved.json.disclosure.endsAt, createdAt: noticed.json.createdAt },
        { ...named, id: rejected.json.id, model: 'reward_after', teamOwnershipPct: null, useRightYears: null, status: 'rejected', consentsGiven: 3, consentsNeeded: 3, noticeEndsAt: null, createdAt: rejected.json.createdAt },
        { ...named, id: withdrawn.json.id, model: 'long_term_use', teamOwnershipPct: null, useRightYears: 12, status: 'withdrawn', consentsGiven: 1, consentsNeeded: 3, noticeEndsAt: null, createdAt: withdrawn.json.createdAt },
      ]);
      // Not one read per application: three cost what one does.
      const one = await listOf(latest.json.achievementId);
      expect(one.items.map((x) => x.id)).toEqual([latest.json.id]);
      expect(three.queries).toBe(one.queries);
      expect((await listOf(achievementId, 'colleague')).items.map((x) => x.id)).toEqual([noticed.json.id, rejected.json.id, withdrawn.json.id]);
      expect((await call(t.app, 'GET', `/api/achievements/${achievementId}/empowerments`, { token: tokens['sme'] })).status).toBe(404);
    } finally {
      queries.mockRestore();
    }
  });
});

describe('concurrency', () => {
  it('two TTO managers reviewing at once: one wins, the other gets 409', async () => {
    const { id } = await underReview();
    const results = await Promise.all([
      decide(id, { decision: 'approve', reasons: '同意', checklist: CHECKLIST }, 'tto'),
      decide(id, { decision: 'reject', reasons: '不同意' }, 'tto2'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await ds.query(`SELECT count(*)::int AS n FROM empowerment_decisions WHERE empowerment_id = $1`, [id])).toEqual([{ n: 1 }]);
  });

  it('two TTO managers taking the final decision at once: one wins, the loser leaves the ledger untouched', async () => {
    const e = await inNotice();
    await untilEnded(e.endsAt);
    const results = await Promise.all([
      decide(e.id, { decision: 'approve', reasons: '公示无异议，同意赋权' }, 'tto'),
      decide(e.id, { decision: 'reject', reasons: '撤回' }, 'tto2'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const winner = results.find((r) => r.status === 201)!;
    const ledger = await ownership(e.achievementId);
    expect(ledger.history).toHaveLength(winner.json.status === 'final' ? 1 : 0);
    expect(ledger.shares.reduce((s: number, x: { shareBp: number }) => s + x.shareBp, 0)).toBe(10_000);
    expect(ledger.shares).toHaveLength(winner.json.status === 'final' ? 4 : 1);
  });

  // Property over random teams and decisions, through the real ledger (service split + deferred trigger).
  it('writes ledgers that always sum to exactly 100 % (fast-check against the database)', async () => {
    const id = await achievement();
    const svc = t.app.get(OwnershipService);
    const a = { institutionId: university, institutionName: '合肥科技大学（演示）' };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 9 }), fc.integer({ min: 1, max: 10_000 }), async (weights, teamBp) => {
        const team = largestRemainder(10_000, weights).map((contributionBp, position) => ({ position, name: `成员${position}`, userId: null, contributionBp }));
        const shares = svc.proposed(a, teamBp, team);
        await ds.transaction(async (m) => {
          const [{ id: empowermentId }] = await m.query(`SELECT id FROM empowerments LIMIT 1`);
          const [{ id: decisionId }] = await m.query(`SELECT id FROM empowerment_decisions LIMIT 1`);
          await svc.write(m, id, shares, { empowermentId, decisionId });
        });
        const [{ total }] = await ds.query('SELECT sum(share_bp)::int AS total FROM ownership_shares WHERE achievement_id = $1', [id]);
        expect(total).toBe(10_000);
      }),
      { numRuns: 40 },
    );
  });

  it('the database refuses a ledger that does not sum to 100 %', async () => {
    const id = await achievement();
    await expect(
      ds.transaction((m) =>
        m.query(`INSERT INTO ownership_shares (achievement_id, holder_type, holder_id, position, holder_name, share_bp) VALUES ($1, 'institution', $2, 0, 'x', 9999)`, [id, university]),
      ),
    ).rejects.toThrow(/sum to 9999/);
  });
});
