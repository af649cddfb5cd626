import { journey } from './support/browser';
import { openHome, useLang } from './support/flows';
import { api, token } from './support/api';
import { describeFindings, type Finding } from './support/axe';
import { asUser, check, settle, sweep, type Visit } from './support/sweep';

/** The fields of the API's list items this sweep chooses by. */
interface Item {
  id: string;
  status?: string;
  stage?: string;
  kind?: string;
  method?: string;
  side?: string;
  auctionId?: string | null;
  listingId?: string;
  achievementId?: string;
  licensorOrgId?: string;
  outstanding?: number;
  confidential?: boolean;
}

/** The record of a list with this property value; fails (naming the list) when the seed has none. */
function pick(items: Item[], what: string, match: (i: Item) => boolean): Item {
  const found = items.find(match);
  if (!found) throw new Error(`no ${what} in the seeded data (${items.length} items)`);
  return found;
}

/**
 * The detail pages a user reaches from the lists (rooms, licences, contracts, empowerments, demands, brokers,
 * auctions, notices, organisations), each as a demo user who may see it and in the state the seed leaves it in.
 * The ids come from the API, as the lists would show them.
 */
async function detailIds(baseUrl: string) {
  const get = async (url: string, email?: string) => {
    const body = await api(baseUrl, 'GET', url, undefined, email ? await token(baseUrl, email) : undefined);
    return (body.items ?? body) as Item[];
  };
  const listings = await get('/api/listings/mine?pageSize=100', 'tto@demo.ttx');
  const auctions = await Promise.all(listings.filter((l) => l.auctionId).map(async (l) => (await api(baseUrl, 'GET', `/api/auctions/${l.auctionId}`)) as Item));
  const auction = (what: string, match: (a: Item) => boolean) => pick(auctions, `${what} auction`, match).id;
  // The negotiation where the seller's counter-offer waits for the SME: a thread with both sides in it.
  const counterOffer = pick(await get('/api/offers', 'sme@demo.ttx'), "seller's counter-offer", (o) => o.side === 'seller');
  const rooms = await get('/api/deal-rooms', 'broker@demo.ttx');
  const licences = await get('/api/licences?pageSize=100', 'tto@demo.ttx');
  const smeLicences = await get('/api/licences?pageSize=100', 'sme@demo.ttx');
  // The registrar's queue (its region's filings); the broker's own filings (a draft) and the SME's (as buyer) below.
  const contracts = await get('/api/contracts?pageSize=100', 'registrar@demo.ttx');
  const contract = (status: string) => pick(contracts, `${status} contract`, (c) => c.status === status).id;
  // The code printed on the certificate (the registrar's view carries it).
  const verificationCode = (await api(baseUrl, 'GET', `/api/contracts/${contract('registered')}`, undefined, await token(baseUrl, 'registrar@demo.ttx'))).verificationCode as string;
  const empowerments = await get('/api/empowerments?scope=mine&pageSize=100', 'researcher@demo.ttx');
  const emp = (status: string) => pick(empowerments, `${status} empowerment`, (e) => e.status === status).id;
  const myDemands = await get('/api/demands?mine=true&pageSize=100', 'sme@demo.ttx');
  const publicDemands = await get('/api/demands?pageSize=100');
  const brokers = await get('/api/brokers?pageSize=100');
  const breached = (await get('/api/brokers/breaches'))[0];
  const notices = await get('/api/disclosures?pageSize=100');
  return {
    negotiationListing: counterOffer.listingId as string,
    openLicenceListing: pick(listings, 'open licence', (l) => l.method === 'open_licence' && l.status === 'open').id,
    soldListing: pick(listings, 'sold listing', (l) => l.status === 'sold' && !l.auctionId).id,
    englishOpen: auction('open English', (a) => a.kind === 'english' && a.status === 'open'),
    sealedOpen: auction('open sealed-bid', (a) => a.kind === 'sealed' && a.status === 'open'),
    scheduled: auction('scheduled', (a) => a.status === 'scheduled'),
    closed: auction('closed', (a) => a.status === 'closed'),
    roomOpen: pick(rooms, 'negotiating deal room', (r) => r.stage === 'negotiating').id,
    roomClosed: pick(rooms, 'closed deal room', (r) => r.stage === 'closed_won').id,
    licenceActive: pick(licences, 'active licence', (l) => l.status === 'active').id,
    licenceDraft: pick(licences, 'draft licence', (l) => l.status === 'draft').id,
    licenceTerminated: pick(licences, 'terminated licence', (l) => l.status === 'terminated').id,
    licenceOwing: pick(smeLicences, 'licence with an invoice to pay', (l) => l.status === 'active' && (l.outstanding ?? 0) > 0).id,
    achievement: pick(await get('/api/achievements?pageSize=1'), 'published achievement', () => true).id,
    // The TTO's institution: an organisation with members, for the organisation page's members drawer.
    organization: pick(licences, 'licence of the TTO', (l) => !!l.licensorOrgId).licensorOrgId as string,
    contractAccepted: contract('accepted'),
    contractSubmitted: contract('submitted'),
    contractRejected: contract('rejected'),
    contractRegistered: contract('registered'),
    contractDraft: pick(await get('/api/contracts?pageSize=100', 'broker@demo.ttx'), 'draft contract of the broker', (c) => c.status === 'draft').id,
    smeContract: pick(await get('/api/contracts?pageSize=100', 'sme@demo.ttx'), 'registered contract of the SME', (c) => c.status === 'registered').id,
    verificationCode,
    empConsenting: emp('consenting'),
    empReview: emp('under_review'),
    empNotice: emp('in_notice'),
    empFinal: emp('final'),
    empRejected: emp('rejected'),
    // The researcher's achievement under review: the apply form shows its institution's policy.
    applyAchievement: pick(empowerments, 'empowerment under review', (e) => e.status === 'under_review').achievementId as string,
    demandInTalks: pick(myDemands, 'demand in talks', (d) => d.status === 'in_talks').id,
    demandOpen: pick(myDemands, 'open demand', (d) => d.status === 'open').id,
    demandConfidential: pick(publicDemands, 'confidential demand', (d) => !!d.confidential).id,
    broker: pick(brokers, 'broker', (b) => b.id !== breached?.id).id,
    brokerBreached: breached.id,
    noticeEmpowerment: pick(notices, 'empowerment notice', (n) => n.kind === 'empowerment').id,
    noticeDeal: pick(notices, 'deal notice', (n) => n.kind === 'deal').id,
  };
}

