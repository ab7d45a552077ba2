// URL state of a feature's page: the range falls back leniently on the page, strictly 400s in the API.
import { describe, expect, it } from 'vitest';
import { featureHref, featureQuerySchema, parseFeatureParams } from './params';

describe('page URL state (lenient)', () => {
  it('reads the range and falls back to 1h for anything else', () => {
    expect(parseFeatureParams({ range: '7d' })).toEqual({ range: '7d' });
    expect(parseFeatureParams({ range: ['24h', '1h'] })).toEqual({ range: '24h' });
    expect(parseFeatureParams({ range: '2y' })).toEqual({ range: '1h' });
    expect(parseFeatureParams({})).toEqual({ range: '1h' });
  });
});

describe('API query schema (strict)', () => {
  it('rejects bad values and unknown parameters', () => {
    expect(featureQuerySchema.safeParse({ range: '2y' }).success).toBe(false);
    expect(featureQuerySchema.safeParse({ rnage: '1h' }).success).toBe(false);
    expect(featureQuerySchema.parse({})).toEqual({ range: '1h' });
  });
});

describe('links', () => {
  it('round-trip through the parsers', () => {
    expect(featureHref('checkout')).toBe('/features/checkout');
    expect(featureHref('checkout', { range: '6h' })).toBe('/features/checkout?range=6h');
  });
});
