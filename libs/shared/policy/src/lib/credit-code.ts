/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-symbol
 * alphabet (no I, O, Z, S, V); the last is a check character over the first 17 (mod 31).
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'characters' | 'check-character';

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Returns undefined when valid, else which rule failed. */
export function checkCreditCode(code: string): CreditCodeProblem | undefined {
  if (typeof code !== 'string' || code.length !== 18) return 'length';
  if (![...code].every((c) => ALPHABET.includes(c))) return 'characters';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? undefined : 'check-character';
}

/** Characters 3–8 carry the GB/T 2260 region code of the registering authority. */
export const creditCodeRegion = (code: string) => code.slice(2, 8);

/** Builds a valid code from 17 characters — for demo data and tests. */
export const withCheckCharacter = (first17: string) => first17 + creditCodeCheckCharacter(first17);
