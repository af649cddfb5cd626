import { termOverlap, tierQueries, type MatchTerms } from './candidates';

const source: MatchTerms = {
  runs: ['硅碳负极材料'],
  terms: [
    { lexeme: '硅碳', display: '硅碳', weight: 2 },
    { lexeme: '碳负', display: '碳负', weight: 2 },
    { lexeme: '负极', display: '负极', weight: 2 },
    { lexeme: '极材', display: '极材', weight: 2 },
    { lexeme: '材料', display: '材料', weight: 2 },
    { lexeme: 'anod', display: 'anode', weight: 1 },
  ],
};

describe('match candidates', () => {
  it('asks for two of the first terms, or any term', () => {
    const q = tierQueries(source.terms.slice(0, 3), 3);
    expect(q.pairs).toBe(`('硅碳' & '碳负') | ('硅碳' & '负极') | ('碳负' & '负极')`);
    expect(q.any).toBe(`'硅碳' | '碳负' | '负极'`);
    expect(tierQueries([source.terms[0]]).pairs).toBeNull();
  });

  it('quotes lexemes so a quote cannot break the tsquery', () => {
    expect(tierQueries([{ lexeme: "o'neil", display: "O'Neil", weight: 1 }]).any).toBe(`'o''neil'`);
  });

  it('weighs title terms double and rebuilds shared phrases from consecutive shared bigrams', () => {
    const o = termOverlap(source, ['硅碳', '碳负', '负极', 'anod']);
    expect(o.overlap).toBeCloseTo(7 / 11);
    expect(o.shared).toEqual(['硅碳负极', 'anode']);
  });

  it('cuts a rebuilt phrase to what the candidate text really contains', () => {
    expect(termOverlap(source, ['硅碳', '碳负', '负极'], '一种硅碳复合负极').shared).toEqual(['硅碳']);
  });
});
