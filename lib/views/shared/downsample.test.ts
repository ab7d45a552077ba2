import { describe, expect, it } from 'vitest';
import { bucketSecondsFor, fillBuckets } from './downsample';

describe('bucketSecondsFor', () => {
  it('keeps every 15-second sample of an hour within 240 points', () => {
    expect(bucketSecondsFor(3600, 240)).toBe(15);
  });
  it('rounds up to the next round step', () => {
    expect(bucketSecondsFor(6 * 3600, 240)).toBe(120); // 90 s wanted
    expect(bucketSecondsFor(7 * 86_400, 240)).toBe(3600); // 2520 s wanted
    expect(bucketSecondsFor(3600, 60)).toBe(60);
  });
  it('falls back to whole days beyond the table', () => {
    expect(bucketSecondsFor(400 * 86_400, 100)).toBe(4 * 86_400);
  });
});

describe('fillBuckets', () => {
  const minute = 60_000;
  const from = 10 * minute + 20_000; // not aligned: the first bucket starts at 10 min

  it('returns one point per bucket with gaps as null, never 0', () => {
    const points = fillBuckets(
      [
        { t: 10 * minute, v: 4 },
        { t: 12 * minute, v: 0 },
      ],
      from,
      13 * minute,
      60,
    );
    expect(points).toEqual([
      { t: 10 * minute, v: 4 },
      { t: 11 * minute, v: null },
      { t: 12 * minute, v: 0 },
    ]);
  });

  it('drops non-finite values instead of drawing them', () => {
    expect(fillBuckets([{ t: 0, v: Number.NaN }], 0, minute, 60)).toEqual([{ t: 0, v: null }]);
  });
});
