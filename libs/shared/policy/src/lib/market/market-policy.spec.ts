import { buyerPremiumFen, fixedPriceOutcome, MARKET_POLICY_DEFAULTS, minNextBid, needsBelowValueJustification, sealedBidWinner, softCloseEnd } from './market-policy';
import { addMonths, checkOpenLicenceTerms } from './open-licence';

describe('market policy', () => {
  it('defaults: 20-day listing period, 5-minute soft close, 15-day disclosure', () => {
    // DOMAIN.md §3 (issue #5: listing period default 20 days, soft close 5 minutes; 15-day deal disclosure)
    expect(MARKET_POLICY_DEFAULTS).toMatchObject({ listingPeriodDays: 20, softCloseSeconds: 300, disclosureDays: 15 });
  });

  it('fixed price: one intent → deal, two or more → auction, none → unsold', () => {
    expect([0, 1, 2, 7].map(fixedPriceOutcome)).toEqual(['unsold', 'deal', 'auction', 'auction']);
  });

  it('next bid is the start price, then high + increment', () => {
    expect(minNextBid(1000, null, 100)).toBe(1000);
    expect(minNextBid(1000, 1500, 100)).toBe(1600);
  });

  it('soft close extends only inside the window', () => {
    const end = new Date('2026-01-01T10:00:00Z');
    expect(softCloseEnd(end, new Date('2026-01-01T09:50:00Z'), 300)).toEqual(end);
    expect(softCloseEnd(end, new Date('2026-01-01T09:58:00Z'), 300)).toEqual(new Date('2026-01-01T10:03:00Z'));
  });

  it('buyer premium in integer fen (Ocean Tomo 10 %)', () => {
    expect(buyerPremiumFen(123_457, 1000)).toBe(12_346);
    expect(buyerPremiumFen(100, 0)).toBe(0);
  });

  it('below-value justification only for government-funded listings below the evaluation', () => {
    expect(needsBelowValueJustification(90, 100, true)).toBe(true);
    expect(needsBelowValueJustification(90, 100, false)).toBe(false);
    expect(needsBelowValueJustification(100, 100, true)).toBe(false);
    expect(needsBelowValueJustification(90, null, true)).toBe(false);
  });

  it('sealed bids: highest wins, earliest on a tie', () => {
    const a = { id: 'a', amount: 500, at: new Date(2) };
    const b = { id: 'b', amount: 500, at: new Date(1) };
    const c = { id: 'c', amount: 400, at: new Date(0) };
    expect(sealedBidWinner([a, b, c])?.id).toBe('b');
    expect(sealedBidWinner([])).toBeNull();
  });
});

describe('open licence terms (Patent Law arts. 50–52)', () => {
  const base = { feeType: 'lump_sum' as const, lumpSumFen: 1_000_000, termMonths: 24, startsOn: '2026-01-31' };
  it('accepts a valid lump-sum declaration', () => expect(checkOpenLicenceTerms(base, '2040-01-01')).toEqual([]));
  it('needs a term of at least one year', () =>
    expect(checkOpenLicenceTerms({ ...base, termMonths: 11 }, null)).toEqual([expect.objectContaining({ field: 'openLicence.termMonths' })]));
  it('may not run past the expiry', () =>
    expect(checkOpenLicenceTerms(base, '2027-06-30')[0].message).toContain('expiry'));
  it('royalty fee needs a rate within 20 %', () => {
    expect(checkOpenLicenceTerms({ ...base, feeType: 'royalty', lumpSumFen: null, royaltyBp: 2500 }, null)[0].message).toContain('20 %');
    expect(checkOpenLicenceTerms({ ...base, feeType: 'upfront_royalty', royaltyBp: 300 }, null)).toEqual([]);
    expect(checkOpenLicenceTerms({ ...base, feeType: 'upfront_royalty' }, null)[0].field).toBe('openLicence.royaltyBp');
  });
  it('caps lump sums at RMB 20 M', () => expect(checkOpenLicenceTerms({ ...base, lumpSumFen: 2_000_000_001 }, null)).toHaveLength(1));
  it('adds months clamping to month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 14)).toBe('2028-01-15');
  });
});
