import { describe, expect, it } from 'vitest';
import { applyMessageTimes, rememberedTimes, rememberTimes, worstPositions } from './exact-lag';
import { createLagState, forgetUnseen, FORGET_AFTER_MS, positionKey, recordEndOffsets, type PartitionAssessment } from './lag-state';
import type { GroupReport } from './report';
import { evaluateGroup } from './verdict';

const part = (topic: string, partition: number, committed: number | null, end: number, seconds: number | null): PartitionAssessment => ({
  topic,
  partition,
  committed,
  end,
  lag: committed === null ? null : Math.max(0, end - committed),
  seconds:
    committed !== null && committed >= end
      ? { seconds: 0, kind: 'caught-up' }
      : { seconds, kind: seconds === null ? 'unknown' : 'interpolated' },
  verdict: 'OK',
  complete: 0.5,
});

const report = (groupId: string, partitions: PartitionAssessment[]): GroupReport => ({
  group: { groupId, state: 'Stable', members: 1, listed: true, committed: new Map(), requiredTopics: [] },
  assessment: { partitions, status: evaluateGroup(partitions) },
});

const where = (positions: { topic: string; partition: number; committed: number }[]) =>
  positions.map((p) => `${p.topic}[${p.partition}]@${p.committed}`);

describe('worstPositions', () => {
  it('ranks by estimated seconds, unknown estimates first, then messages behind; skips caught-up and uncommitted partitions', () => {
    const reports = [
      report('a', [
        part('orders', 0, 10, 20, 30),
        part('orders', 1, 5, 100, null),
        part('orders', 2, 50, 50, null),
        part('orders', 3, null, 80, null),
      ]),
      report('b', [part('orders', 0, 0, 20, 300), part('refunds', 0, 1, 3, null)]),
    ];
    expect(where(worstPositions(reports, 10))).toEqual(['orders[1]@5', 'refunds[0]@1', 'orders[0]@0', 'orders[0]@10']);
    expect(where(worstPositions(reports, 2))).toEqual(['orders[1]@5', 'refunds[0]@1']);
    expect(worstPositions(reports, 0)).toEqual([]);
  });

  it('puts the configured consumers first and reads a position shared by two groups once', () => {
    const reports = [
      report('ad-hoc', [part('orders', 0, 0, 1000, 3600)]),
      report('indexer', [part('orders', 1, 7, 9, 5)]),
      report('loader', [part('orders', 1, 7, 9, 5)]),
    ];
    expect(where(worstPositions(reports, 2, new Set(['loader'])))).toEqual(['orders[1]@7', 'orders[0]@0']);
  });
});

describe('worstPositions against ranking every position', () => {
  /** What worstPositions promises, the slow way: key every position, sort them all (stable), take the first. */
  function rankedAll(reports: GroupReport[], count: number, configured: ReadonlySet<string>) {
    const byKey = new Map<string, { p: PartitionAssessment; configured: boolean }>();
    for (const { group, assessment } of reports) {
      for (const p of assessment.partitions) {
        if (p.committed === null || p.lag === null || p.lag === 0) continue;
        const seen = byKey.get(positionKey({ ...p, committed: p.committed }));
        if (!seen) byKey.set(positionKey({ ...p, committed: p.committed }), { p, configured: configured.has(group.groupId) });
        else if (configured.has(group.groupId)) seen.configured = true;
      }
    }
    const score = ({ p }: { p: PartitionAssessment }) => p.seconds.seconds ?? Infinity;
    return [...byKey.values()]
      .sort((a, b) => Number(b.configured) - Number(a.configured) || score(b) - score(a) || b.p.lag! - a.p.lag!)
      .slice(0, count)
      .map(({ p }) => ({ topic: p.topic, partition: p.partition, committed: p.committed, end: p.end }));
  }

  it('picks the same positions, in the same order, ties and shared positions included', () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    // 60 distinct positions, each with one end offset and one estimate, as in a run; few distinct
    // values, so many ties.
    const pool = Array.from({ length: 60 }, (_, i) => {
      const committed = (i % 5) * 10;
      const seconds = [null, 30, 30, 300, 5][random(5)]!;
      return part(`t${i % 4}`, Math.floor(i / 20), committed, committed + [0, 5, 5, 50][random(4)]!, seconds);
    });
    const reports = Array.from({ length: 40 }, (_, g) =>
      report(
        `g${g}`,
        Array.from({ length: 6 }, () => ({ ...pool[random(pool.length)]! })),
      ),
    );
    for (const configured of [new Set<string>(), new Set(['g3', 'g17', 'g30'])]) {
      for (let count = 1; count <= 12; count++) {
        expect(worstPositions(reports, count, configured)).toEqual(rankedAll(reports, count, configured));
      }
    }
  });
});

