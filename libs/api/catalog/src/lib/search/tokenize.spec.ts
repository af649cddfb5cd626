import { bigrams, hanTsvector, parseQuery, searchVectorParts } from './tokenize';

describe('Han tokenising', () => {
  it('indexes every bigram at the position of its first character, and every character (presence only)', () => {
    expect(hanTsvector([{ text: '电池组' }])).toBe("'电' '电池':1 '池' '池组':2 '组'");
    // Runs are one position apart, so a phrase cannot span 电池 | 组.
    expect(hanTsvector([{ text: '电池 组 电池' }])).toBe("'电' '电池':1,6 '池' '组'");
    expect(hanTsvector([{ text: '专利', weightA: true }])).toBe("'专' '专利':1A '利'");
  });

  it('weights the title A and splits Latin text off for to_tsvector', () => {
    const v = searchVectorParts(['锂电池', 'Lithium cell'], ['一种方法', 'A method']);
    expect(v.han).toBe("'锂' '锂电':1A '电' '电池':2A '池' '一' '一种':5 '种' '种方':6 '方' '方法':7 '法'");
    expect({ title: v.latinTitle.trim(), body: v.latinBody.trim() }).toEqual({ title: 'Lithium cell', body: 'A method' });
  });

  it('turns a query run into the AND of its bigrams, one character into itself', () => {
    expect(bigrams('燃煤电厂')).toEqual(['燃煤', '煤电', '电厂']);
    expect(parseQuery('燃煤电厂').hanTsquery).toBe("'燃煤' & '煤电' & '电厂'");
    expect(parseQuery('专利').hanTsquery).toBe("'专利'");
    expect(parseQuery('电').hanTsquery).toBe("'电'");
  });

  it('rechecks Han terms of 3+ characters as substrings, and terms mixing Han with other characters with ILIKE', () => {
    expect(parseQuery('锂电池 专利')).toMatchObject({ hanTsquery: "'锂电' & '电池' & '专利'", hanRechecks: ['锂电池'], rechecks: [], hanRuns: ['锂电池', '专利'] });
    expect(parseQuery('5G基站')).toMatchObject({ hanTsquery: "'基站'", hanRechecks: [], rechecks: ['5G基站'], latinWords: '5G' });
    expect(parseQuery('电池-回收')).toMatchObject({ hanTsquery: "'电池' & '回收'", rechecks: ['电池-回收'] });
  });

  it('keeps consecutive Latin terms as one phrase and ends it at a Han term', () => {
    expect(parseQuery('lithium battery 电池 recycling')).toMatchObject({ latinPhrases: ['lithium battery', 'recycling'], hanTsquery: "'电池'" });
  });
});
