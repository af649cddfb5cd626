import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth so jsonb round trips hash the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it('drops undefined members like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: '中文' })).toBe('{"b":"中文"}');
  });
});
