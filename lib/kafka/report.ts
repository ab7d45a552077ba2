// Turns one run's assessments into what leaves the collector: samples per group and topic,
// snapshot rows per group and partition, a one-line summary and notes. Unknown stays unknown: a
// value that cannot be known (no commit, too few offset points) is left out, never written as 0.
import { SERIES } from '@/lib/series-names';
import type { ConsumerGroupRow, ConsumerPartitionRow } from '@/lib/store/queries/consumer-snapshots';
import { topicLagsOf } from './lag';
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

/** The worst lag in seconds, or null when any partition with a commit has no estimate yet. */
function worstSeconds(partitions: readonly PartitionAssessment[]): number | null {
  let worst: number | null = null;
  for (const p of partitions) {
    if (p.committed === null) continue;
    if (p.seconds.seconds === null) return null;
    worst = Math.max(worst ?? 0, p.seconds.seconds);
  }
  return worst;
}

export function samplesOf(cluster: string, reports: readonly GroupReport[]): LagSample[] {
  const samples: LagSample[] = [];
  for (const { group, assessment } of reports) {
    if (group.members !== null)
      samples.push({ metric: SERIES.kafkaGroupMembers, labels: { cluster, group: group.groupId }, value: group.members });
    for (const topic of topicLagsOf(assessment.partitions)) {
      const labels = { cluster, group: group.groupId, topic: topic.topic };
      samples.push({ metric: SERIES.kafkaPartitionsWithoutCommit, labels, value: topic.withoutCommit });
      if (topic.lag !== null) samples.push({ metric: SERIES.kafkaLagMessages, labels, value: topic.lag });
      const seconds = worstSeconds(assessment.partitions.filter((p) => p.topic === topic.topic));
      if (seconds !== null) samples.push({ metric: SERIES.kafkaLagSeconds, labels, value: seconds });
    }
  }
  return samples;
}

export function snapshotRowsOf(reports: readonly GroupReport[]): { groups: ConsumerGroupRow[]; partitions: ConsumerPartitionRow[] } {
  const groups: ConsumerGroupRow[] = [];
  const partitions: ConsumerPartitionRow[] = [];
  for (const { group, assessment } of reports) {
    const { status } = assessment;
    const lags = assessment.partitions.filter((p) => p.lag !== null);
    groups.push({
      groupId: group.groupId,
      state: group.state,
      members: group.members ?? 0, // the column is NOT NULL; state 'Unknown' says why it is 0
      topics: [...new Set(assessment.partitions.map((p) => p.topic))],
      lagMessages: lags.length ? lags.reduce((sum, p) => sum + p.lag!, 0) : null,
      lagSeconds: worstSeconds(assessment.partitions),
      verdict: status.verdict,
      worstPartition: status.worst ? `${status.worst.topic}[${status.worst.partition}]` : null,
      windowComplete: status.complete,
    });
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

/** e.g. "42 groups, 310 partitions, max lag 1200 msgs (orders-indexer/order-events[3]), 2 ERR". */
export function summaryOf(reports: readonly GroupReport[]): string {
  let partitions = 0;
  let max: { lag: number; where: string } | null = null;
  let errors = 0;
  for (const { group, assessment } of reports) {
    partitions += assessment.partitions.length;
    if (assessment.status.verdict === 'ERR') errors++;
    for (const p of assessment.partitions) {
      if (p.lag !== null && (max === null || p.lag > max.lag)) max = { lag: p.lag, where: `${group.groupId}/${p.topic}[${p.partition}]` };
    }
  }
  const parts = [
    `${reports.length} groups`,
    `${partitions} partitions`,
    !max ? 'no committed offsets' : max.lag === 0 ? 'no lag' : `max lag ${max.lag} msgs (${max.where})`,
  ];
  if (errors) parts.push(`${errors} ERR`);
  return parts.join(', ');
}
