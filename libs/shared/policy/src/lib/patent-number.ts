/**
 * Chinese IP numbers (CNIPA and CPCC formats).
 *
 * Patent application numbers since 2003: "CN" (optional) + 12 digits (4 year, 1 type, 7 serial) + "." +
 * a check character: the sum of the digits weighted 2,3,4,5,6,7,8,9,2,3,4,5, mod 11, with 10 written X.
 * Before 2003: 8 digits + "." + check character, weights 2..9. Publication/grant numbers such as
 * CN115123456A are accepted as they are (9 digits + kind letter). Software copyright registrations:
 * "2023SR0123456".
 */
export type IpNumberProblem = 'format' | 'check-digit';

const APPLICATION = /^(?:CN|ZL)?(\d{8}|\d{12})\.?([0-9X])$/;
const PUBLICATION = /^CN\d{9}[ABCUSY]\d?$/;
const SOFTWARE_COPYRIGHT = /^\d{4}SR\d{5,8}$/;
const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

export function cnPatentCheckCharacter(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * WEIGHTS[i];
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** null when `raw` is a well-formed Chinese patent application or publication number. */
export function checkCnPatentNumber(raw: string): IpNumberProblem | null {
  const s = raw.trim().toUpperCase().replace(/\s+/g, '');
  if (PUBLICATION.test(s)) return null;
  const m = APPLICATION.exec(s);
  if (!m || !s.includes('.')) return 'format';
  return cnPatentCheckCharacter(m[1]) === m[2] ? null : 'check-digit';
}

/** null when `raw` is a CPCC software copyright registration number like 2023SR0123456. */
export function checkSoftwareCopyrightNumber(raw: string): IpNumberProblem | null {
  return SOFTWARE_COPYRIGHT.test(raw.trim().toUpperCase()) ? null : 'format';
}

/** A valid application number for tests and generators: CN + 12 digits + '.' + check character. */
export function withPatentCheckCharacter(twelveDigits: string): string {
  return `CN${twelveDigits}.${cnPatentCheckCharacter(twelveDigits)}`;
}

const IC_LAYOUT = /^BS\.\d{8,9}[0-9X]?$/;

/** null when `raw` is a CNIPA integrated-circuit layout-design registration number like BS.225745696. */
export function checkIcLayoutNumber(raw: string): IpNumberProblem | null {
  return IC_LAYOUT.test(raw.trim().toUpperCase()) ? null : 'format';
}

export type IpNumberScheme = 'cn-patent' | 'ic-layout' | 'software-copyright' | null;

/** Which Chinese numbering scheme an IP record follows (null: another office, not checked). */
export function ipNumberScheme(office: string, number: string): IpNumberScheme {
  const n = number.trim().toUpperCase();
  if (office === 'CPCC') return 'software-copyright';
  if (office === 'CNIPA') return n.startsWith('BS.') ? 'ic-layout' : 'cn-patent';
  return /^CN\d/.test(n) ? 'cn-patent' : null;
}

/** Checks an IP record number by the scheme of its office. */
export function checkIpNumber(office: string, number: string): { scheme: IpNumberScheme; problem: IpNumberProblem | null } {
  const scheme = ipNumberScheme(office, number);
  const problem =
    scheme === 'cn-patent' ? checkCnPatentNumber(number)
    : scheme === 'ic-layout' ? checkIcLayoutNumber(number)
    : scheme === 'software-copyright' ? checkSoftwareCopyrightNumber(number)
    : null;
  return { scheme, problem };
}
