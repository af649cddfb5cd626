import { EMPTY_QUERY, queryFromParams, queryToApi, queryToParams, withChange } from './catalog-query';
import { fenToYuan, fieldNames, pickText, priceRange } from './catalog-text';

describe('catalog query ↔ URL', () => {
  it('reads known params and drops unknown values', () => {
    expect(queryFromParams({ q: ' 电池 ', kind: 'invention_patent', stage: 'nope', page: '3', sort: 'newest', field: 'A01' })).toEqual({
      ...EMPTY_QUERY,
      q: '电池',
      kind: 'invention_patent',
      field: 'A01',
      sort: 'newest',
      page: 3,
    });
    expect(queryFromParams({ page: '-2' }).page).toBe(1);
    expect(queryFromParams({ page: 'x' }).page).toBe(1);
    expect(queryFromParams({})).toEqual(EMPTY_QUERY);
  });

  it('writes only non-default params and round-trips', () => {
    const q = { ...EMPTY_QUERY, q: 'battery', dealType: 'licence' as const, page: 2 };
    const params = queryToParams(q);
    expect(params).toMatchObject({ q: 'battery', dealType: 'licence', page: 2, kind: null, sort: null });
    const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null).map(([k, v]) => [k, String(v)]));
    expect(queryFromParams(clean)).toEqual(q);
    expect(queryToParams(EMPTY_QUERY).page).toBeNull();
  });

  it('builds the API params', () => {
    expect(queryToApi(EMPTY_QUERY)).toEqual({ page: 1, pageSize: 10 });
    expect(queryToApi({ ...EMPTY_QUERY, q: ' x ', institutionId: 'i1', stage: 'pilot' }, 20)).toEqual({
      page: 1,
      pageSize: 20,
      q: 'x',
      institutionId: 'i1',
      stage: 'pilot',
    });
  });

  it('resets the page when a filter changes', () => {
    expect(withChange({ ...EMPTY_QUERY, page: 4 }, { kind: 'standard' })).toMatchObject({ page: 1, kind: 'standard' });
    expect(withChange({ ...EMPTY_QUERY, page: 4 }, { page: 5 }).page).toBe(5);
  });
});

describe('catalog text helpers', () => {
  it('picks the active language and falls back to the other', () => {
    expect(pickText({ zh: '电池', en: 'Battery' }, 'zh-CN')).toBe('电池');
    expect(pickText({ zh: '电池', en: 'Battery' }, 'en-US')).toBe('Battery');
    expect(pickText({ zh: '电池', en: null }, 'en-US')).toBe('电池');
    expect(pickText({ zh: ' ', en: 'Battery' }, 'zh-CN')).toBe('Battery');
    expect(pickText(null, 'zh-CN')).toBe('');
  });

  it('formats fen as yuan', () => {
    expect(fenToYuan(12_345_600, 'en-US')).toBe('123,456');
    expect(fenToYuan(5_560_320, 'en-US')).toBe('55,603.20');
    expect(fenToYuan(5_560_305, 'zh-CN')).toBe('55,603.05');
    expect(priceRange({ minFen: 100_000, maxFen: 500_000 }, 'en-US')).toBe('¥1,000 – ¥5,000');
    expect(priceRange({ minFen: 100, maxFen: 100 }, 'zh-CN')).toBe('¥1');
    expect(priceRange(null, 'zh-CN')).toBeNull();
  });

  it('indexes field names over two levels', () => {
    const names = fieldNames([{ code: 'A', name: { zh: '能源', en: 'Energy' }, children: [{ code: 'A1', name: { zh: '电池', en: 'Batteries' }, children: [] }] }]);
    expect(names.get('A1')?.en).toBe('Batteries');
    expect(names.size).toBe(2);
  });
});
