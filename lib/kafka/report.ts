// Turns one run's assessments into what leaves the collector: samples per group and topic,
// snapshot rows per group and partition, a one-line summary and notes. Unknown stays unknown: a
// value that cannot be known (no commit, too few offset points) is left out, never written as 0.
// Each runs once per run over every partition (200,000 on a big cluster), so each walks a group's
// partitions once, without filtered copies or sets per group.
import { SERIES } from '@/lib/series-names';
import type { ConsumerGroupRow, ConsumerPartitionRow } from '@/lib/store/queries/consumer-snapshots';
import type { GroupAssessment, PartitionAssessment } from './lag-state';
import type { GroupOffsets } from './offsets';

export interface GroupReport {
  group: GroupOffsets;
  assessment: GroupAssessment;
}

export interface LagSample {
  metric: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Lag of some partitions (a group's, or a group's on one topic), folded one partition at a time:
 * messages summed over partitions with a commit, the others counted, and the worst lag in seconds.
 */
class LagTotals {
  /** null when no partition has a commit (unknown, not 0). */
  lag: number | null = null;
  withoutCommit = 0;
  private worstSeconds: number | null = null;
  private secondsUnknown = false;

  constructor(readonly topic: string) {}

  add(p: PartitionAssessment): void {
    if (p.lag === null) this.withoutCommit++;
    else this.lag = (this.lag ?? 0) + p.lag;
    if (p.committed === null || this.secondsUnknown) return;
    if (p.seconds.seconds === null) this.secondsUnknown = true;
    else this.worstSeconds = Math.max(this.worstSeconds ?? 0, p.seconds.seconds);
  }

  /** The worst lag in seconds, or null when any partition with a commit has no estimate yet (or none has a commit). */
  get seconds(): number | null {
    return this.secondsUnknown ? null : this.worstSeconds;
  }
}

/** Per topic, in order of first appearance. Partitions come topic by topic, so most groups need no lookup map. */
function topicTotalsOf(partitions: readonly PartitionAssessment[]): LagTotals[] {
  const totals: LagTotals[] = [];
  let byTopic: Map<string, LagTotals> | undefined;
  let current: LagTotals | undefined;
  for (const p of partitions) {
    if (current?.topic !== p.topic) {
      if (current) byTopic ??= new Map([[current.topic, current]]);
      current = byTopic?.get(p.topic);
      if (!current) {
        current = new LagTotals(p.topic);
        byTopic?.set(p.topic, current);
        totals.push(current);
      }
    }
    current.add(p);
  }
  return totals;
}

export function samplesOf(cluster: string, reports: readonly GroupReport[]): LagSample[] {
  const samples: LagSample[] = [];
  for (const { group, assessment } of reports) {
    if (group.members !== null)
      samples.push({ metric: SERIES.kafkaGroupMembers, labels: { cluster, group: group.groupId }, value: group.members });
    for (const topic of topicTotalsOf(assessment.partitions)) {
      const labels = { cluster, group: group.groupId, topic: topic.topic };
      samples.push({ metric: SERIES.kafkaPartitionsWithoutCommit, labels, value: topic.withoutCommit });
      if (topic.lag !== null) samples.push({ metric: SERIES.kafkaLagMessages, labels, value: topic.lag });
      const seconds = topic.seconds;
      if (seconds !== null) samples.push({ metric: SERIES.kafkaLagSeconds, labels, value: seconds });
    }
  }
  return samples;
}

export function snapshotRowsOf(reports: readonly GroupReport[]): { groups: ConsumerGroupRow[]; partitions: ConsumerPartitionRow[] } {
  const groups: ConsumerGroupRow[] = [];
  const partitions: ConsumerPartitionRow[] = [];
  for (const { group, assessment } of reports) {
    groups.push(groupRowOf(group, assessment));
    for (const p of assessment.partitions) {
      partitions.push({
        groupId: group.groupId,
        topic: p.topic,
        partition: p.partition,
        committedOffset: p.committed,
        endOffset: p.end,
        lagMessages: p.lag,
        lagSeconds: p.seconds.seconds,
        lagSecondsKind: p.seconds.kind === 'unknown' ? null : p.seconds.kind,
        verdict: p.verdict,
      });
    }
  }
  return { groups, partitions };
}

function groupRowOf(group: GroupOffsets, { partitions, status }: GroupAssessment): ConsumerGroupRow {
  const topics: string[] = [];
  const totals = new LagTotals('');
  for (const p of partitions) {
    if (topics.at(-1) !== p.topic && !topics.includes(p.topic)) topics.push(p.topic);
    totals.add(p);
  }
  return {
    groupId: group.groupId,
    state: group.state,
    members: group.members ?? 0, // the column is NOT NULL; state 'Unknown' says why it is 0
    topics,
    lagMessages: totals.lag,
    lagSeconds: totals.seconds,
    verdict: status.verdict,
    worstPartition: status.worst ? `${status.worst.topic}[${status.worst.partition}]` : null,
    windowComplete: status.complete,
  };
}

/** e.g. "42 groups, 310 partitions, max lag 1200 msgs (orders-indexer/order-events[3]), 2 ERR". */
export function summaryOf(reports: readonly GroupReport[]): string {
  let partitions = 0;
  let errors = 0;
  // The worst partition is named once at the end, not each time a bigger lag turns up.
  let maxLag: number | null = null;
  let maxAt: { group: GroupOffsets; partition: PartitionAssessment } | null = null;
  for (const { group, assessment } of reports) {
    partitions += assessment.partitions.length;
    if (assessment.status.verdict === 'ERR') errors++;
    for (const p of assessment.partitions) {
      if (p.lag === null || (maxLag !== null && p.lag <= maxLag)) continue;
      maxLag = p.lag;
      maxAt = { group, partition: p };
    }
  }
  const parts = [`${reports.length} groups`, `${partitions} partitions`];
  if (maxLag === null || !maxAt) parts.push('no committed offsets');
  else if (maxLag === 0) parts.push('no lag');
  else parts.push(`max lag ${maxLag} msgs (${maxAt.group.groupId}/${maxAt.partition.topic}[${maxAt.partition.partition}])`);
  if (errors) parts.push(`${errors} ERR`);
  return parts.join(', ');
}
