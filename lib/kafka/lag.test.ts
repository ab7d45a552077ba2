import { describe, expect, it } from 'vitest';
import { partitionLagsOf, topicLagsOf } from './lag';
import type { GroupOffsets } from './offsets';

const group = (committed: Record<string, Record<number, number>>, requiredTopics: string[] = []): GroupOffsets => ({
  groupId: 'indexer',
  state: 'Stable',
  members: 1,
  listed: true,
  committed: new Map(Object.entries(committed).map(([t, ps]) => [t, new Map(Object.entries(ps).map(([p, o]) => [Number(p), o]))])),
  requiredTopics,
});
const ends = (e: Record<string, number[]>) => new Map(Object.entries(e).map(([t, offs]) => [t, new Map(offs.map((o, p) => [p, o]))]));

describe('partitionLagsOf', () => {
  it('is max(0, end − committed), and null (not the end offset) without a commit', () => {
    const lags = partitionLagsOf(group({ orders: { 0: 4, 1: 25 } }), ends({ orders: [10, 20, 30] }));
    expect(lags).toEqual([
      { topic: 'orders', partition: 0, committed: 4, end: 10, lag: 6 },
      { topic: 'orders', partition: 1, committed: 25, end: 20, lag: 0 },
      { topic: 'orders', partition: 2, committed: null, end: 30, lag: null },
    ]);
  });

  it('reports required topics without commits, and leaves out topics without end offsets', () => {
    const lags = partitionLagsOf(group({ gone: { 0: 1 } }, ['catalog', 'missing']), ends({ catalog: [5] }));
    expect(lags).toEqual([{ topic: 'catalog', partition: 0, committed: null, end: 5, lag: null }]);
  });
});

describe('partitionLagsOf ordering', () => {
  it('goes by topic name and partition number, whatever order the maps hold them in', () => {
    const endOffsets = new Map([
      ['refunds', new Map([[0, 5]])],
      [
        'orders',
        new Map([
          [2, 30],
          [0, 10],
          [1, 20],
        ]),
      ],
    ]);
    const lags = partitionLagsOf(group({ refunds: { 0: 1 }, orders: { 1: 15 } }, ['orders']), endOffsets);
    expect(lags.map((p) => `${p.topic}[${p.partition}]`)).toEqual(['orders[0]', 'orders[1]', 'orders[2]', 'refunds[0]']);
  });
});

describe('topicLagsOf', () => {
  it('sums lag over committed partitions and counts the others; a topic without commits has unknown lag', () => {
    const lags = partitionLagsOf(group({ orders: { 0: 4, 1: 15 } }, ['catalog']), ends({ orders: [10, 20, 30], catalog: [3, 3] }));
    expect(topicLagsOf(lags)).toEqual([
      { topic: 'catalog', lag: null, partitions: 2, withoutCommit: 2 },
      { topic: 'orders', lag: 11, partitions: 3, withoutCommit: 1 },
    ]);
  });
});
