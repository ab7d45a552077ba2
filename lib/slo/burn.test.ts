import { describe, expect, it } from 'vitest';
import { BURN_RULES, DAY, budgetRemaining, burnRate, burnThreshold, evaluateBurnRules, secondsToExhaustion } from './burn';

describe('burn thresholds for a 30-day period (Workbook table)', () => {
  it.each([
    ['page-1h-5m', 14.4],
    ['page-6h-30m', 6],
    ['ticket-1d-2h', 3],
    ['ticket-3d-6h', 1],
  ])('%s → %s×', (name, expected) => {
    const rule = BURN_RULES.find((r) => r.name === name)!;
    expect(burnThreshold(rule)).toBeCloseTo(expected, 10);
  });

  it('scales with the period: a 7-day period pages at 2 % in 1 h → 3.36×', () => {
    expect(burnThreshold(BURN_RULES[0]!, 7 * DAY)).toBeCloseTo(3.36, 10);
  });
});

describe('burn rate, budget and exhaustion by hand', () => {
  it('99.9 % objective, 6 bad of 60 one-minute slices in the last hour → 10 % bad → 100×', () => {
    expect(burnRate({ bad: 6, total: 60 }, 0.999)).toBeCloseTo(100, 6);
  });

  it('99 % objective, 1 bad of 1000 → 0.1 % bad → 0.1× budget speed', () => {
    expect(burnRate({ bad: 1, total: 1000 }, 0.99)).toBeCloseTo(0.1, 10);
  });

  it('no slices at all is unknown, not zero', () => {
    expect(burnRate({ bad: 0, total: 0 }, 0.99)).toBeNull();
    expect(budgetRemaining({ bad: 0, total: 0 }, 0.99)).toBeNull();
  });

  it('budget: 99 % over 30 days allows 432 bad minutes; 108 bad leaves 75 %, 864 overspends it twice', () => {
    expect(budgetRemaining({ bad: 108, total: 43_200 }, 0.99)).toBeCloseTo(0.75, 10);
    expect(budgetRemaining({ bad: 864, total: 43_200 }, 0.99)).toBeCloseTo(-1, 10);
  });

  it('budget is counted against the whole period, not only the minutes seen so far', () => {
    // A fresh install: 5 bad minutes out of 10 observed, 99.9 % over 30 days → 43.2 budget minutes.
    expect(budgetRemaining({ bad: 5, total: 10 }, 0.999)).toBeCloseTo(1 - 5 / 43.2, 10);
    expect(budgetRemaining({ bad: 5, total: 10 }, 0.999, 7 * DAY)).toBeCloseTo(1 - 5 / 10.08, 10);
  });

  it('exhaustion: 50 % left burning at 2× → a quarter of the period (7.5 days)', () => {
    expect(secondsToExhaustion(0.5, 2, 30 * DAY)).toBeCloseTo(7.5 * DAY, 6);
    expect(secondsToExhaustion(0.5, 0)).toBeNull();
    expect(secondsToExhaustion(-0.1, 2)).toBe(0);
    expect(secondsToExhaustion(null, 2)).toBeNull();
  });
});

describe('multi-window rules', () => {
  // Bad fraction per window: a sharp recent spike that the long windows only partly see.
  const badFraction: Record<number, number> = {
    300: 0.5,
    1800: 0.1,
    3600: 0.02,
    7200: 0.01,
    21_600: 0.004,
    86_400: 0.001,
    259_200: 0.0005,
  };
  const counts = (w: number) => ({ bad: badFraction[w]! * (w / 60), total: w / 60 });

  it('fires only where both windows exceed the threshold', () => {
    const verdicts = evaluateBurnRules(counts, 0.999);
    const byName = Object.fromEntries(verdicts.map((v) => [v.rule.name, v]));
    // 1 h: 2 % bad / 0.1 % budget = 20× ≥ 14.4, 5 m: 500× → page.
    expect(byName['page-1h-5m']).toMatchObject({ firing: true });
    expect(byName['page-1h-5m']!.burnLong).toBeCloseTo(20, 6);
    // 6 h: 4× < 6 → not firing although 30 m is at 100×.
    expect(byName['page-6h-30m']).toMatchObject({ firing: false });
    expect(byName['page-6h-30m']!.burnLong).toBeCloseTo(4, 6);
    // 1 d: 1× < 3 → no ticket; 3 d: 0.5× < 1 → no ticket.
    expect(byName['ticket-1d-2h']!.firing).toBe(false);
    expect(byName['ticket-3d-6h']!.firing).toBe(false);
  });

  it('a short window without data never fires the rule', () => {
    const verdicts = evaluateBurnRules((w) => (w === 300 ? { bad: 0, total: 0 } : { bad: w / 60, total: w / 60 }), 0.999);
    expect(verdicts[0]).toMatchObject({ burnShort: null, firing: false });
    expect(verdicts[1]!.firing).toBe(true);
  });
});
