import { describe, expect, it } from 'vitest';
import { burnPairs, pairState, windowLabel } from './burn-pairs';

const DAY = 86_400;

describe('burnPairs', () => {
  it("reads the evaluator's window keys and the Workbook thresholds for a 30-day period", () => {
    const pairs = burnPairs({ '1h': 20, '5m': 15, '6h': 2, '30m': 7, '1d': 0.5, '2h': 0.4, '3d': 0.2 }, 30 * DAY);
    expect(pairs.map((p) => [p.rule, p.longWindow, p.shortWindow, Number(p.threshold.toFixed(2))])).toEqual([
      ['page-1h-5m', '1h', '5m', 14.4],
      ['page-6h-30m', '6h', '30m', 6],
      ['ticket-1d-2h', '1d', '2h', 3],
      ['ticket-3d-6h', '3d', '6h', 1],
    ]);
    expect(pairs.map((p) => p.state)).toEqual(['firing', 'elevated', 'ok', 'elevated']);
  });

  it('scales thresholds with a shorter period, as the evaluator does', () => {
    const [page] = burnPairs({}, 7 * DAY);
    expect(page!.threshold).toBeCloseTo((0.02 * 7 * DAY) / 3600); // 3.36
  });

  it('says unknown, never 0, for missing, null or non-numeric windows', () => {
    const pairs = burnPairs({ '1h': null, '5m': 3, '6h': 'x' }, 30 * DAY);
    expect(pairs[0]).toMatchObject({ long: null, short: 3, state: 'unknown' });
    expect(pairs[1]).toMatchObject({ long: null, short: null, state: 'unknown' });
    expect(burnPairs(null, 30 * DAY).every((p) => p.state === 'unknown')).toBe(true);
  });
});

describe('pairState', () => {
  it('fires only when both windows reach the threshold', () => {
    expect(pairState(14.4, 14.4, 14.4)).toBe('firing');
    expect(pairState(14.4, 1, 14.4)).toBe('elevated');
    expect(pairState(0, 0, 14.4)).toBe('ok');
    expect(pairState(null, 100, 14.4)).toBe('unknown');
  });
});

describe('windowLabel', () => {
  it('spells windows like the evaluator', () => {
    expect([300, 1800, 3600, 7200, 21_600, DAY, 3 * DAY].map(windowLabel)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
  });
});
