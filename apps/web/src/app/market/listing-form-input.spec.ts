import { emptyListingForm, listingFormProblems, toListingInput, type ListingForm } from './listing-form-input';

const form = (p: Partial<ListingForm>): ListingForm => ({ ...emptyListingForm(), achievementId: 'a-1', dealType: 'transfer', ...p });

describe('listing form → API body', () => {
  it('a fixed-price listing sends the price in fen and the period, nothing of other methods', () => {
    const f = form({ price: '12,345.6', periodDays: 30, terms: '  ', justification: '' });
    expect(listingFormProblems(f)).toEqual([]);
    expect(toListingInput(f)).toEqual({ achievementId: 'a-1', method: 'fixed_price', dealType: 'transfer', price: 1_234_560, periodDays: 30 });
  });

  it('names what is missing: achievement, deal type, licence scope, a fixed price, malformed money', () => {
    expect(listingFormProblems({ ...emptyListingForm() })).toEqual(['achievement', 'dealType', 'price']);
    expect(listingFormProblems(form({ dealType: 'licence', price: '1.234' }))).toEqual(['licenceScope', 'price']);
    expect(listingFormProblems(form({ method: 'negotiation', price: '' }))).toEqual([]);
  });

  it('an auction sends its terms in fen and the end as an ISO instant', () => {
    const f = form({ method: 'auction', price: '99', startPrice: '10000', increment: '500', reserve: '', deposit: '1000', endsAt: '2030-01-02T10:00', softCloseMinutes: 5 });
    expect(listingFormProblems(f)).toEqual([]);
    const body = toListingInput(f);
    expect(body.price).toBeUndefined();
    expect(body.auction).toEqual({ kind: 'english', startPrice: 1_000_000, increment: 50_000, deposit: 100_000, softCloseSeconds: 300, endsAt: new Date('2030-01-02T10:00').toISOString() });
    expect(listingFormProblems(form({ method: 'auction', endsAt: 'soon' }))).toEqual(['startPrice', 'increment', 'endsAt']);
  });

  it('an open licence is a non-exclusive licence: fee terms only, royalty percent as basis points', () => {
    const f = form({ method: 'open_licence', dealType: null, licenceScope: 'sole', feeType: 'upfront_royalty', lumpSum: '5000', royaltyPct: 3.5, termMonths: 24 });
    expect(listingFormProblems(f)).toEqual([]);
    expect(toListingInput(f)).toEqual({
      achievementId: 'a-1', method: 'open_licence', dealType: 'licence',
      openLicence: { feeType: 'upfront_royalty', lumpSumFen: 500_000, royaltyBp: 350, termMonths: 24 },
    });
    expect(listingFormProblems(form({ method: 'open_licence', feeType: 'royalty', royaltyPct: null }))).toEqual(['royalty']);
  });

  it('a licence listing carries its scope; a justification is sent when written', () => {
    const body = toListingInput(form({ method: 'negotiation', dealType: 'licence', licenceScope: 'exclusive', justification: ' 经校长办公会决议 ' }));
    expect(body).toMatchObject({ licenceScope: 'exclusive', belowValueJustification: '经校长办公会决议' });
  });
});
