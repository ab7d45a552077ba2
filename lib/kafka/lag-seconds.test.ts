import { describe, expect, it } from 'vitest';
import { createOffsetTimeTable, estimateLagSeconds, recordEndOffset, type OffsetTimeTable } from './lag-seconds';

const S = 1000;

function tableOf(points: [offset: number, atSeconds: number][], capacity?: number): OffsetTimeTable {
  const table = createOffsetTimeTable(capacity);
  for (const [offset, at] of points) expect(recordEndOffset(table, offset, at * S)).toBe(true);
  return table;
}

describe('recordEndOffset', () => {
  it('rejects points whose offset or time goes backwards and keeps the table as it was', () => {
    const table = tableOf([
      [100, 10],
      [200, 20],
    ]);
    expect(recordEndOffset(table, 150, 30 * S)).toBe(false);
    expect(recordEndOffset(table, 250, 15 * S)).toBe(false);
    expect(recordEndOffset(table, Number.NaN, 40 * S)).toBe(false);
    expect(table.points).toEqual([
      { offset: 100, at: 10 * S },
      { offset: 200, at: 20 * S },
    ]);
  });

  it('compacts a flat run to its first point and a last point that moves forward', () => {
    const table = tableOf([
      [100, 10],
      [200, 20],
      [200, 30],
      [200, 40],
      [200, 50],
    ]);
    expect(table.points).toEqual([
      { offset: 100, at: 10 * S },
      { offset: 200, at: 20 * S },
      { offset: 200, at: 50 * S },
    ]);
  });

  it('stays within capacity, keeping the oldest and the newest points', () => {
    const table = createOffsetTimeTable(5);
    for (let i = 0; i < 50; i++) recordEndOffset(table, i * 10, i * S);
    expect(table.points).toHaveLength(5);
    expect(table.points[0]).toEqual({ offset: 0, at: 0 });
    expect(table.points.at(-1)).toEqual({ offset: 490, at: 49 * S });
  });
});

describe('estimateLagSeconds', () => {
  it('is unknown with fewer than two points, unless the consumer is caught up', () => {
    const one = tableOf([[100, 10]]);
    expect(estimateLagSeconds(createOffsetTimeTable(), 5, 20 * S)).toEqual({ seconds: null, kind: 'unknown' });
    expect(estimateLagSeconds(one, 50, 20 * S)).toEqual({ seconds: null, kind: 'unknown' });
    expect(estimateLagSeconds(one, 100, 20 * S)).toEqual({ seconds: 0, kind: 'caught-up' });
  });

  it('is 0 s when the committed offset reached (or passed) the newest end offset', () => {
    const table = tableOf([
      [100, 10],
      [200, 20],
    ]);
    expect(estimateLagSeconds(table, 200, 25 * S)).toEqual({ seconds: 0, kind: 'caught-up' });
    expect(estimateLagSeconds(table, 201, 25 * S)).toEqual({ seconds: 0, kind: 'caught-up' });
  });

  it('interpolates t̂ = t2 − (o2 − c)(t2 − t1)/(o2 − o1) between neighbouring points', () => {
    const table = tableOf([
      [100, 10],
      [200, 20],
      [400, 30],
    ]);
    // c = 150 lies between (100, 10 s) and (200, 20 s): written at 15 s, now 40 s → 25 s behind.
    expect(estimateLagSeconds(table, 150, 40 * S)).toEqual({ seconds: 25, kind: 'interpolated' });
    // c = 300 between (200, 20 s) and (400, 30 s): written at 25 s.
    expect(estimateLagSeconds(table, 300, 40 * S)).toEqual({ seconds: 15, kind: 'interpolated' });
    // c on a point: that point's time.
    expect(estimateLagSeconds(table, 100, 40 * S)).toEqual({ seconds: 30, kind: 'interpolated' });
  });

  it('uses the last point of a flat run: the next message was written after the partition went idle', () => {
    const table = tableOf([
      [100, 10],
      [100, 20],
      [100, 50],
      [300, 60],
    ]);
    expect(table.points).toHaveLength(3);
    // c = 100 is the end offset at 10 s and still at 50 s; the message at 100 came after 50 s.
    expect(estimateLagSeconds(table, 100, 70 * S)).toEqual({ seconds: 20, kind: 'interpolated' });
  });

  it('extrapolates a committed offset older than the table from its rate, marked as such', () => {
    const table = tableOf([
      [1000, 100],
      [2000, 110],
    ]); // 100 messages per second
    // 500 messages before the oldest point: 5 s before 100 s; now 120 s → 25 s.
    expect(estimateLagSeconds(table, 500, 120 * S)).toEqual({ seconds: 25, kind: 'extrapolated' });
  });

  it('caps extrapolation so replaying old data cannot produce absurd ages', () => {
    const table = tableOf([
      [1_000_000, 100],
      [1_000_001, 110],
    ]); // a trickle: 0.1 messages per second
    const lag = estimateLagSeconds(table, 0, 120 * S, { maxExtrapolationMs: 60 * S });
    // The rate would say 10^7 s; the cap puts the message at most 60 s before the oldest point.
    expect(lag).toEqual({ seconds: 80, kind: 'extrapolated' });
  });

  it('gives the oldest point as a lower bound when the table shows no growth', () => {
    const table = tableOf([
      [500, 100],
      [500, 160],
    ]);
    expect(estimateLagSeconds(table, 490, 200 * S)).toEqual({ seconds: 100, kind: 'extrapolated' });
  });

  it('never answers NaN, whatever the input', () => {
    const table = tableOf([
      [100, 10],
      [200, 20],
    ]);
    for (const c of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
      const lag = estimateLagSeconds(table, c, 30 * S);
      expect(lag.seconds === null || Number.isFinite(lag.seconds)).toBe(true);
    }
    expect(estimateLagSeconds(table, 150, Number.NaN)).toEqual({ seconds: null, kind: 'unknown' });
  });

  it('keeps interpolating over a long history after thinning', () => {
    const table = createOffsetTimeTable(10);
    for (let i = 0; i <= 1000; i++) recordEndOffset(table, i * 10, i * S); // 10 messages/s for 1000 s
    expect(table.points).toHaveLength(10);
    const lag = estimateLagSeconds(table, 5000, 1000 * S);
    expect(lag.kind).toBe('interpolated');
    expect(lag.seconds).toBeCloseTo(500, 6); // a steady rate interpolates exactly, however sparse the points
  });
});
