// The wall's arrangement: non-ok first within a tier, ok features out of the way, and pages that
// fit the screen — 60 SLOs with a few faults fit one 1920×1080 screen; all-unknown rotates.
import { describe, expect, it } from 'vitest';
import type { Tier } from '../../config/schema-features';
import type { SloStatus } from '../../slo/status';
import { arrangeWall, paginate, planTiers, tileHeight, WALL_METRICS } from './layout';

const feature = (name: string, tier: Tier, ...statuses: SloStatus[]) => ({ name, tier, slos: statuses.map((status) => ({ status })) });

const manyFeatures = (bad: Record<string, SloStatus>) =>
  Array.from({ length: 20 }, (_, i) => {
    const name = `f${String(i).padStart(2, '0')}`;
    return feature(name, (i % 3) as Tier, bad[name] ?? 'ok', 'ok', 'ok');
  });

describe('planTiers', () => {
  it('puts non-ok features first, worst first, and sets all-ok ones aside', () => {
    const plans = planTiers([feature('a', 0, 'ok'), feature('b', 0, 'unknown'), feature('c', 0, 'breached'), feature('d', 1, 'ok')], false);
    expect(plans.map((p) => [p.tier, p.tiles.map((f) => f.name), p.chips.map((f) => f.name)])).toEqual([
      [0, ['c', 'b'], ['a']],
      [1, [], ['d']],
    ]);
  });

  it('treats every status as unknown on a stale screen', () => {
    const [plan] = planTiers([feature('a', 0, 'ok', 'ok')], true);
    expect(plan?.tiles.map((f) => f.name)).toEqual(['a']);
  });
});

describe('paginate', () => {
  const screen = { width: 1920, height: 1080, stale: false };

  it('fits 20 features × 3 SLOs with a few faults on one screen, compact', () => {
    // Seven faults over Tier 0 and Tier 1: too tall for the large sizes, one screen when compact.
    const features = manyFeatures({
      f00: 'breached',
      f03: 'at_risk',
      f06: 'unknown',
      f01: 'at_risk',
      f04: 'at_risk',
      f07: 'unknown',
      f10: 'at_risk',
    });
    const { compact, pages } = arrangeWall(features, screen);
    expect(compact).toBe(true);
    expect(pages).toHaveLength(1);
    const shown = pages[0]!.flatMap((t) => [...t.tiles, ...t.chips]);
    expect(shown).toHaveLength(20);
    // Tier 2 has no fault: one line for the tier.
    expect(pages[0]!.find((t) => t.tier === 2)).toMatchObject({ allOk: true, tiles: [] });
  });

  it('rotates through pages when everything is unknown, and never drops a feature', () => {
    const features = manyFeatures({});
    const { pages, compact } = arrangeWall(features, { ...screen, stale: true });
    expect(compact).toBe(true);
    expect(pages.length).toBeGreaterThan(1);
    const shown = pages.flatMap((p) => p.flatMap((t) => t.tiles.map((f) => f.name)));
    expect(shown.sort()).toEqual(features.map((f) => f.name).sort());
    // Each page stays within the screen by the same sums the stylesheet pins.
    const m = WALL_METRICS.compact;
    for (const page of pages) {
      const tallest = (tiles: typeof features) => Math.max(0, ...tiles.map((f) => tileHeight(f, true, m)));
      const rows = page.reduce((h, t) => h + m.tierHead + Math.ceil(t.tiles.length / 4) * (tallest(t.tiles) + m.gap), 0);
      expect(rows).toBeLessThanOrEqual(1080 - m.chrome - m.banner);
    }
  });

  it('stays large while a few faults fit one screen that way', () => {
    const features = [feature('checkout', 0, 'at_risk', 'ok'), feature('search', 1, 'unknown', 'ok', 'ok'), feature('analytics', 2, 'ok')];
    expect(arrangeWall(features, screen)).toMatchObject({ compact: false, pages: [expect.anything()] });
    expect(paginate(planTiers(features, false), screen, WALL_METRICS.normal)).toHaveLength(1);
    // Three unknowns more and the large sizes no longer fit: compact, still one screen.
    const worse = [...features.slice(0, 2), feature('analytics', 2, 'unknown'), feature('reports', 2, 'unknown', 'unknown')];
    expect(arrangeWall(worse, screen)).toMatchObject({ compact: true, pages: [expect.anything()] });
  });

  it('keeps an all-ok wall to one line per tier', () => {
    const { pages, compact } = arrangeWall(manyFeatures({}), screen);
    expect(compact).toBe(false);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.map((t) => [t.tier, t.allOk, t.sloCount])).toEqual([
      [0, true, 21],
      [1, true, 21],
      [2, true, 18],
    ]);
  });
});
