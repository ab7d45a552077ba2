// URL state of the overview: the tier filter ignores nonsense on the page and 400s in the API.
import { describe, expect, it } from 'vitest';
import { problemOf } from '@/lib/http/problem';
import { overviewHref, overviewQuerySchema, parseOverviewParams } from './params';

describe('page URL state (lenient)', () => {
  it('reads the tier filter and ignores nonsense', () => {
    expect(parseOverviewParams({ tier: '0' })).toEqual({ tier: 0 });
    expect(parseOverviewParams({ tier: '7' })).toEqual({});
    expect(parseOverviewParams({})).toEqual({});
  });
});

describe('API query schema (strict)', () => {
  it('rejects bad values and unknown parameters', () => {
    expect(overviewQuerySchema.parse({ tier: '2' })).toEqual({ tier: 2 });
    const problem = (query: Record<string, string>) => {
      const parsed = overviewQuerySchema.safeParse(query);
      return parsed.success ? null : problemOf(parsed.error);
    };
    expect(problem({ tier: 'x' })).toBe('tier: expected tier 0, 1 or 2');
    expect(problem({ tier: '3' })).toBe('tier: expected tier 0, 1 or 2');
    expect(problem({ tier: '' })).toBe('tier: expected tier 0, 1 or 2');
    expect(problem({ teir: '1' })).toMatch(/teir/);
  });
});

describe('links', () => {
  it('round-trip through the parsers', () => {
    expect(overviewHref({ tier: 1 })).toBe('/?tier=1');
    expect(overviewHref({})).toBe('/');
  });
});
