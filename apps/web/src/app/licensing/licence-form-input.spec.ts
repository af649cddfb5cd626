import { controlPath, licenceFormProblems, toLicenceInput, type LicenceFormValue } from './licence-form-input';

const SME_CODE = '91340100MA2TTX01BX';

function form(over: Partial<LicenceFormValue> = {}): LicenceFormValue {
  return {
    achievementId: 'a1',
    creditCode: SME_CODE,
    licenseeOrgId: 'o-sme',
    kind: 'non_exclusive',
    territory: ['340000'],
    fieldsOfUse: ['05.01'],
    startsOn: '2027-01-01',
    endsOn: '2029-12-31',
    sublicensing: false,
    terms: { lumpSum: { amount: '1,200.50', dueDays: 30 } },
    ...over,
  };
}

const fields = (v: LicenceFormValue) => licenceFormProblems(v).map((p) => `${p.field}:${p.key}`);

describe('licence form → POST /api/licences', () => {
  it('sends yuan as integer fen and percent as basis points, leaving switched-off parts out', () => {
    const body = toLicenceInput(
      form({
        terms: {
          milestones: [{ name: ' 中试完成 ', amount: '50000' }],
          royalty: { rateBp: 3.5, period: 'quarterly', minimumAnnual: '' },
          equity: { shares: null, percentBp: 2.25, note: '' },
          deferral: { length: 'policy', months: 7, untilFirstSales: true },
        },
        broker: { brokerId: 'b1', rateBp: 5 },
      }),
    );
    expect(body).toEqual({
      achievementId: 'a1',
      licenseeOrgId: 'o-sme',
      kind: 'non_exclusive',
      territory: ['340000'],
      fieldsOfUse: ['05.01'],
      startsOn: '2027-01-01',
      endsOn: '2029-12-31',
      sublicensing: false,
      terms: {
        milestones: [{ name: '中试完成', amount: 5_000_000 }],
        royalty: { rateBp: 350, period: 'quarterly', minimumAnnual: 0 },
        equity: { shares: null, percentBp: 225, note: null },
        // The policy's length: months left out, so the API takes the institution policy's deferralMonths.
        deferral: { untilFirstSales: true },
      },
      broker: { brokerId: 'b1', rateBp: 500 },
    });
    expect(toLicenceInput(form()).terms).toEqual({ lumpSum: { amount: 120_050, dueDays: 30 } });
    const deferral = (d: NonNullable<LicenceFormValue['terms']['deferral']>) => toLicenceInput(form({ terms: { royalty: { rateBp: 1, period: 'yearly', minimumAnnual: '0' }, deferral: d } })).terms.deferral;
    expect(deferral({ length: 'months', months: 0, untilFirstSales: false })).toEqual({ months: 0, untilFirstSales: false });
    expect(deferral({ length: 'months', months: 6, untilFirstSales: true })).toEqual({ months: 6, untilFirstSales: true });
    // No month limit: until the first reported sales only.
    expect(deferral({ length: 'firstSales', months: 6, untilFirstSales: false })).toEqual({ months: null, untilFirstSales: true });
  });

  it('accepts a complete form', () => {
    expect(licenceFormProblems(form())).toEqual([]);
  });

  it('checks the credit code like the identity lib (GB 32100) and needs the looked-up licensee', () => {
    expect(fields(form({ creditCode: '9134' }))).toEqual(['creditCode:creditCode.length']);
    expect(fields(form({ creditCode: 'I1340100MA2TTX01BX' }))).toEqual(['creditCode:creditCode.characters']);
    expect(fields(form({ creditCode: '91340100MA2TTX01B0' }))).toEqual(['creditCode:creditCode.check-character']);
    expect(fields(form({ licenseeOrgId: '' }))).toEqual(['creditCode:lookup']);
  });

  it('checks scope and dates as the API does', () => {
    expect(fields(form({ achievementId: '', territory: [], fieldsOfUse: [] }))).toEqual(['achievementId:required', 'territory:required', 'fieldsOfUse:required']);
    expect(fields(form({ territory: ['000000', '3400'], fieldsOfUse: ['x'.repeat(41)] }))).toEqual(['territory:region', 'fieldsOfUse:field']);
    expect(fields(form({ startsOn: '2027-01-01', endsOn: '2026-12-31' }))).toEqual(['endsOn:beforeStart']);
    expect(fields(form({ endsOn: '' }))).toEqual(['endsOn:date']);
  });

  it('checks every term type and their combination rules (shared checkPaymentTerms)', () => {
    expect(fields(form({ terms: {} }))).toEqual(['terms:noTerms']);
    expect(fields(form({ terms: { lumpSum: { amount: '0', dueDays: 400 } } }))).toEqual(['terms.lumpSum.amount:amount', 'terms.lumpSum.dueDays:dueDays']);
    expect(fields(form({ terms: { milestones: [{ name: 'A', amount: '1' }, { name: 'A ', amount: '1.001' }] } }))).toEqual([
      'terms.milestones.1.amount:amount',
      'terms.milestones:milestoneNames',
    ]);
    expect(fields(form({ terms: { royalty: { rateBp: 0, period: 'yearly', minimumAnnual: 'abc' } } }))).toEqual([
      'terms.royalty.rateBp:royaltyRate',
      'terms.royalty.minimumAnnual:money',
    ]);
    expect(fields(form({ terms: { equity: { shares: null, percentBp: null, note: '' } } }))).toEqual(['terms.equity:equity']);
    expect(fields(form({ terms: { equity: { shares: 1.5, percentBp: 101, note: '' } } }))).toEqual(['terms.equity.shares:shares', 'terms.equity.percentBp:equityPct']);
    // Use first, pay later: first sales end it only where sales are reported (a running royalty).
    expect(fields(form({ terms: { lumpSum: { amount: '1', dueDays: 0 }, deferral: { length: 'months', months: 61, untilFirstSales: true } } }))).toEqual([
      'terms.deferral.months:deferralMonths',
      'terms.deferral.untilFirstSales:firstSalesNeedsRoyalty',
    ]);
    expect(fields(form({ terms: { lumpSum: { amount: '1', dueDays: 0 }, deferral: { length: 'months', months: null, untilFirstSales: false } } }))).toEqual(['terms.deferral.months:deferralMonths']);
    expect(fields(form({ terms: { lumpSum: { amount: '1', dueDays: 0 }, deferral: { length: 'policy', months: null, untilFirstSales: false } } }))).toEqual([]);
    expect(fields(form({ terms: { lumpSum: { amount: '1', dueDays: 0 }, deferral: { length: 'firstSales', months: null, untilFirstSales: false } } }))).toEqual([
      'terms.deferral.length:firstSalesNeedsRoyalty',
    ]);
    expect(fields(form({ broker: { brokerId: '', rateBp: 31 } }))).toEqual(['broker.brokerId:required', 'broker.rateBp:brokerRate']);
  });

  it("maps the API's field paths to the form's controls", () => {
    expect(controlPath('terms.milestones[2].amount')).toBe('terms.milestones.2.amount');
    expect(controlPath('licenseeOrgId')).toBe('creditCode');
    expect(controlPath('endsOn')).toBe('endsOn');
  });
});
