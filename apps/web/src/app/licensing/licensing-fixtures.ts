import type { DistributionEntry, Invoice, LicenceDetail } from '@ttx/shared/contracts';

/** Test data shaped like the API's answers (contracts in @ttx/shared/contracts). Used by the specs only. */
export function licenceFixture(over: Partial<LicenceDetail> = {}): LicenceDetail {
  return {
    id: 'l1',
    number: 'LIC-2026-0001',
    achievementId: 'a1',
    title: { zh: '硅碳负极材料', en: 'Silicon–carbon anode' },
    kind: 'open',
    status: 'active',
    licensorOrgId: 'o-univ',
    licensorName: '合肥工业大学',
    licenseeOrgId: 'o-sme',
    licenseeName: '合肥智能装备',
    territory: ['000000'],
    fieldsOfUse: ['05.01'],
    startsOn: '2026-08-20',
    endsOn: '2028-08-19',
    sublicensing: false,
    dealId: 'd1',
    terms: { royalty: { rateBp: 500, period: 'quarterly', minimumAnnual: 0 }, deferral: { months: 12, untilFirstSales: true } },
    deferredUntil: '2027-08-20',
    outstanding: 150_000,
    overdue: 0,
    role: 'licensee',
    createdAt: '2026-08-20T00:00:00Z',
    licensors: [{ holderType: 'institution', holderId: 'o-univ', name: '合肥工业大学', shareBp: 10_000 }],
    milestones: [],
    royaltyReports: [],
    missingReports: [],
    policy: { policyId: 'p1', teamNetIncomeSharePct: 70, ttoRetentionPct: 10, model: 'reward_after' },
    ...over,
  };
}

export function invoiceFixture(over: Partial<Invoice> = {}): Invoice {
  return {
    id: 'i1',
    number: 'INV-2026-0001',
    licenceId: 'l1',
    kind: 'royalty',
    periodKey: 'royalty:2026-Q3',
    amount: 150_000,
    paid: 0,
    outstanding: 150_000,
    status: 'open',
    issuedAt: '2026-10-01T00:00:00Z',
    dueOn: '2026-10-31',
    overdue: true,
    ...over,
  };
}

export function entryFixture(over: Partial<DistributionEntry> = {}): DistributionEntry {
  return {
    paymentId: 'p1',
    paymentAmount: 100_000,
    licenceId: 'l1',
    recipientType: 'inventor',
    recipientId: 'u1',
    recipientName: '李伟',
    share: 7000,
    amount: 70_000,
    paidAt: '2026-11-02T08:00:00Z',
    ...over,
  };
}
