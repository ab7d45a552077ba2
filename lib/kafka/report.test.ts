import { describe, expect, it } from 'vitest';
import { SERIES } from '@/lib/series-names';
import type { PartitionAssessment } from './lag-state';
import { samplesOf, snapshotRowsOf, summaryOf, type GroupReport } from './report';
import { evaluateGroup } from './verdict';

const part = (partition: number, committed: number | null, end: number, seconds: number | null, topic = 'orders'): PartitionAssessment => ({
  topic,
  partition,
  committed,
  end,
  lag: committed === null ? null : end - committed,
  seconds: { seconds, kind: seconds === null ? 'unknown' : 'interpolated' },
  verdict: committed === null ? 'unknown' : 'OK',
  complete: committed === null ? 0 : 0.5,
});

const report = (partitions: PartitionAssessment[]): GroupReport => ({
  group: { groupId: 'indexer', state: 'Stable', members: 2, listed: true, committed: new Map(), requiredTopics: [] },
  assessment: { partitions, status: evaluateGroup(partitions) },
});

describe('samplesOf', () => {
  it('writes lag seconds only when every committed partition has an estimate (unknown is not 0)', () => {
    const unknown = samplesOf('events', [report([part(0, 5, 10, 12), part(1, 5, 9, null)])]);
    expect(unknown.find((s) => s.metric === SERIES.kafkaLagSeconds)).toBeUndefined();
    expect(unknown.find((s) => s.metric === SERIES.kafkaLagMessages)?.value).toBe(9);
    const known = samplesOf('events', [report([part(0, 5, 10, 12), part(1, 5, 9, 30), part(2, null, 4, null)])]);
    expect(known.find((s) => s.metric === SERIES.kafkaLagSeconds)?.value).toBe(30);
    expect(known.find((s) => s.metric === SERIES.kafkaPartitionsWithoutCommit)?.value).toBe(1);
    expect(known.every((s) => Number.isFinite(s.value))).toBe(true);
  });

  it('writes no lag at all for a topic without any commit', () => {
    const samples = samplesOf('events', [report([part(0, null, 4, null)])]);
    expect(samples.map((s) => s.metric).sort()).toEqual([SERIES.kafkaGroupMembers, SERIES.kafkaPartitionsWithoutCommit].sort());
  });
});

describe('snapshotRowsOf and summaryOf', () => {
  it('sums the group lag over committed partitions and names the worst partition', () => {
    const reports = [report([part(0, 5, 10, 12), part(1, 1, 9, 30), part(2, null, 4, null)])];
    const { groups, partitions } = snapshotRowsOf(reports);
    expect(groups[0]).toMatchObject({ lagMessages: 13, lagSeconds: 30, verdict: 'OK', worstPartition: 'orders[1]', windowComplete: 0.5 });
    expect(partitions[2]).toMatchObject({ committedOffset: null, lagMessages: null, lagSeconds: null, lagSecondsKind: null });
    expect(summaryOf(reports)).toBe('1 groups, 3 partitions, max lag 8 msgs (indexer/orders[1])');
  });
});

describe('a group reading several topics', () => {
  it('totals each topic on its own, in order of first appearance, even when its partitions are not together', () => {
    const reports = [
      report([
        part(0, 5, 10, 12),
        part(0, 1, 2, null, 'refunds'),
        part(1, 5, 9, 30),
        part(1, null, 7, null, 'refunds'),
        part(0, 0, 3, 4, 'audit'),
      ]),
    ];
    const byTopic = (metric: string) =>
      samplesOf('events', reports)
        .filter((s) => s.metric === metric)
        .map((s) => [s.labels.topic, s.value]);
    expect(byTopic(SERIES.kafkaLagMessages)).toEqual([
      ['orders', 9],
      ['refunds', 1],
      ['audit', 3],
    ]);
    expect(byTopic(SERIES.kafkaLagSeconds)).toEqual([
      ['orders', 30],
      ['audit', 4],
    ]); // refunds has a commit without an estimate: unknown
    expect(byTopic(SERIES.kafkaPartitionsWithoutCommit)).toEqual([
      ['orders', 0],
      ['refunds', 1],
      ['audit', 0],
    ]);
    expect(snapshotRowsOf(reports).groups[0]).toMatchObject({ topics: ['orders', 'refunds', 'audit'], lagMessages: 13, lagSeconds: null });
  });
});
