import { bigrams, hanPhrase, hanTsvector, parseQuery } from './tokenize';

describe('Han tokenising', () => {
  it('indexes every character and every bigram at the position of its first character', () => {
    expect(hanTsvector([{ text: '电池组' }])).toBe("'电':1 '电池':1 '池':2 '池组':2 '组':3");
    // Runs are one position apart, so a phrase cannot span 电池 | 组.
    expect(hanTsvector([{ text: '电池 组' }])).toBe("'电':1 '电池':1 '池':2 '组':4");
    expect(hanTsvector([{ text: '专利', weightA: true }])).toBe("'专':1A '专利':1A '利':2A");
  });

  it('turns a query run into the phrase of its bigrams (exact substring), one character into itself', () => {
    expect(bigrams('燃煤电厂')).toEqual(['燃煤', '煤电', '电厂']);
    expect(hanPhrase('燃煤电厂')).toBe("('燃煤' <-> '煤电' <-> '电厂')");
    expect(hanPhrase('专利')).toBe("'专利'");
    expect(hanPhrase('电')).toBe("'电'");
  });

  it('rechecks only terms that mix Han with other characters', () => {
    expect(parseQuery('锂电池 专利')).toMatchObject({ hanTsquery: "('锂电' <-> '电池') & '专利'", rechecks: [], latinWords: '' });
    expect(parseQuery('5G基站')).toMatchObject({ hanTsquery: "'基站'", rechecks: ['5G基站'], latinWords: '5G' });
    expect(parseQuery('电池-回收')).toMatchObject({ hanTsquery: "'电池' & '回收'", rechecks: ['电池-回收'] });
  });

  it('keeps consecutive Latin terms as one phrase and ends it at a Han term', () => {
    expect(parseQuery('lithium battery 电池 recycling')).toMatchObject({ latinPhrases: ['lithium battery', 'recycling'], hanTsquery: "'电池'" });
  });
});
