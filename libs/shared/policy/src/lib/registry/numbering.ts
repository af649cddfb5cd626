/**
 * Registration numbers: year (4) + GB/T 2260 region (6) + serial (6) = 16 digits, the newer form
 * of the registration practice (DOMAIN.md §5: "older forms: 14 digits; newer: 16").
 */
export const MAX_SERIAL = 999_999;

export function registrationNumber(year: number, regionCode: string, serial: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError('year must have 4 digits');
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError('region code must have 6 digits');
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_SERIAL) throw new RangeError('serial out of range');
  return `${year}${regionCode}${String(serial).padStart(6, '0')}`;
}

export function parseRegistrationNumber(n: string): { year: number; regionCode: string; serial: number } | null {
  const m = /^(\d{4})(\d{6})(\d{6})$/.exec(n);
  if (!m || Number(m[3]) < 1) return null;
  return { year: Number(m[1]), regionCode: m[2], serial: Number(m[3]) };
}
