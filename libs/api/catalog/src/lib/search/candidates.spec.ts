import { bestFirst, termOverlap, tierQueries, type MatchTerms } from './candidates';

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

  it('orders pairs and single terms best-first: rarest product first, the text order on ties', () => {
    const common: Record<string, number> = { 材料: 0.3, 负极: 0.2 };
    const o = bestFirst(source.terms.slice(0, 4), (l) => common[l] ?? 0.01);
    // 硅碳 and 碳负 are rare; 负极 is common; 极材 is rare.
    expect(o.pairs).toEqual([`'硅碳' & '碳负'`, `'硅碳' & '极材'`, `'碳负' & '极材'`, `'硅碳' & '负极'`, `'碳负' & '负极'`, `'负极' & '极材'`]);
    expect(o.singles).toEqual([`'硅碳'`, `'碳负'`, `'极材'`, `'负极'`]);
    // Unknown frequencies: the text's order.
    expect(bestFirst(source.terms.slice(0, 3), () => 1).pairs).toEqual([`'硅碳' & '碳负'`, `'硅碳' & '负极'`, `'碳负' & '负极'`]);
    expect(bestFirst(source.terms, () => 1, 2).pairs).toEqual([`'硅碳' & '碳负'`]);
  });

  it('shows rebuilt phrases without function characters at their ends', () => {
    const run: MatchTerms = { runs: ['基于深度学习的缺陷检测'], terms: ['基于', '于深', '深度', '度学', '学习', '习的', '的缺'].map((l) => ({ lexeme: l, display: l, weight: 1 })) };
    expect(termOverlap(run, ['于深', '深度', '度学', '学习', '习的']).shared).toEqual(['深度学习']);
    expect(termOverlap(run, ['深度', '度学', '学习', '习的', '的缺', '缺陷', '陷检', '检测']).shared).toEqual(['深度学习', '缺陷检测']);
    expect(termOverlap(run, ['习的', '的缺']).shared).toEqual([]);
  });
});
