import { formatCountdown, remainingMs, yuan, yuanToFen } from './market-text';

describe('market text helpers', () => {
  it('parses yuan to integer fen without floats', () => {
    expect(yuanToFen('1,234.5')).toBe(123_450);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen(3000000)).toBe(300_000_000);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
  });

  it('formats prices', () => {
    expect(yuan(300_000_000, 'en-US')).toBe('¥3,000,000');
    expect(yuan(null, 'en-US')).toBe('—');
  });

  it('counts down on the server clock and follows an extended end', () => {
    const now = Date.parse('2026-01-01T10:00:00Z');
    expect(remainingMs('2026-01-01T10:01:00Z', 0, now)).toBe(60_000);
    expect(remainingMs('2026-01-01T10:01:00Z', 5_000, now)).toBe(55_000);
    expect(remainingMs('2026-01-01T10:06:00Z', 0, now)).toBe(360_000); // after a soft-close extension
    expect(remainingMs('2026-01-01T09:00:00Z', 0, now)).toBe(0);
    expect(formatCountdown(93_784_000)).toBe('1d 02:03:04');
    expect(formatCountdown(65_000)).toBe('00:01:05');
  });
});
