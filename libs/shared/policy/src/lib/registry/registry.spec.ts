import { administrationCovers, checkAmounts, cityOf, deadlineState, parseRegistrationNumber, provinceOf, registrationNumber, reviewDueOn, techTransactionAmount } from '.';

describe('technology transaction amount (DOMAIN.md §5: contract amount less non-technical parts)', () => {
  it('deducts every itemised non-technical part', () => {
    expect(techTransactionAmount(1_000_000, { equipmentFen: 100_000, materialsFen: 50_000, constructionFen: 25_000, otherFen: 5_000 })).toBe(820_000);
    expect(techTransactionAmount(1_000_000, {})).toBe(1_000_000);
  });
  it('is never negative', () => {
    expect(techTransactionAmount(100, { equipmentFen: 500 })).toBe(0);
  });
  it('refuses parts exceeding the contract amount, negative parts and a schedule that does not sum up', () => {
    expect(checkAmounts(100, { equipmentFen: 60, materialsFen: 41 })).toEqual([{ field: 'nonTechnical', message: expect.stringContaining('exceed') }]);
    expect(checkAmounts(100, { otherFen: -1 })[0].field).toBe('nonTechnical.otherFen');
    expect(checkAmounts(0, {})[0].field).toBe('contractAmount');
    expect(checkAmounts(100, {}, [50, 40])[0].field).toBe('paymentSchedule');
    expect(checkAmounts(100, { equipmentFen: 100 }, [50, 50])).toEqual([]);
  });
});

describe('registration numbers (DOMAIN.md §5: year + region + serial, 16 digits)', () => {
  it('builds and parses 16 digits', () => {
    const n = registrationNumber(2026, '110108', 42);
    expect(n).toBe('2026110108000042');
    expect(n).toHaveLength(16);
    expect(parseRegistrationNumber(n)).toEqual({ year: 2026, regionCode: '110108', serial: 42 });
    expect(parseRegistrationNumber('20261101080000')).toBeNull();
    expect(parseRegistrationNumber('2026110108000000')).toBeNull();
  });
  it('refuses serials beyond six digits', () => {
    expect(() => registrationNumber(2026, '110108', 1_000_000)).toThrow(RangeError);
  });
});

describe('jurisdiction: an administration registers sellers of its own area', () => {
  it('matches by the significant prefix of the administration code', () => {
    expect(administrationCovers('110000', '110108')).toBe(true);
    expect(administrationCovers('110000', '340100')).toBe(false);
    expect(administrationCovers('340100', '340104')).toBe(true);
    expect(administrationCovers('340100', '340200')).toBe(false);
    expect(administrationCovers('340104', '340104')).toBe(true);
  });
  it('derives province and city codes', () => {
    expect(provinceOf('340104')).toBe('340000');
    expect(cityOf('340104')).toBe('340100');
    expect(cityOf('110000')).toBe('110000');
  });
});

describe('review deadline (DOMAIN.md §5: within 30 days of acceptance)', () => {
  it('falls 30 days after acceptance, by UTC date', () => {
    expect(reviewDueOn(new Date('2026-01-15T23:00:00Z'), 30)).toBe('2026-02-14');
  });
  it('colours the queue', () => {
    expect(deadlineState('2026-02-14', '2026-02-15')).toBe('overdue');
    expect(deadlineState('2026-02-14', '2026-02-12')).toBe('due_soon');
    expect(deadlineState('2026-02-14', '2026-01-20')).toBe('ok');
  });
});
