import { describe, expect, it } from 'vitest';
import { partitionLagsOf } from './lag';
import {
  assessGroup,
  assessGroupOffsets,
  createLagState,
  FORGET_AFTER_MS,
  forgetUnseen,
  recordEndOffsets,
  type LagState,
} from './lag-state';
import type { GroupOffsets } from './offsets';

const MIN = 60_000;

const group = (groupId: string, committed: Record<string, Record<number, number>>, requiredTopics: string[] = []): GroupOffsets => ({
  groupId,
  state: 'Stable',
  members: 1,
  listed: true,
  committed: new Map(Object.entries(committed).map(([t, ps]) => [t, new Map(Object.entries(ps).map(([p, o]) => [Number(p), o]))])),
  requiredTopics,
});
/** topic → [partition, end offset] pairs, in the order given. */
const ends = (e: Record<string, [number, number][]>) => new Map(Object.entries(e).map(([t, pairs]) => [t, new Map(pairs)]));

/** One collector run: end offsets first, then every group. */
function run(state: LagState, groups: GroupOffsets[], endOffsets: Map<string, Map<number, number>>, now: number) {
  recordEndOffsets(state, endOffsets, now);
  return groups.map((g) => assessGroupOffsets(state, g, endOffsets, now));
}

const windowsOf = (state: LagState, groupId: string, topic: string) => [...(state.groups.get(groupId)?.topics.get(topic)?.keys() ?? [])];

describe('assessGroupOffsets', () => {
  it('assesses exactly as assessGroup over partitionLagsOf, run after run', () => {
    const viaLags = createLagState();
    const direct = createLagState();
    for (let i = 0; i < 4; i++) {
      // Partitions listed out of order, a required topic without commits, a committed topic without end offsets.
      const endOffsets = ends({
        orders: [
          [2, 300 + 40 * i],
          [0, 100 + 10 * i],
          [1, 200],
        ],
        refunds: [[0, 50 + i]],
        catalog: [[0, 9]],
      });
      const groups = [
        group('indexer', { orders: { 0: 90 + 5 * i, 1: 200, 2: 250 }, refunds: { 0: 40 }, gone: { 0: 1 } }, ['catalog']),
        { ...group('idle', { orders: { 0: 100 } }), members: 0 },
      ];
      const now = i * MIN;
      recordEndOffsets(viaLags, endOffsets, now);
      const expected = groups.map((g) => assessGroup(viaLags, g.groupId, g.members, partitionLagsOf(g, endOffsets), now));
      expect(run(direct, groups, endOffsets, now)).toEqual(expected);
    }
  });
});

describe('forgetting', () => {
  const endOffsets = ends({
    orders: [
      [0, 100],
      [1, 100],
    ],
    refunds: [[0, 10]],
  });

  it('keeps a partition that comes back within FORGET_AFTER_MS, and starts its window over after', () => {
    const state = createLagState();
    run(state, [group('indexer', { orders: { 0: 10, 1: 10 } })], endOffsets, 0);
    run(state, [group('indexer', { orders: { 0: 20, 1: 20 } })], endOffsets, MIN);
    // Partition 1 loses its commit (offsets expired): the group is still read, that window is not.
    for (let at = 2 * MIN; at <= MIN + FORGET_AFTER_MS; at += 10 * MIN) {
      run(state, [group('indexer', { orders: { 0: at } })], endOffsets, at);
      forgetUnseen(state, at);
    }
    forgetUnseen(state, MIN + FORGET_AFTER_MS);
    expect(windowsOf(state, 'indexer', 'orders')).toEqual([0, 1]);
    const back = MIN + FORGET_AFTER_MS;
    const resumed = run(state, [group('indexer', { orders: { 0: back, 1: 30 } })], endOffsets, back);
    expect(resumed[0]!.partitions[1]!.complete).toBe(0.3); // the same window, one commit further

    run(state, [group('indexer', { orders: { 0: back + MIN } })], endOffsets, back + MIN);
    forgetUnseen(state, back + FORGET_AFTER_MS);
    expect(windowsOf(state, 'indexer', 'orders')).toEqual([0, 1]);
    forgetUnseen(state, back + FORGET_AFTER_MS + 1);
    expect(windowsOf(state, 'indexer', 'orders')).toEqual([0]);
    const restarted = run(state, [group('indexer', { orders: { 0: 99, 1: 40 } })], endOffsets, back + FORGET_AFTER_MS + 2);
    expect(restarted[0]!.partitions.map((p) => p.complete)).toEqual([0.8, 0.1]); // partition 0 kept all its commits
  });

  it('drops a topic the group stopped reading, and the group once nothing of it is left', () => {
    const state = createLagState();
    run(state, [group('indexer', { orders: { 0: 10 }, refunds: { 0: 1 } })], endOffsets, 0);
    run(state, [group('indexer', { orders: { 0: 11 } })], endOffsets, FORGET_AFTER_MS);
    forgetUnseen(state, FORGET_AFTER_MS + 1);
    expect([...state.groups.get('indexer')!.topics.keys()]).toEqual(['orders']);
    expect(state.groups.get('indexer')!.size).toBe(1);

    run(state, [group('indexer', {})], endOffsets, 2 * FORGET_AFTER_MS);
    forgetUnseen(state, 2 * FORGET_AFTER_MS + 1);
    expect(state.groups.has('indexer')).toBe(false);
    expect(state.staleGroups.size).toBe(0);
  });

  it('forgets a group not assessed for FORGET_AFTER_MS, and a partition gone from the end offsets, but nothing younger', () => {
    const state = createLagState();
    run(state, [group('gone', { orders: { 0: 1 } }), group('steady', { orders: { 0: 1 } })], endOffsets, 0);
    forgetUnseen(state, MIN);
    for (let at = 10 * MIN; at <= FORGET_AFTER_MS + 10 * MIN; at += 10 * MIN) {
      run(
        state,
        [group('steady', { orders: { 0: at } }), group('late', { orders: { 1: at } })],
        ends({
          orders: [
            [0, 1e9],
            [1, 1e9],
          ],
        }),
        at,
      );
      forgetUnseen(state, at);
    }
    expect([...state.groups.keys()].sort()).toEqual(['late', 'steady']);
    expect([...state.tables.keys()]).toEqual(['orders']); // refunds was last seen at 0
    expect([...state.tables.get('orders')!.keys()]).toEqual([0, 1]);
  });

  it('forgets what is old even when the clock steps back for a newly seen group', () => {
    const state = createLagState();
    run(state, [group('a', { orders: { 0: 1 } })], endOffsets, 10 * MIN);
    forgetUnseen(state, 10 * MIN);
    run(state, [group('b', { orders: { 0: 1 } })], endOffsets, 0);
    forgetUnseen(state, FORGET_AFTER_MS + 1);
    expect([...state.groups.keys()]).toEqual(['a']);
  });
});