describe('applyMessageTimes', () => {
  it('changes nothing without times', () => {
    const reports = [report('indexer', [part('orders', 0, 3, 9, 40)])];
    expect(applyMessageTimes(reports, new Map(), 1_000)).toBe(0);
    expect(reports[0]!.assessment.partitions[0]!.seconds).toEqual({ seconds: 40, kind: 'interpolated' });
  });

  it('applies a time only at its own topic and partition, not at the same offset elsewhere', () => {
    const reports = [report('indexer', [part('orders', 0, 3, 9, 40), part('orders', 1, 3, 9, 40), part('refunds', 0, 3, 9, 40)])];
    expect(applyMessageTimes(reports, new Map([[positionKey({ topic: 'orders', partition: 1, committed: 3 }), 0]]), 60_000)).toBe(1);
    expect(reports[0]!.assessment.partitions.map((p) => p.seconds.kind)).toEqual(['interpolated', 'exact', 'interpolated']);
  });

  it('turns every group at a read position exact, and never gives a negative age', () => {
    const now = 1_000_000;
    const shared = [
      report('indexer', [part('orders', 0, 3, 9, 40), part('orders', 1, 2, 4, 10)]),
      report('loader', [part('orders', 0, 3, 9, 40)]),
    ];
    const times = new Map([
      [positionKey({ topic: 'orders', partition: 0, committed: 3 }), now - 90_000],
      [positionKey({ topic: 'orders', partition: 1, committed: 2 }), now + 5_000], // producer clock ahead
    ]);
    expect(applyMessageTimes(shared, times, now)).toBe(3);
    expect(shared[0]!.assessment.partitions.map((p) => p.seconds)).toEqual([
      { seconds: 90, kind: 'exact' },
      { seconds: 0, kind: 'exact' },
    ]);
    expect(shared[1]!.assessment.partitions[0]!.seconds).toEqual({ seconds: 90, kind: 'exact' });
  });

  it('leaves a caught-up partition caught up even when its old position was read', () => {
    const reports = [report('indexer', [part('orders', 0, 9, 9, null)])];
    expect(applyMessageTimes(reports, new Map([[positionKey({ topic: 'orders', partition: 0, committed: 9 }), 1]]), 10_000)).toBe(0);
    expect(reports[0]!.assessment.partitions[0]!.seconds.kind).toBe('caught-up');
  });
});

describe('remembered message times', () => {
  const position = { topic: 'orders', partition: 0, committed: 3, end: 9 };

  it('are reused while their position stays among the worst, and forgotten once unseen for long', () => {
    const state = createLagState();
    rememberTimes(state, new Map([[positionKey(position), 500]]), 0);
    expect(rememberedTimes(state, [position], 60_000)).toEqual(new Map([[positionKey(position), 500]]));
    forgetUnseen(state, 60_000 + FORGET_AFTER_MS - 1);
    expect(state.messageTimes.size).toBe(1);
    forgetUnseen(state, 60_000 + FORGET_AFTER_MS + 1);
    expect(rememberedTimes(state, [position], 60_000 + FORGET_AFTER_MS + 2).size).toBe(0);
  });

  it('are dropped when the topic is recreated (its end offset went backwards): offset 3 is another message now', () => {
    const state = createLagState();
    recordEndOffsets(state, new Map([['orders', new Map([[0, 9]])]]), 0);
    rememberTimes(
      state,
      new Map([
        [positionKey(position), 500],
        [positionKey({ ...position, topic: 'orders-v2' }), 700],
      ]),
      0,
    );
    recordEndOffsets(state, new Map([['orders', new Map([[0, 4]])]]), 10_000);
    expect([...state.messageTimes.keys()]).toEqual([positionKey({ ...position, topic: 'orders-v2' })]);
  });
});
