import { formatYuan, liveTechAmount, yuanToFen } from './registry-format';

describe('registry form figures', () => {
  it('converts yuan to integer fen', () => {
    expect(yuanToFen(12.34)).toBe(1234);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(null)).toBe(0);
  });

  it('computes the technology transaction amount live, never negative (DOMAIN.md §5)', () => {
    expect(liveTechAmount({ contract: 500_000, equipment: 50_000, materials: 20_000, construction: null, other: null })).toEqual({ fen: 43_000_000, overParts: false });
    expect(liveTechAmount({ contract: 100, equipment: 200, materials: null, construction: null, other: null })).toEqual({ fen: 0, overParts: true });
  });

  it('formats fen as yuan', () => {
    expect(formatYuan(123456, 'en-US')).toBe('¥1,234.56');
    expect(formatYuan(null)).toBe('—');
  });
});
