import { checkPaymentAmount, checkSalesForm, currentPeriodEnd, deferralState, groupByPayment, reportablePeriods, termLines } from './licensing-format';

const money = (fen: number) => `¥${fen / 100}`;

describe('termLines', () => {
  it('lists every combinable term: deferral, lump sum, milestones, royalty with minimum, equity', () => {
    const lines = termLines(
      {
        deferral: { months: 12, untilFirstSales: true },
        lumpSum: { amount: 500_000, dueDays: 30 },
        milestones: [{ name: 'Pilot line', amount: 100_000 }],
        royalty: { rateBp: 350, period: 'quarterly', minimumAnnual: 2_000_000 },
        equity: { shares: null, percentBp: 150, note: 'Series A' },
      },
      money,
      '2027-12-01',
    );
    expect(lines.map((l) => l.key)).toEqual([
      'licensing.terms.deferralBoth',
      'licensing.terms.lumpSum',
      'licensing.terms.milestone',
      'licensing.terms.royalty.quarterly',
      'licensing.terms.minimumAnnual',
      'licensing.terms.equity',
    ]);
    expect(lines[0].params).toEqual({ months: 12, until: '2027-12-01' });
    expect(lines[1].params).toEqual({ amount: '¥5000', days: 30 });
    expect(lines[3].params).toEqual({ pct: '3.5' });
    expect(lines[5].params).toEqual({ equity: '1.5%', note: 'Series A' });
  });

  it('names the deferral by what ends it', () => {
    expect(termLines({ deferral: { months: null, untilFirstSales: true } }, money, null)[0].key).toBe('licensing.terms.deferralFirstSales');
    expect(termLines({ deferral: { months: 6, untilFirstSales: false } }, money, '2027-06-01')[0].key).toBe('licensing.terms.deferralMonths');
    expect(termLines({ royalty: { rateBp: 500, period: 'yearly', minimumAnnual: 0 } }, money, null).map((l) => l.key)).toEqual(['licensing.terms.royalty.yearly']);
  });
});

describe('deferralState', () => {
  const today = new Date('2026-12-07T10:00:00Z');
  it('tells what ends the use-first-pay-later deferral, and when it has ended', () => {
    expect(deferralState({}, null, today)).toBe('none');
    expect(deferralState({ deferral: { months: null, untilFirstSales: true } }, null, today)).toBe('firstSales');
    expect(deferralState({ deferral: { months: 12, untilFirstSales: false } }, '2027-12-07', today)).toBe('until');
    expect(deferralState({ deferral: { months: 12, untilFirstSales: true } }, '2027-12-07', today)).toBe('untilOrFirstSales');
    // The first reported sales (today) ended it early.
    expect(deferralState({ deferral: { months: 12, untilFirstSales: true } }, '2026-12-07', today)).toBe('ended');
  });
});

describe('periods', () => {
  it('offers the ended periods from the licence start, newest first (the current one is still open)', () => {
    const today = new Date('2026-12-07T00:00:00Z');
    expect(reportablePeriods('quarterly', '2026-08-20', today)).toEqual(['2026-Q3']);
    expect(reportablePeriods('quarterly', '2026-03-31', today)).toEqual(['2026-Q3', '2026-Q2', '2026-Q1']);
    expect(reportablePeriods('monthly', '2026-10-31', today)).toEqual(['2026-11', '2026-10']);
    expect(reportablePeriods('yearly', '2024-03-01', today)).toEqual(['2025', '2024']);
    expect(reportablePeriods('monthly', '2020-01-01', today, 3)).toEqual(['2026-11', '2026-10', '2026-09']);
    expect(reportablePeriods('quarterly', '2026-12-01', today)).toEqual([]);
  });

  it('names when the current period ends', () => {
    const today = new Date('2026-12-07T00:00:00Z');
    expect(currentPeriodEnd('quarterly', today)).toBe('2026-12-31');
    expect(currentPeriodEnd('monthly', new Date('2026-02-10T00:00:00Z'))).toBe('2026-02-28');
    expect(currentPeriodEnd('yearly', new Date('2026-05-10T00:00:00Z'))).toBe('2026-12-31');
    expect(currentPeriodEnd('quarterly', new Date('2026-04-01T00:00:00Z'))).toBe('2026-06-30');
  });
});

describe('form checks', () => {
  it('converts net sales typed in yuan to fen exactly and names each problem', () => {
    expect(checkSalesForm('2026-Q3', '1,234.29', [])).toEqual({ errors: {}, fen: 123_429 });
    expect(checkSalesForm(null, '', []).errors).toEqual({ period: 'required', netSales: 'required' });
    expect(checkSalesForm('2026-Q3', '12.345', ['2026-Q3']).errors).toEqual({ period: 'alreadyReported', netSales: 'invalid' });
    expect(checkSalesForm('2026-Q4', '0', [])).toEqual({ errors: {}, fen: 0 });
  });

  it('accepts a positive payment and leaves over-payment to the API', () => {
    expect(checkPaymentAmount('99999999')).toEqual({ error: null, fen: 9_999_999_900 });
    expect(checkPaymentAmount(' ')).toEqual({ error: 'required', fen: null });
    expect(checkPaymentAmount('0')).toEqual({ error: 'invalid', fen: null });
    expect(checkPaymentAmount('-5')).toEqual({ error: 'invalid', fen: null });
  });
});

describe('groupByPayment', () => {
  it('groups the entries of each payment, newest payment first, with a sum equal to the payment', () => {
    const e = (paymentId: string, amount: number, paidAt: string) => ({ paymentId, paymentAmount: 1000, paidAt, amount });
    const groups = groupByPayment([e('p1', 700, '2026-01-01'), e('p2', 1000, '2026-02-01'), e('p1', 300, '2026-01-01')]);
    expect(groups.map((g) => [g.paymentId, g.total, g.entries.length])).toEqual([
      ['p2', 1000, 1],
      ['p1', 1000, 2],
    ]);
  });
});
