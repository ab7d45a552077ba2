import { describe, expect, it } from 'vitest';
import { confirmExtras, judge } from './classify';
import type { Mismatch } from './types';

const CUTOFF = 10_000;
const row = (version: string, updatedAtMs: number) => ({ key: 'k', version, updatedAtMs });

describe('judging a candidate key on both sides', () => {
  it('names missing, extra and stale, each aged from the side holding the newer truth', () => {
    expect(judge('k', row('2', 5_000), undefined, CUTOFF)).toMatchObject({ reason: 'missing', sinceMs: 5_000 });
    expect(judge('k', undefined, row('1', 4_000), CUTOFF)).toMatchObject({ reason: 'extra', sinceMs: 4_000 });
    expect(judge('k', row('2', 5_000), row('1', 3_000), CUTOFF)).toMatchObject({
      reason: 'stale',
      sourceVersion: '2',
      targetVersion: '1',
      sinceMs: 5_000,
    });
    expect(judge('k', row('2', 5_000), row('2', 5_000), CUTOFF)).toBeNull();
  });

  it('reports nothing changed within settle on either side: it is still in flight', () => {
    expect(judge('k', row('3', CUTOFF), row('2', 5_000), CUTOFF)).toBeNull();
    expect(judge('k', row('3', CUTOFF + 5), undefined, CUTOFF)).toBeNull();
    expect(judge('k', undefined, row('3', CUTOFF + 1), CUTOFF)).toBeNull();
  });
});

describe('confirming extra keys', () => {
  const extra = (key: string): Mismatch => ({ key, reason: 'extra', sourceVersion: null, targetVersion: '1', sinceMs: 0 });
  const missing: Mismatch = { key: 'm', reason: 'missing', sourceVersion: '1', targetVersion: null, sinceMs: 0 };

  it('reports an extra only when a run settle later still finds it, and forgets those that went away', () => {
    const pending = new Map<string, number>();
    const first = confirmExtras([extra('a'), extra('b'), missing], pending, 1_000, 500);
    expect(first.confirmed).toEqual([missing]);
    expect(first.waiting).toBe(2);
    const early = confirmExtras([extra('a'), extra('b')], pending, 1_200, 500);
    expect(early.confirmed).toEqual([]);
    const later = confirmExtras([extra('a')], pending, 1_600, 500);
    expect(later.confirmed.map((m) => m.key)).toEqual(['a']);
    expect(later.waiting).toBe(0);
    expect([...pending.keys()]).toEqual(['a']);
  });
});
