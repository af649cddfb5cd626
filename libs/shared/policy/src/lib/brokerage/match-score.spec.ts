import { MATCH_WEIGHTS, reasonText, scoreMatch, type MatchSide } from './match-score';

const names: Record<string, [string, string]> = { '05': ['新能源与节能', 'New energy'], '05.01': ['储能与电池', 'Energy storage and batteries'] };
const side = (over: Partial<MatchSide> = {}): MatchSide => ({ fieldCode: null, stage: null, dealTypes: [], priceMinFen: null, priceMaxFen: null, ...over });

describe('match scoring', () => {
  it('gives no points and no reasons when nothing matches', () => {
    expect(scoreMatch({ demand: side(), achievement: side(), textOverlap: 0, sharedTerms: [], fieldNames: names })).toEqual({ score: 0, reasons: [] });
  });

  it('names every component that scored, in both languages', () => {
    const r = scoreMatch({
      demand: side({ fieldCode: '05.01', stage: 'pilot', dealTypes: ['licence', 'transfer'], priceMinFen: 0, priceMaxFen: 300_000_000 }),
      achievement: side({ fieldCode: '05.01', stage: 'industrialisation', dealTypes: ['licence'], priceMinFen: 100_000_000, priceMaxFen: 200_000_000 }),
      textOverlap: 0.5,
      sharedTerms: ['电池', 'battery'],
      fieldNames: names,
    });
    expect(r.score).toBe(MATCH_WEIGHTS.text * 0.5 + MATCH_WEIGHTS.sameField + MATCH_WEIGHTS.maturity + MATCH_WEIGHTS.dealType + MATCH_WEIGHTS.budgetCovers);
    expect(r.reasons.map(reasonText)).toEqual([
      '共同关键词：电池, battery / shared terms: 电池, battery',
      '同一领域：储能与电池 / same field: Energy storage and batteries',
      '成熟度达到要求：产业化（要求中试） / maturity meets the need: industrialisation (wanted pilot)',
      '交易方式一致：许可 / deal type offered: licence',
      '预算覆盖报价（预算上限 3,000,000 元 ≥ 报价上限 2,000,000 元） / budget covers the asking price (up to ¥3,000,000 ≥ ¥2,000,000)',
    ]);
  });

  it('scores a sibling field, a near maturity and an overlapping budget lower, and says so', () => {
    const r = scoreMatch({
      demand: side({ fieldCode: '05.01', stage: 'pilot', priceMaxFen: 150_000_000 }),
      achievement: side({ fieldCode: '05.04', stage: 'proof_of_concept', priceMinFen: 100_000_000, priceMaxFen: 200_000_000 }),
      textOverlap: 0,
      sharedTerms: [],
      fieldNames: names,
    });
    expect(r.reasons.map((x) => x.code)).toEqual(['same-parent-field', 'maturity', 'budget-overlaps']);
    expect(r.score).toBe(MATCH_WEIGHTS.parentField + MATCH_WEIGHTS.maturityNear + MATCH_WEIGHTS.budgetOverlaps);
  });

  it('a demand naming a top-level field matches its children as the same field', () => {
    const r = scoreMatch({ demand: side({ fieldCode: '05' }), achievement: side({ fieldCode: '05.01' }), textOverlap: 0, sharedTerms: [], fieldNames: names });
    expect(r.reasons[0]).toMatchObject({ code: 'same-field', zh: '同一领域：新能源与节能' });
  });

  it('gives no budget reason when the budget is below the asking minimum', () => {
    const r = scoreMatch({ demand: side({ priceMaxFen: 10 }), achievement: side({ priceMinFen: 100, priceMaxFen: 200 }), textOverlap: 0, sharedTerms: [], fieldNames: names });
    expect(r.reasons).toEqual([]);
  });
});
