/** GB/T 2260 codes are hierarchical: 2 digits province, 2 prefecture, 2 county. */
export const provinceOf = (code: string): string => `${code.slice(0, 2)}0000`;
export const cityOf = (code: string): string => (code.endsWith('0000') ? code : `${code.slice(0, 4)}00`);

/** The significant prefix of an administration's code: 110000 → "11", 340100 → "3401", 340104 → "340104". */
export function jurisdictionPrefix(adminRegion: string): string {
  if (adminRegion.endsWith('0000')) return adminRegion.slice(0, 2);
  if (adminRegion.endsWith('00')) return adminRegion.slice(0, 4);
  return adminRegion;
}

/** A technology-market administration registers the contracts of sellers in its own area (DOMAIN.md §5: "in its region"). */
export const administrationCovers = (adminRegion: string, sellerRegion: string): boolean =>
  sellerRegion.startsWith(jurisdictionPrefix(adminRegion));
