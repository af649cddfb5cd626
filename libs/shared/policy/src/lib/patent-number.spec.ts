import { checkCnPatentNumber, checkIpNumber, checkSoftwareCopyrightNumber, cnPatentCheckCharacter, withPatentCheckCharacter } from './patent-number';

describe('Chinese patent numbers', () => {
  it('computes the mod-11 check character (weights 2..9,2..5; 10 → X)', () => {
    // 2*2+0*3+2*4+3*5+1*6+0*7+1*8+2*9+3*2+4*3+5*4+6*5 = 127; 127 mod 11 = 6
    expect(cnPatentCheckCharacter('202310123456')).toBe('6');
    const x = Array.from({ length: 100000 }, (_, i) => `2021100${String(i).padStart(5, '0')}`).find((d) => cnPatentCheckCharacter(d) === 'X');
    expect(x).toBeDefined();
    expect(checkCnPatentNumber(`CN${x}.X`)).toBeNull();
  });

  it('accepts application numbers with or without CN, old 8-digit ones and publication numbers', () => {
    expect(checkCnPatentNumber('CN202310123456.6')).toBeNull();
    expect(checkCnPatentNumber('202310123456.6')).toBeNull();
    expect(checkCnPatentNumber(withPatentCheckCharacter('201920987654'))).toBeNull();
    expect(checkCnPatentNumber(`CN02123456.${cnPatentCheckCharacter('02123456')}`)).toBeNull();
    expect(checkCnPatentNumber('CN115123456A')).toBeNull();
    expect(checkCnPatentNumber('cn114987654b')).toBeNull();
  });

  it('names a wrong check character apart from a malformed number', () => {
    expect(checkCnPatentNumber('CN202310123456.7')).toBe('check-digit');
    expect(checkCnPatentNumber('CN20231012345.6')).toBe('format');
    expect(checkCnPatentNumber('CN2023101234566')).toBe('format');
    expect(checkCnPatentNumber('US10123456B2')).toBe('format');
    expect(checkCnPatentNumber('')).toBe('format');
  });

  it('checks CPCC software copyright registrations', () => {
    expect(checkSoftwareCopyrightNumber('2023SR0123456')).toBeNull();
    expect(checkSoftwareCopyrightNumber('2023-SR-123')).toBe('format');
  });
});

describe('IP numbers by office', () => {
  it('picks the scheme from the office and the number', () => {
    expect(checkIpNumber('CNIPA', 'CN202310123456.6')).toEqual({ scheme: 'cn-patent', problem: null });
    expect(checkIpNumber('CNIPA', 'CN202310123456.7')).toEqual({ scheme: 'cn-patent', problem: 'check-digit' });
    expect(checkIpNumber('CNIPA', 'BS.225745696')).toEqual({ scheme: 'ic-layout', problem: null });
    expect(checkIpNumber('CNIPA', 'BS.22')).toEqual({ scheme: 'ic-layout', problem: 'format' });
    expect(checkIpNumber('CPCC', '2023SR0123456')).toEqual({ scheme: 'software-copyright', problem: null });
    expect(checkIpNumber('EPO', 'CN202310123456.7').scheme).toBe('cn-patent');
    expect(checkIpNumber('CNPVP', 'CNA20191234.5')).toEqual({ scheme: null, problem: null });
  });
});
