import { describe, expect, it } from 'vitest';
import { featureHref, featureQuerySchema, overviewHref, overviewQuerySchema, parseFeatureParams, parseOverviewParams } from './url-state';

describe('page URL state (lenient)', () => {
  it('reads the range and falls back to 1h for anything else', () => {
    expect(parseFeatureParams({ range: '7d' })).toEqual({ range: '7d' });
    expect(parseFeatureParams({ range: ['24h', '1h'] })).toEqual({ range: '24h' });
    expect(parseFeatureParams({ range: '2y' })).toEqual({ range: '1h' });
    expect(parseFeatureParams({})).toEqual({ range: '1h' });
  });

  it('reads the tier filter and ignores nonsense', () => {
    expect(parseOverviewParams({ tier: '0' })).toEqual({ tier: 0 });
    expect(parseOverviewParams({ tier: '7' })).toEqual({});
    expect(parseOverviewParams({})).toEqual({});
  });
});

describe('API query schemas (strict)', () => {
  it('rejects bad values and unknown parameters', () => {
    expect(featureQuerySchema.safeParse({ range: '2y' }).success).toBe(false);
    expect(featureQuerySchema.safeParse({ rnage: '1h' }).success).toBe(false);
    expect(featureQuerySchema.parse({})).toEqual({ range: '1h' });
    expect(overviewQuerySchema.parse({ tier: '2' })).toEqual({ tier: 2 });
    expect(overviewQuerySchema.safeParse({ tier: 'x' }).success).toBe(false);
  });
});

describe('links', () => {
  it('round-trip through the parsers', () => {
    expect(featureHref('checkout')).toBe('/features/checkout');
    expect(featureHref('checkout', { range: '6h' })).toBe('/features/checkout?range=6h');
    expect(overviewHref({ tier: 1 })).toBe('/?tier=1');
    expect(overviewHref({})).toBe('/');
  });
});
