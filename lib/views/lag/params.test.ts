import { describe, expect, it } from 'vitest';
import { groupHref, lagApiHref, lagHref, lagListQuerySchema, pageCount, pageHref, parseLagListParams, sortHref } from './params';
import { problemOf } from '@/lib/http/problem';

const DEFAULTS = { sort: 'lag', dir: 'desc', page: 1, size: 50 };

describe('groups page URL state (lenient)', () => {
  it('reads filters, sort and paging', () => {
    expect(parseLagListParams({ cluster: 'events', verdict: 'ERR', q: 'search-', sort: 'group', page: '3', size: '100' })).toEqual({
      cluster: 'events',
      verdict: 'ERR',
      q: 'search-',
      sort: 'group',
      dir: 'asc',
      page: 3,
      size: 100,
    });
  });

  it('falls back to defaults for nonsense instead of failing the page', () => {
    expect(parseLagListParams({})).toEqual(DEFAULTS);
    expect(parseLagListParams({ sort: 'bogus', dir: 'sideways', page: '0', size: '1000', verdict: 'BAD', cluster: 'no spaces' })).toEqual(
      DEFAULTS,
    );
    expect(parseLagListParams({ page: '-2' }).page).toBe(1);
    expect(parseLagListParams({ page: ['4', '5'] }).page).toBe(4);
  });

  it('treats empty form fields as no filter', () => {
    expect(parseLagListParams({ cluster: '', verdict: '', q: '' })).toEqual(DEFAULTS);
  });

  it('never lets a page hold more than 100 groups', () => {
    expect(parseLagListParams({ size: '101' }).size).toBe(50);
    expect(lagListQuerySchema.safeParse({ size: '101' }).success).toBe(false);
  });
});

describe('groups API query (strict)', () => {
  const problem = (query: Record<string, string>) => {
    const parsed = lagListQuerySchema.safeParse(query);
    return parsed.success ? null : problemOf(parsed.error);
  };

  it('answers with the bad parameter by name', () => {
    expect(problem({ page: '0' })).toMatch(/^page: expected a page number from 1/);
    expect(problem({ page: 'two' })).toMatch(/^page: /);
    expect(problem({ size: '500' })).toMatch(/^size: expected a page size from 1 to 100/);
    expect(problem({ sort: 'lagg' })).toMatch(/^sort: expected sort lag, lagSeconds, group, verdict/);
    expect(problem({ dir: 'up' })).toMatch(/^dir: /);
    expect(problem({ verdict: 'bad' })).toMatch(/^verdict: /);
    expect(problem({ cluster: 'a b' })).toMatch(/^cluster: /);
    expect(problem({ pagee: '2' })).toMatch(/pagee/);
  });

  it('fills defaults, with the direction following the sort', () => {
    expect(lagListQuerySchema.parse({})).toEqual(DEFAULTS);
    expect(lagListQuerySchema.parse({ sort: 'group' })).toMatchObject({ sort: 'group', dir: 'asc' });
    expect(lagListQuerySchema.parse({ sort: 'verdict', dir: 'asc', q: '' })).toEqual({ ...DEFAULTS, sort: 'verdict', dir: 'asc' });
  });
});

describe('links', () => {
  const p = parseLagListParams({ cluster: 'events', q: 'a&b', page: '3' });

  it('round-trip through the parser and leave defaults out', () => {
    expect(lagHref(parseLagListParams({}))).toBe('/lag');
    expect(lagHref(p)).toBe('/lag?cluster=events&q=a%26b&page=3');
    expect(parseLagListParams(Object.fromEntries(new URLSearchParams(lagHref(p).split('?')[1])))).toEqual(p);
    expect(lagApiHref(p)).toBe('/api/lag?cluster=events&q=a%26b&page=3');
  });

  it('flip the current sort, start another at its default, and go back to page 1', () => {
    expect(sortHref(p, 'lag')).toBe('/lag?cluster=events&q=a%26b&dir=asc');
    expect(sortHref(p, 'group')).toBe('/lag?cluster=events&q=a%26b&sort=group');
    expect(pageHref(p, 4)).toBe('/lag?cluster=events&q=a%26b&page=4');
  });

  it('encode any group id as one path segment', () => {
    expect(groupHref('events', 'a/b %c')).toBe('/lag/events/a%2Fb%20%25c');
    expect(groupHref('events', 'g', '6h')).toBe('/lag/events/g?range=6h');
    expect(groupHref('events', 'g', '1h')).toBe('/lag/events/g');
  });

  it('count pages, at least one', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(120, 50)).toBe(3);
    expect(pageCount(10_000, 100)).toBe(100);
  });
});