describe('accessibility of detail pages (axe-core, WCAG 2.1 A + AA)', () => {
  journey('the detail pages reached from the lists have no serious or critical violation, in Chinese and English', async ({ page, baseUrl }) => {
    const id = await detailIds(baseUrl);
    const findings: Finding[] = [];
    const v = (path: string, ready: string): Visit => ({ path, ready });

    // Public detail pages, each in both languages.
    const publicVisits = [
      v(`/market/listings/${id.openLicenceListing}`, 'listing-title'),
      v(`/market/auctions/${id.sealedOpen}`, 'auction-title'),
      v(`/market/auctions/${id.closed}`, 'auction-title'),
      v(`/brokerage/demands/${id.demandConfidential}`, 'demand-title'),
      v(`/brokerage/brokers/${id.brokerBreached}`, 'broker-name'),
      v(`/rights/notices/${id.noticeDeal}`, 'notice-title'),
      v(`/registry/verify/${id.verificationCode}`, 'verify-result'),
    ];
    await openHome(page);
    for (const lang of ['zh-CN', 'en-US'] as const) {
      await useLang(page, lang);
      await sweep(page, 'anonymous', publicVisits, findings);
      await openHome(page);
    }

    await asUser(page, 'sme@demo.ttx', 'zh-CN', () =>
      sweep(page, 'enterprise_member', [
        v(`/brokerage/rooms/${id.roomOpen}`, 'room-title'),
        v(`/market/listings/${id.negotiationListing}`, 'listing-title'),
        v(`/market/auctions/${id.englishOpen}`, 'auction-title'),
        v(`/market/auctions/${id.scheduled}`, 'auction-title'),
        v(`/licensing/licences/${id.licenceDraft}`, 'licence-title'),
        { path: `/licensing/licences/${id.licenceOwing}`, ready: 'licence-title', open: [{ click: 'invoice-pay', shows: 'pay-amount' }] },
        v(`/registry/contracts/${id.smeContract}`, 'cd-title'),
        v(`/brokerage/demands/${id.demandInTalks}`, 'demand-title'),
        v(`/brokerage/demands/${id.demandOpen}`, 'demand-title'),
        v(`/rights/notices/${id.noticeEmpowerment}`, 'notice-title'),
        { path: `/catalog/${id.achievement}`, ready: 'nda-open', open: [{ click: 'nda-open', shows: 'nda-text' }] },
        '/dashboard',
      ], findings),
    );
    await asUser(page, 'tto@demo.ttx', 'en-US', () =>
      sweep(page, 'tto_manager', [
        v(`/brokerage/rooms/${id.roomOpen}`, 'room-title'),
        v(`/market/listings/${id.negotiationListing}`, 'listing-title'),
        v(`/market/listings/${id.soldListing}`, 'listing-title'),
        v(`/market/auctions/${id.englishOpen}`, 'auction-title'),
        { path: `/licensing/licences/${id.licenceActive}`, ready: 'licence-title', open: [{ click: 'licence-terminate', shows: 'terminate-reason' }] },
        v(`/licensing/licences/${id.licenceTerminated}`, 'licence-title'),
        v(`/rights/empowerments/${id.empReview}`, 'emp-title'),
        v(`/rights/empowerments/${id.empNotice}`, 'emp-title'),
        v(`/catalog/${id.applyAchievement}/edit`, 'new-heading'),
      ], findings),
    );
    await asUser(page, 'researcher@demo.ttx', 'zh-CN', () =>
      sweep(page, 'researcher', [
        v(`/rights/empowerments/${id.empConsenting}`, 'emp-title'),
        v(`/rights/empowerments/${id.empFinal}`, 'emp-title'),
        v(`/rights/empowerments/${id.empRejected}`, 'emp-title'),
        v(`/rights/apply/${id.applyAchievement}`, 'apply-policy'),
      ], findings),
    );
    await asUser(page, 'registrar@demo.ttx', 'en-US', () =>
      sweep(page, 'registrar', [
        { path: `/registry/contracts/${id.contractAccepted}`, ready: 'cd-title', open: [{ click: 'cd-reject', shows: 'cd-reject-panel' }] },
        v(`/registry/contracts/${id.contractSubmitted}`, 'cd-title'),
        { path: `/registry/contracts/${id.contractRegistered}`, ready: 'cd-title', open: [{ click: 'cd-terminate', shows: 'cd-panel-note' }] },
        v(`/registry/contracts/${id.contractRejected}`, 'cd-title'),
      ], findings),
    );
    await asUser(page, 'broker@demo.ttx', 'zh-CN', () =>
      sweep(page, 'broker', [
        v(`/brokerage/rooms/${id.roomOpen}`, 'room-title'),
        v(`/brokerage/rooms/${id.roomClosed}`, 'room-title'),
        v(`/brokerage/demands/${id.demandOpen}`, 'demand-title'),
        v(`/brokerage/brokers/${id.broker}`, 'broker-name'),
        v(`/registry/contracts/${id.contractDraft}`, 'cd-title'),
      ], findings),
    );
    await asUser(page, 'enterprise@demo.ttx', 'en-US', () =>
      sweep(page, 'enterprise_member', [v(`/brokerage/rooms/${id.roomClosed}`, 'room-title'), v(`/brokerage/demands/${id.demandConfidential}`, 'demand-title'), '/dashboard'], findings),
    );
    await asUser(page, 'evaluator@demo.ttx', 'zh-CN', () => sweep(page, 'evaluator', ['/dashboard', v(`/market/listings/${id.negotiationListing}`, 'listing-title')], findings));
    await asUser(page, 'admin@demo.ttx', 'en-US', async () => {
      await sweep(page, 'platform_admin', [v(`/brokerage/brokers/${id.broker}`, 'broker-name')], findings);
      // The organisation page: every organisation, one opened with its members.
      await page.goto('/admin/organizations');
      await page.getByTestId('orgs-filter-all').click();
      const row = page.locator(`[data-testid="org-row"][data-org-id="${id.organization}"]`);
      await row.getByTestId('org-members-open').click();
      await page.getByTestId('org-member-row').first().waitFor();
      await settle(page);
      await check(page, 'platform_admin', findings, '/admin/organizations (members drawer)');
      await page.keyboard.press('Escape');
      await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
    });

    if (findings.length) console.log(describeFindings(findings));
    expect(describeFindings(findings)).toBe(describeFindings([]));
  }, 240_000);
});
