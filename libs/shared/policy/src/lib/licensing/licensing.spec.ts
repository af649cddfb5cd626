import fc from 'fast-check';
import type { PaymentTerms } from '@ttx/shared/contracts';
import {
  checkPaymentTerms,
  deferralEnd,
  distributePayment,
  licenceYearsEnded,
  minimumTrueUp,
  periodBounds,
  periodKey,
  periodsDue,
  reportIsLate,
  royaltyAmount,
  schedule,
  regionRange,
  invoicesDue,
  type LicenceBilling,
  type DistributionInput,
} from './index';

describe('royalty periods', () => {
  it('names monthly, quarterly and yearly periods and their bounds', () => {
    expect(periodKey('2026-09-17', 'monthly')).toBe('2026-09');
    expect(periodKey('2026-09-17', 'quarterly')).toBe('2026-Q3');
    expect(periodKey('2026-09-17', 'yearly')).toBe('2026');
    expect(periodBounds('2026-02', 'monthly')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodBounds('2026-Q4', 'quarterly')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodBounds('2028', 'yearly')).toEqual({ start: '2028-01-01', end: '2028-12-31' });
    expect(periodBounds('2026-Q5', 'quarterly')).toBeNull();
    expect(periodBounds('2026-Q1', 'monthly')).toBeNull();
  });

  it('lists the periods whose report deadline has passed, from the licence start', () => {
    expect(periodsDue('2026-02-15', '2030-12-31', 'quarterly', '2026-10-30')).toEqual(['2026-Q1', '2026-Q2']);
    expect(periodsDue('2026-02-15', '2026-05-31', 'quarterly', '2027-06-01')).toEqual(['2026-Q1', '2026-Q2']);
  });

  it('flags a report submitted after 30 days past its period end as late', () => {
    expect(reportIsLate('2026-09-30', '2026-10-30')).toBe(false);
    expect(reportIsLate('2026-09-30', '2026-10-31')).toBe(true);
  });

  it('names licence years by their start year', () => {
    expect(licenceYearsEnded('2025-03-01', '2030-01-01', '2027-03-01')).toEqual([
      { key: '2025', start: '2025-03-01', end: '2026-02-28' },
      { key: '2026', start: '2026-03-01', end: '2027-02-28' },
    ]);
  });
});

describe('payment terms', () => {
  it('computes the royalty in basis points, half up to the fen', () => {
    expect(royaltyAmount(1_000_000, 350)).toBe(35_000);
    expect(royaltyAmount(333, 150)).toBe(5); // 4.995 → 5
    expect(royaltyAmount(0, 500)).toBe(0);
    expect(() => royaltyAmount(-1, 5)).toThrow(RangeError);
  });

  it('invoices the minimum annual royalty shortfall, never a negative one', () => {
    expect(minimumTrueUp(100_000, 35_000)).toBe(65_000);
    expect(minimumTrueUp(100_000, 135_000)).toBe(0);
  });

  // DOMAIN.md §3, seed 003 "five mechanisms" and Haidian practice (first payment one year after the start).
  it('defers payment by months, until first sales, or whichever of both comes first', () => {
    const months: PaymentTerms = { deferral: { months: 12, untilFirstSales: false } };
    const sales: PaymentTerms = { deferral: { months: null, untilFirstSales: true } };
    const both: PaymentTerms = { deferral: { months: 12, untilFirstSales: true } };
    expect(deferralEnd({}, '2026-01-10', null)).toBe('2026-01-10');
    expect(deferralEnd(months, '2026-01-10', '2026-03-01')).toBe('2027-01-10');
    expect(deferralEnd(sales, '2026-01-10', null)).toBeNull();
    expect(deferralEnd(sales, '2026-01-10', '2026-05-02')).toBe('2026-05-02');
    expect(deferralEnd(both, '2026-01-10', null)).toBe('2027-01-10');
    expect(deferralEnd(both, '2026-01-10', '2026-05-02')).toBe('2026-05-02');
  });

  it('issues nothing before the deferral ends, then gives 30 days to pay', () => {
    expect(schedule('2026-01-10', '2027-01-10')).toEqual({ issueOn: '2027-01-10', dueOn: '2027-02-09' });
    expect(schedule('2027-03-01', '2027-01-10')).toEqual({ issueOn: '2027-03-01', dueOn: '2027-03-31' });
    expect(schedule('2026-01-10', null)).toBeNull();
  });

  it('accepts every term type and their combination, and names the field of a bad one', () => {
    const all: PaymentTerms = {
      lumpSum: { amount: 100_000_00, dueDays: 30 },
      milestones: [{ name: '中试完成', amount: 50_000_00 }],
      royalty: { rateBp: 300, period: 'quarterly', minimumAnnual: 20_000_00 },
      equity: { shares: 100_000, percentBp: null, note: null },
      deferral: { months: 12, untilFirstSales: true },
    };
    expect(checkPaymentTerms(all)).toEqual([]);
    expect(checkPaymentTerms({ equity: { shares: null, percentBp: 500, note: 'equity only' } })).toEqual([]);
    expect(checkPaymentTerms({}).map((p) => p.field)).toEqual(['terms']);
    expect(checkPaymentTerms({ royalty: { rateBp: 0, period: 'monthly', minimumAnnual: 0 } }).map((p) => p.field)).toEqual(['terms.royalty.rateBp']);
    expect(checkPaymentTerms({ lumpSum: { amount: 5, dueDays: 0 }, deferral: { months: null, untilFirstSales: true } }).map((p) => p.field)).toEqual([
      'terms.deferral.untilFirstSales',
    ]);
  });
});

