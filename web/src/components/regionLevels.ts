/** The level a new region takes under its parent: the next one down (a 区's sub-regions are 县/街道 level, not 区 again). */
export type RegionLevel = 'province' | 'city' | 'district' | 'county';

const BELOW: Record<RegionLevel, RegionLevel> = { province: 'city', city: 'district', district: 'county', county: 'county' };

export function childLevel(parent: RegionLevel | null): RegionLevel {
  return parent === null ? 'province' : BELOW[parent];
}
