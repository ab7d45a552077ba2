import { describe, expect, it } from 'vitest';
import {
  evaluateGroup,
  evaluatePartition,
  observePartition,
  type CommitEntry,
  type PartitionStatus,
  type PartitionWindow,
} from './verdict';

const MIN = 60_000;
const alive = { consumerActive: true };
const gone = { consumerActive: false };

/** A hand-built window: entries [offset, first seen (minutes), lag then], the latest poll's lag and time. */
function windowOf(
  entries: [number, number, number][],
  lag: number,
  observedMin: number,
  caughtUpMin: number | null = null,
): PartitionWindow {
  const list: CommitEntry[] = entries.map(([offset, at, l]) => ({ offset, at: at * MIN, lag: l }));
  return { entries: list, size: 10, lag, observedAt: observedMin * MIN, caughtUpAt: caughtUpMin === null ? null : caughtUpMin * MIN };
}

describe('evaluatePartition', () => {
  it('is unknown without any committed offset observed', () => {
    expect(evaluatePartition(undefined, 0, gone)).toBe('unknown');
  });

  it('is OK when the current lag is 0, even with an old commit and no members', () => {
    expect(evaluatePartition(windowOf([[100, 0, 0]], 0, 600, 600), 600 * MIN, gone)).toBe('OK');
  });

  it('is OK for a consumer that makes progress with falling lag', () => {
    const w = windowOf(
      [
        [100, 0, 50],
        [140, 1, 30],
        [180, 2, 40],
        [220, 3, 20],
      ],
      10,
      3,
    );
    expect(evaluatePartition(w, 3 * MIN, alive)).toBe('OK');
  });

  it('is WARN when lag never decreased across the window (consumer too slow)', () => {
    const w = windowOf(
      [
        [100, 0, 10],
        [110, 1, 20],
        [120, 2, 20],
        [130, 3, 35],
      ],
      40,
      3.5,
    );
    expect(evaluatePartition(w, 3.5 * MIN, alive)).toBe('WARN');
  });

  it('is not WARN when the consumer was caught up within the window (a burst, not a slow consumer)', () => {
    const w = windowOf(
      [
        [100, 0, 0],
        [110, 1, 20],
        [120, 2, 30],
      ],
      40,
      2.5,
    );
    expect(evaluatePartition(w, 2.5 * MIN, alive)).toBe('OK');
  });

  it('is REWIND when a committed offset went below the one before it', () => {
    const w = windowOf(
      [
        [100, 0, 5],
        [200, 1, 5],
        [50, 2, 160],
      ],
      150,
      2.5,
    );
    expect(evaluatePartition(w, 2.5 * MIN, alive)).toBe('REWIND');
  });

  it('is STOP when the offset has not moved for longer than the window spans and nobody consumes', () => {
    // Progress every minute until minute 9, then nothing for 20 minutes while lag grows.
    const entries: [number, number, number][] = Array.from({ length: 10 }, (_, i) => [100 + i * 10, i, 5 + i]);
    const w = windowOf(entries, 400, 29);
    expect(evaluatePartition(w, 29 * MIN, gone)).toBe('STOP');
  });

  it('is STALL when members are present but the offset does not move (alive, stuck)', () => {
    const entries: [number, number, number][] = Array.from({ length: 10 }, (_, i) => [100 + i * 10, i, 5 + i]);
    expect(evaluatePartition(windowOf(entries, 400, 29), 29 * MIN, alive)).toBe('STALL');
  });

  it('waits at least minStopMs before STOP when the window spans little time', () => {
    const w = windowOf([[100, 0, 20]], 25, 3);
    expect(evaluatePartition(w, 3 * MIN, gone)).toBe('OK');
    expect(evaluatePartition(w, 6 * MIN, gone)).toBe('STOP');
    expect(evaluatePartition(w, 3 * MIN, { consumerActive: false, minStopMs: 2 * MIN })).toBe('STOP');
  });

  it('a window of zero-lag commits does not hide a consumer that stopped afterwards (Burrow #290, #745)', () => {
    // A full window built with lag 0 at every commit, then the consumer dies at minute 9 and
    // messages keep arriving. Burrow's rule 1 ("any lag 0 in the window → OK") says OK forever,
    // because a stopped consumer adds no commits that would push the zeros out.
    const zeros: [number, number, number][] = Array.from({ length: 10 }, (_, i) => [100 + i * 10, i, 0]);
    const w = windowOf(zeros, 500, 30, 9);
    expect(w.entries.every((e) => e.lag === 0)).toBe(true);
    expect(evaluatePartition(w, 30 * MIN, gone)).toBe('STOP');
    // Shortly after it fell behind, it is not yet judged stopped.
    expect(evaluatePartition(windowOf(zeros, 20, 10, 9), 10 * MIN, gone)).toBe('OK');
  });

  it('an idle consumer with an old commit is not STOP while it stays caught up, nor right after new data', () => {
    const w = windowOf([[100, 0, 0]], 0, 120, 120); // caught up for two hours
    expect(evaluatePartition(w, 120 * MIN, gone)).toBe('OK');
    w.lag = 1; // one message arrives; the consumer has not committed yet
    expect(evaluatePartition(w, 120.2 * MIN, alive)).toBe('OK');
  });
});

