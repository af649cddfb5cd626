import { api, token } from './api';
import type { Lang } from './flows';
import type { Visit } from './sweep';

/**
 * The pages the sweeps visit (accessibility, phone layout), as rounds: who signs in (no e-mail: the anonymous
 * visitor), in which language, and what they open. Kept here so every sweep checks the same pages.
 */
export interface Round {
  who: string;
  email?: string;
  lang: Lang;
  visits: Visit[];
}

/** The fields of the API's list items the sweeps choose by. */
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

const LANGS: Lang[] = ['zh-CN', 'en-US'];

/** The record of a list with this property value; fails (naming the list) when the seed has none. */
function pick(items: Item[], what: string, match: (i: Item) => boolean): Item {
  const found = items.find(match);
  if (!found) throw new Error(`no ${what} in the seeded data (${items.length} items)`);
  return found;
}

/** The main pages of every role: the lists, forms and dashboards the side nav and the home page lead to. */
export async function mainPages(baseUrl: string): Promise<Round[]> {
  const achievementId = (await api(baseUrl, 'GET', '/api/achievements?pageSize=1')).items[0].id as string;
  const listings = (await api(baseUrl, 'GET', '/api/listings?pageSize=100')).items as Item[];
  const listingId = listings.find((l) => l.method !== 'auction')?.id ?? listings[0].id;
  const auctionId = pick(listings, 'listing with an auction', (l) => !!l.auctionId).auctionId as string;
  const publicPaths = ['/', '/catalog', `/catalog/${achievementId}`, '/market', '/rights/notices', '/registry/stats', '/registry/verify', '/brokerage/demands', '/brokerage/brokers', '/login', '/register'];
  return [
    ...LANGS.map((lang) => ({ who: 'anonymous', lang, visits: publicPaths })),
    { who: 'tto_manager', email: 'tto@demo.ttx', lang: 'zh-CN', visits: ['/dashboard', '/catalog/mine', '/catalog/new', '/market/mine', '/market/mine/new', '/rights/policy', '/licensing', '/licensing/new', '/licensing/finance'] },
    { who: 'enterprise_member', email: 'sme@demo.ttx', lang: 'en-US', visits: ['/dashboard', '/market', `/market/listings/${listingId}`, `/market/auctions/${auctionId}`, '/market/inbox', '/brokerage/demands/new', '/licensing', '/registry/new'] },
    { who: 'researcher', email: 'researcher@demo.ttx', lang: 'zh-CN', visits: ['/dashboard', '/rights', '/licensing/income'] },
    { who: 'registrar', email: 'registrar@demo.ttx', lang: 'en-US', visits: ['/dashboard', '/registry', '/registry/import'] },
    { who: 'broker', email: 'broker@demo.ttx', lang: 'zh-CN', visits: ['/dashboard', '/brokerage/workspace'] },
    { who: 'platform_admin', email: 'admin@demo.ttx', lang: 'en-US', visits: ['/dashboard', '/admin/organizations', '/organizations/new'] },
  ];
}

/**
 * The detail pages a user reaches from the lists (rooms, licences, contracts, empowerments, demands, brokers,
 * auctions, notices, organisations), each as a demo user who may see it and in the state the seed leaves it in.
 * The ids come from the API, as the lists would show them.
 */
