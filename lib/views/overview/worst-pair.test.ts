// The overview row's one burn pair: the highest lower-window burn against its threshold.
import { describe, expect, it } from 'vitest';
import { burnPairs } from '../shared/burn-pairs';
import { pairRatio, worstPair } from './worst-pair';

const THIRTY_DAYS = 30 * 86_400;

describe('worstPair', () => {
  it('picks the pair whose lower window is furthest over its threshold', () => {
    // 6× ticket-ish pair at 5/5 (ratio 0.83) beats the 14.4× page pair at 10/1 (ratio 0.07).
    const pairs = burnPairs({ '1h': 10, '5m': 1, '6h': 5, '30m': 5, '1d': 0, '2h': 0, '3d': 0 }, THIRTY_DAYS);
    const worst = worstPair(pairs);
    expect(worst?.longWindow).toBe('6h');
    expect(pairRatio(worst!)).toBeCloseTo(5 / 6);
  });

  it('falls back to the first pair when every window is unknown or all tie', () => {
    expect(worstPair(burnPairs({}, THIRTY_DAYS))?.rule).toBe(burnPairs({}, THIRTY_DAYS)[0]?.rule);
    const zeros = burnPairs({ '5m': 0, '1h': 0, '30m': 0, '6h': 0, '2h': 0, '1d': 0, '3d': 0 }, THIRTY_DAYS);
    expect(worstPair(zeros)?.rule).toBe(zeros[0]?.rule);
  });

  it('prefers a known pair over unknown ones', () => {
    const pairs = burnPairs({ '1d': 2, '2h': 2 }, THIRTY_DAYS);
    expect(worstPair(pairs)?.longWindow).toBe('1d');
  });

  it('has nothing to show without pairs', () => {
    expect(worstPair([])).toBeNull();
  });
});