describe('observePartition', () => {
  it('records each committed offset once, stamped when first observed, and stays bounded', () => {
    let w: PartitionWindow | undefined;
    for (let i = 0; i < 30; i++) w = observePartition(w, { committed: Math.floor(i / 2) * 10, lag: 3, at: i * 1000 }, 4);
    expect(w!.entries).toHaveLength(4);
    expect(w!.entries.map((e) => [e.offset, e.at])).toEqual([
      [110, 22_000],
      [120, 24_000],
      [130, 26_000],
      [140, 28_000],
    ]);
    expect(w!.observedAt).toBe(29_000);
  });

  it('turns into STOP when polls keep finding the same offset with growing lag', () => {
    let w: PartitionWindow | undefined;
    for (let m = 0; m <= 5; m++) w = observePartition(w, { committed: 100 + m * 10, lag: 0, at: m * MIN }); // healthy
    for (let m = 6; m <= 12; m++) w = observePartition(w, { committed: 150, lag: (m - 5) * 10, at: m * MIN }); // dead
    expect(evaluatePartition(w, 9 * MIN, gone)).toBe('OK');
    expect(evaluatePartition(w, 12 * MIN, gone)).toBe('STOP');
  });
});

describe('evaluateGroup', () => {
  const p = (partition: number, verdict: PartitionStatus['verdict'], lag: number | null, complete = 1): PartitionStatus => ({
    topic: 'orders',
    partition,
    verdict,
    lag,
    complete,
  });

  it('is the worst partition, with STOP, STALL and REWIND counting as ERR', () => {
    for (const bad of ['STOP', 'STALL', 'REWIND'] as const) {
      expect(evaluateGroup([p(0, 'OK', 900), p(1, bad, 3), p(2, 'WARN', 50)]).verdict).toBe('ERR');
    }
    expect(evaluateGroup([p(0, 'OK', 900), p(1, 'WARN', 3)]).verdict).toBe('WARN');
    expect(evaluateGroup([p(0, 'OK', 900), p(1, 'OK', 3)]).verdict).toBe('OK');
  });

  it('names the partition explaining the verdict: most severe, then most lag', () => {
    expect(evaluateGroup([p(0, 'OK', 900), p(1, 'STOP', 3), p(2, 'STOP', 7)]).worst).toEqual({
      topic: 'orders',
      partition: 2,
      verdict: 'STOP',
      lag: 7,
    });
    expect(evaluateGroup([p(0, 'OK', 900), p(1, 'OK', 3)]).worst?.partition).toBe(0);
  });

  it('reports how full the windows are, ignoring partitions without a verdict', () => {
    expect(evaluateGroup([p(0, 'OK', 1, 1), p(1, 'OK', 1, 0.5), p(2, 'unknown', null, 0)]).complete).toBe(0.75);
  });

  it('is unknown when no partition has a verdict (no commits), never OK', () => {
    const status = evaluateGroup([p(0, 'unknown', null, 0)]);
    expect(status.verdict).toBe('unknown');
    expect(status.complete).toBeNull();
    expect(evaluateGroup([]).verdict).toBe('unknown');
  });
});