export async function detailPages(baseUrl: string): Promise<Round[]> {
  const id = await detailIds(baseUrl);
  const v = (path: string, ready: string): Visit => ({ path, ready });
  const publicVisits = [
    v(`/market/listings/${id.openLicenceListing}`, 'listing-title'),
    v(`/market/auctions/${id.sealedOpen}`, 'auction-title'),
    v(`/market/auctions/${id.closed}`, 'auction-title'),
    v(`/brokerage/demands/${id.demandConfidential}`, 'demand-title'),
    v(`/brokerage/brokers/${id.brokerBreached}`, 'broker-name'),
    v(`/rights/notices/${id.noticeDeal}`, 'notice-title'),
    v(`/registry/verify/${id.verificationCode}`, 'verify-result'),
  ];
  return [
    ...LANGS.map((lang) => ({ who: 'anonymous', lang, visits: publicVisits })),
    {
      who: 'enterprise_member',
      email: 'sme@demo.ttx',
      lang: 'zh-CN',
      visits: [
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
      ],
    },
    {
      who: 'tto_manager',
      email: 'tto@demo.ttx',
      lang: 'en-US',
      visits: [
        v(`/brokerage/rooms/${id.roomOpen}`, 'room-title'),
        v(`/market/listings/${id.negotiationListing}`, 'listing-title'),
        v(`/market/listings/${id.soldListing}`, 'listing-title'),
        v(`/market/auctions/${id.englishOpen}`, 'auction-title'),
        { path: `/licensing/licences/${id.licenceActive}`, ready: 'licence-title', open: [{ click: 'licence-terminate', shows: 'terminate-reason' }] },
        v(`/licensing/licences/${id.licenceTerminated}`, 'licence-title'),
        v(`/rights/empowerments/${id.empReview}`, 'emp-title'),
        v(`/rights/empowerments/${id.empNotice}`, 'emp-title'),
        v(`/catalog/${id.applyAchievement}/edit`, 'new-heading'),
      ],
    },
    {
      who: 'researcher',
      email: 'researcher@demo.ttx',
      lang: 'zh-CN',
      visits: [
        v(`/rights/empowerments/${id.empConsenting}`, 'emp-title'),
        v(`/rights/empowerments/${id.empFinal}`, 'emp-title'),
        v(`/rights/empowerments/${id.empRejected}`, 'emp-title'),
        v(`/rights/apply/${id.applyAchievement}`, 'apply-policy'),
      ],
    },
    {
      who: 'registrar',
      email: 'registrar@demo.ttx',
      lang: 'en-US',
      visits: [
        { path: `/registry/contracts/${id.contractAccepted}`, ready: 'cd-title', open: [{ click: 'cd-reject', shows: 'cd-reject-panel' }] },
        v(`/registry/contracts/${id.contractSubmitted}`, 'cd-title'),
        { path: `/registry/contracts/${id.contractRegistered}`, ready: 'cd-title', open: [{ click: 'cd-terminate', shows: 'cd-panel-note' }] },
        v(`/registry/contracts/${id.contractRejected}`, 'cd-title'),
      ],
    },
    {
      who: 'broker',
      email: 'broker@demo.ttx',
      lang: 'zh-CN',
      visits: [
        v(`/brokerage/rooms/${id.roomOpen}`, 'room-title'),
        v(`/brokerage/rooms/${id.roomClosed}`, 'room-title'),
        v(`/brokerage/demands/${id.demandOpen}`, 'demand-title'),
        v(`/brokerage/brokers/${id.broker}`, 'broker-name'),
        v(`/registry/contracts/${id.contractDraft}`, 'cd-title'),
      ],
    },
    {
      who: 'enterprise_member',
      email: 'enterprise@demo.ttx',
      lang: 'en-US',
      visits: [v(`/brokerage/rooms/${id.roomClosed}`, 'room-title'), v(`/brokerage/demands/${id.demandConfidential}`, 'demand-title'), '/dashboard'],
    },
    { who: 'evaluator', email: 'evaluator@demo.ttx', lang: 'zh-CN', visits: ['/dashboard', v(`/market/listings/${id.negotiationListing}`, 'listing-title')] },
    {
      who: 'platform_admin',
      email: 'admin@demo.ttx',
      lang: 'en-US',
      visits: [
        v(`/brokerage/brokers/${id.broker}`, 'broker-name'),
        // The organisation page: every organisation, one opened with its members.
        {
          path: '/admin/organizations',
          ready: 'orgs-filter-all',
          open: [
            {
              label: 'members drawer',
              click: async (page) => {
                await page.getByTestId('orgs-filter-all').click();
                await page.locator(`[data-testid="org-row"][data-org-id="${id.organization}"]`).getByTestId('org-members-open').click();
              },
              shows: 'org-member-row',
            },
          ],
        },
      ],
    },
  ];
}

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
  // Rooms all of a page's visitors are members of: the seeded ones, not a newer room a journey spec opened with other members.
  const roomsOf = async (email: string) => new Set((await get('/api/deal-rooms', email)).map((r) => r.id as string));
  const [ttoRooms, smeRooms, enterpriseRooms] = await Promise.all([roomsOf('tto@demo.ttx'), roomsOf('sme@demo.ttx'), roomsOf('enterprise@demo.ttx')]);
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
    roomOpen: pick(rooms, 'negotiating deal room of the SME and the TTO', (r) => r.stage === 'negotiating' && smeRooms.has(r.id as string) && ttoRooms.has(r.id as string)).id,
    roomClosed: pick(rooms, 'closed deal room of the enterprise', (r) => r.stage === 'closed_won' && enterpriseRooms.has(r.id as string)).id,
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
