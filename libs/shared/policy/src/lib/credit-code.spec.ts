import { checkCreditCode, creditCodeCheckCharacter, withCheckCharacter } from './credit-code';

describe('GB 32100 unified social credit code', () => {
  // Published codes of real organisations (public registry entries).
  it.each(['91350100M000100Y43', '914403001922038216', '12100000400000624D'])('accepts %s', (code) => {
    expect(checkCreditCode(code)).toBeUndefined();
  });

  it('rejects a wrong check character', () => {
    expect(checkCreditCode('91350100M000100Y44')).toBe('check-character');
  });

  it('rejects lengths other than 18 and forbidden letters', () => {
    expect(checkCreditCode('91350100M000100Y4')).toBe('length');
    expect(checkCreditCode('91350100M000100I43')).toBe('characters');
    expect(checkCreditCode('91350100m000100Y43')).toBe('characters');
  });

  it('maps a remainder of 0 to check character 0', () => {
    // Every 17-char prefix has exactly one valid check character.
    const code = withCheckCharacter('91110108MA01A2B3C');
    expect(checkCreditCode(code)).toBeUndefined();
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
  });
});
