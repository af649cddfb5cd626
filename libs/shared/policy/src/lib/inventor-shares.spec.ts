import { checkInventorShares, shareToHundredths, sumOfShares } from './inventor-shares';

describe('inventor shares (DOMAIN.md §1: contribution shares sum to 100 %)', () => {
  it('accepts shares summing exactly to 100, including thirds written to two decimals', () => {
    expect(checkInventorShares([100])).toBeNull();
    expect(checkInventorShares([60, 40])).toBeNull();
    expect(checkInventorShares([33.33, 33.33, 33.34])).toBeNull();
    expect(checkInventorShares([0.01, 99.99])).toBeNull();
    // 0.1 + 0.2 is not 0.3 in floating point; in hundredths it is.
    expect(checkInventorShares([0.1, 0.2, 99.7])).toBeNull();
  });

  it('refuses sums other than 100', () => {
    expect(checkInventorShares([60, 30])).toBe('sum');
    expect(checkInventorShares([60, 40.01])).toBe('sum');
    expect(checkInventorShares([33.33, 33.33, 33.33])).toBe('sum');
  });

  it('refuses an empty team, zero or negative shares, and more than two decimals', () => {
    expect(checkInventorShares([])).toBe('empty');
    expect(checkInventorShares([0, 100])).toBe('range');
    expect(checkInventorShares([-10, 110])).toBe('range');
    expect(checkInventorShares([33.333, 66.667])).toBe('precision');
    expect(checkInventorShares([Number.NaN])).toBe('precision');
  });

  it('converts to hundredths and sums exactly', () => {
    expect(shareToHundredths(12.34)).toBe(1234);
    expect(shareToHundredths(12.345)).toBeNull();
    expect(sumOfShares([33.33, 33.33, 33.34])).toBe(100);
  });
});
