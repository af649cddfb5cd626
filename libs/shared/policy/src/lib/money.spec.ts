import { formatYuan, fenToYuanInput, yuanToFen } from './money';

describe('yuanToFen', () => {
  it.each([
    ['0', 0],
    ['12', 1200],
    ['12.3', 1230],
    ['0.29', 29],
    ['1,234.56', 123456],
    ['1，234', 123400],
    [' 88.80 ', 8880],
    [1500.5, 150050],
  ])('%p yuan → %p fen, exactly', (input, fen) => {
    expect(yuanToFen(input)).toBe(fen);
  });

  it.each(['', 'abc', '-1', '1.234', '1e5', '.5', '12345678901234', null, undefined])('rejects %p', (input) => {
    expect(yuanToFen(input)).toBeNull();
  });
});

describe('fenToYuanInput', () => {
  it('round-trips through yuanToFen', () => {
    for (const fen of [0, 1, 29, 100, 123456, 99_999_999]) expect(yuanToFen(fenToYuanInput(fen))).toBe(fen);
  });
  it('keeps the sign of a negative amount', () => expect(fenToYuanInput(-150)).toBe('-1.50'));
});

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [29, '0.29'],
    [123456, '1,234.56'],
    [170_000_000, '1,700,000.00'],
    [-1_234_500, '-12,345.00'],
  ])('%p fen → %p', (fen, text) => expect(formatYuan(fen)).toBe(text));
  it('reads back to the same fen', () => expect(yuanToFen(formatYuan(987_654_321))).toBe(987_654_321));
});