describe('distribution of a payment (DOMAIN.md §4)', () => {
  const base: DistributionInput = {
    amount: 100_000,
    costs: 10_000,
    policy: { teamNetIncomeSharePct: 50, ttoRetentionPct: 10, model: 'reward_after' },
    broker: null,
    institution: { id: 'inst', name: 'Institute' },
    team: [
      { id: 'u1', name: 'A', weightBp: 6000 },
      { id: 'u2', name: 'B', weightBp: 4000 },
    ],
    coOwners: [],
  };

  it('takes costs off, gives the team 50 % by contribution and the TTO 10 % of the institution part', () => {
    const lines = distributePayment(base);
    expect(lines.map((l) => [l.recipientType, l.recipientId, l.amount])).toEqual([
      ['deal_costs', null, 10_000],
      ['inventor', 'u1', 27_000],
      ['inventor', 'u2', 18_000],
      ['tto', 'inst', 4_500],
      ['institution', 'inst', 40_500],
    ]);
  });

  it('pays a broker its commission of the net income first', () => {
    const lines = distributePayment({ ...base, costs: 0, broker: { id: 'b1', name: 'Broker', rateBp: 500 } });
    expect(lines[0]).toMatchObject({ recipientType: 'broker', amount: 5_000, share: 500 });
    expect(lines.reduce((a, l) => a + l.amount, 0)).toBe(100_000);
  });

  it('under "ownership first" pays the co-owners per the ledger', () => {
    const lines = distributePayment({ ...base, costs: 0, policy: { ...base.policy, model: 'ownership_first' }, coOwners: [{ id: 'u1', name: 'A', shareBp: 7000 }] });
    expect(lines.map((l) => [l.recipientType, l.amount])).toEqual([
      ['co_owner', 70_000],
      ['tto', 3_000],
      ['institution', 27_000],
    ]);
  });

  it('property: the lines of a payment sum exactly to it and each is within one fen of its policy share', () => {
    const team = fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 8 }).map((ws) => {
      // Contributions as the catalog keeps them: basis points summing to 10 000.
      const total = ws.reduce((a, w) => a + w, 0);
      const bp = ws.map((w) => Math.floor((w * 10_000) / total));
      bp[0] += 10_000 - bp.reduce((a, w) => a + w, 0);
      return bp.map((w, i) => ({ id: `u${i}`, name: `n${i}`, weightBp: w }));
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000_00 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.integer({ min: 1, max: 3000 })),
        fc.constantFrom<'reward_after' | 'ownership_first' | 'default'>('reward_after', 'ownership_first', 'default'),
        team,
        fc.integer({ min: 0, max: 10_000 }),
        (amount, costsPct, teamPct, ttoPct, brokerBp, model, members, ownedBp) => {
          const costs = Math.floor((amount * costsPct) / 200);
          const coOwners = model === 'ownership_first' && ownedBp > 0 ? [{ id: 'u0', name: 'n0', shareBp: ownedBp }] : [];
          const lines = distributePayment({
            ...base,
            amount,
            costs,
            policy: { teamNetIncomeSharePct: teamPct, ttoRetentionPct: ttoPct, model },
            broker: brokerBp === null ? null : { id: 'b', name: 'b', rateBp: brokerBp },
            team: members,
            coOwners,
          });
          expect(lines.reduce((a, l) => a + l.amount, 0)).toBe(amount);
          for (const l of lines) {
            expect(Number.isInteger(l.amount) && l.amount >= 0).toBe(true);
            expect(Math.abs(l.amount - (l.share * amount) / 10_000)).toBeLessThan(1 + 1e-6);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('territory ranges', () => {
  it('nests county in city in province in China, so overlaps are range overlaps', () => {
    expect(regionRange('000000')).toEqual([0, 1_000_000]);
    expect(regionRange('340000')).toEqual([340_000, 350_000]);
    expect(regionRange('340100')).toEqual([340_100, 340_200]);
    expect(regionRange('340111')).toEqual([340_111, 340_112]);
    expect(() => regionRange('CN')).toThrow(RangeError);
  });
});

describe('invoices due (every term type and their combination)', () => {
  const base: LicenceBilling = { startsOn: '2025-01-01', endsOn: '2030-12-31', terms: {}, firstSalesOn: null, milestones: [], reports: [] };
  const keys = (l: LicenceBilling, asOf: string) => invoicesDue(l, asOf).map((i) => `${i.periodKey}=${i.amount}@${i.issueOn}/${i.dueOn}`);

  it('lump sum: due dueDays after the start', () => {
    expect(keys({ ...base, terms: { lumpSum: { amount: 500, dueDays: 10 } } }, '2025-06-01')).toEqual(['lump-sum=500@2025-01-01/2025-01-11']);
  });

  it('milestones: only confirmed ones, 30 days from confirmation', () => {
    const l = { ...base, terms: { milestones: [{ name: 'a', amount: 7 }, { name: 'b', amount: 9 }] }, milestones: [{ id: 'm1', amount: 7, confirmedOn: '2025-03-01' }, { id: 'm2', amount: 9, confirmedOn: null }] };
    expect(keys(l, '2025-06-01')).toEqual(['milestone:m1=7@2025-03-01/2025-03-31']);
  });

  it('running royalty with a minimum annual royalty: reported royalties and the year-end shortfall', () => {
    const l: LicenceBilling = {
      ...base,
      terms: { royalty: { rateBp: 300, period: 'quarterly', minimumAnnual: 1_000 } },
      reports: [
        { period: '2025-Q1', periodEnd: '2025-03-31', royalty: 300, submittedOn: '2025-04-10' },
        { period: '2025-Q2', periodEnd: '2025-06-30', royalty: 0, submittedOn: '2025-07-10' },
      ],
    };
    expect(keys(l, '2026-01-30')).toEqual(['royalty:2025-Q1=300@2025-04-10/2025-05-10']);
    expect(keys(l, '2026-02-01')).toEqual(['royalty:2025-Q1=300@2025-04-10/2025-05-10', 'minimum:2025=700@2026-01-31/2026-03-02']);
  });

  it('equity alone is never invoiced', () => {
    expect(invoicesDue({ ...base, terms: { equity: { shares: 10, percentBp: null, note: null } } }, '2029-01-01')).toEqual([]);
  });

  it('use first, pay later: nothing before the deferral ends, then everything triggered so far', () => {
    const terms: PaymentTerms = { lumpSum: { amount: 500, dueDays: 0 }, royalty: { rateBp: 500, period: 'quarterly', minimumAnnual: 0 }, deferral: { months: 12, untilFirstSales: true } };
    const reports = [{ period: '2025-Q2', periodEnd: '2025-06-30', royalty: 50, submittedOn: '2025-07-05' }];
    expect(keys({ ...base, terms }, '2025-06-01')).toEqual([]);
    expect(keys({ ...base, terms, reports, firstSalesOn: '2025-07-05' }, '2025-07-05')).toEqual(['lump-sum=500@2025-07-05/2025-07-05', 'royalty:2025-Q2=50@2025-07-05/2025-08-04']);
    expect(keys({ ...base, terms: { ...terms, deferral: { months: 12, untilFirstSales: false } } }, '2026-01-01')).toEqual(['lump-sum=500@2026-01-01/2026-01-01']);
  });

  it('combination: lump sum + milestone + royalty + equity each bill their own part', () => {
    const l: LicenceBilling = {
      ...base,
      terms: { lumpSum: { amount: 100, dueDays: 30 }, milestones: [{ name: 'm', amount: 20 }], royalty: { rateBp: 100, period: 'yearly', minimumAnnual: 0 }, equity: { shares: 1, percentBp: null, note: null } },
      milestones: [{ id: 'm1', amount: 20, confirmedOn: '2025-05-05' }],
      reports: [{ period: '2025', periodEnd: '2025-12-31', royalty: 33, submittedOn: '2026-01-15' }],
    };
    expect(invoicesDue(l, '2026-02-01').map((i) => [i.kind, i.amount])).toEqual([
      ['lump_sum', 100],
      ['milestone', 20],
      ['royalty', 33],
    ]);
  });
});
