// The wall's URL selects tiers and features; nonsense falls back to showing everything.
import { describe, expect, it } from 'vitest';
import { parseWallParams, selectWallFeatures, wallHref } from './params';

describe('parseWallParams', () => {
  it('reads comma-separated tiers and features', () => {
    expect(parseWallParams({ tier: '0,1', feature: 'checkout,search' })).toEqual({ tiers: [0, 1], features: ['checkout', 'search'] });
  });

  it('reads repeated parameters as one list, without duplicates, tiers in order', () => {
    expect(parseWallParams({ tier: ['2', '0,2'], feature: ['a', 'b,a'] })).toEqual({ tiers: [0, 2], features: ['a', 'b'] });
  });

  it('ignores a list that does not parse, and empty values', () => {
    expect(parseWallParams({ tier: '0,7' })).toEqual({});
    expect(parseWallParams({ tier: 'x' })).toEqual({});
    expect(parseWallParams({ tier: '', feature: ',' })).toEqual({});
    expect(parseWallParams({ feature: 'check out' })).toEqual({});
    expect(parseWallParams({})).toEqual({});
  });
});

describe('wallHref', () => {
  it('round-trips through the parser', () => {
    const params = { tiers: [0, 1] as (0 | 1 | 2)[], features: ['checkout', 'search'] };
    const href = wallHref(params);
    expect(href).toBe('/wall?tier=0,1&feature=checkout,search');
    const query = Object.fromEntries(new URL(href, 'http://x').searchParams);
    expect(parseWallParams(query)).toEqual(params);
    expect(wallHref({})).toBe('/wall');
  });
});

describe('selectWallFeatures', () => {
  const features = [
    { name: 'checkout', tier: 0 as const },
    { name: 'search', tier: 1 as const },
    { name: 'analytics', tier: 2 as const },
  ];
  it('keeps the selected tiers and features, both filters together', () => {
    expect(selectWallFeatures(features, { tiers: [0, 1] }).map((f) => f.name)).toEqual(['checkout', 'search']);
    expect(selectWallFeatures(features, { features: ['analytics', 'search'] }).map((f) => f.name)).toEqual(['search', 'analytics']);
    expect(selectWallFeatures(features, { tiers: [0], features: ['search'] })).toEqual([]);
    expect(selectWallFeatures(features, {})).toEqual(features);
  });
});
