// The frozen old rows, samples, summary and exact-lag positions (lib/kafka/report.ts and
// exact-lag.ts at commit f769e83): the second half of the yardstick bench-lag-assess.ts measures
// today's code against; the state and verdicts are in bench-lag-assess-baseline.ts. Do not "fix" it.
import { SERIES } from '@/lib/series-names';
import type { ConsumerGroupRow, ConsumerPartitionRow } from '@/lib/store/queries/consumer-snapshots';
import type { PartitionAssessment } from '@/lib/kafka/lag-state';
import type { GroupReport, LagSample } from '@/lib/kafka/report';
import { positionKey, topicLagsOf, type OldLagState } from './bench-lag-assess-baseline';

// ---- lib/kafka/report.ts
function worstSeconds(partitions: readonly PartitionAssessment[]): number | null {
  let worst: number | null = null;
  for (const p of partitions) {
    if (p.committed === null) continue;
    if (p.seconds.seconds === null) return null;
    worst = Math.max(worst ?? 0, p.seconds.seconds);
  }
  return worst;
}

export function oldSamplesOf(cluster: string, reports: readonly GroupReport[]): LagSample[] {
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

export function oldSnapshotRowsOf(reports: readonly GroupReport[]): { groups: ConsumerGroupRow[]; partitions: ConsumerPartitionRow[] } {
  const groups: ConsumerGroupRow[] = [];
  const partitions: ConsumerPartitionRow[] = [];
  for (const { group, assessment } of reports) {
    const { status } = assessment;
    const lags = assessment.partitions.filter((p) => p.lag !== null);
    groups.push({
      groupId: group.groupId,
      state: group.state,
      members: group.members ?? 0,
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

export function oldSummaryOf(reports: readonly GroupReport[]): string {
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

// ---- lib/kafka/exact-lag.ts
type Lagging = PartitionAssessment & { committed: number; lag: number; end: number };
const isLagging = (p: PartitionAssessment): p is Lagging => p.committed !== null && p.end !== null && p.lag !== null && p.lag > 0;

export function oldWorstPositions(reports: readonly GroupReport[], count: number, configured: ReadonlySet<string> = new Set()) {
  const byKey = new Map<string, Lagging & { configured: boolean }>();
  for (const { group, assessment } of reports) {
    for (const p of assessment.partitions) {
      if (!isLagging(p)) continue;
      const key = positionKey(p);
      const seen = byKey.get(key);
      if (!seen) byKey.set(key, { ...p, configured: configured.has(group.groupId) });
      else if (configured.has(group.groupId)) seen.configured = true;
    }
  }
  const score = (p: Lagging) => p.seconds.seconds ?? Infinity;
  return [...byKey.values()]
    .sort((a, b) => Number(b.configured) - Number(a.configured) || score(b) - score(a) || b.lag - a.lag)
    .slice(0, count)
    .map((p) => ({ topic: p.topic, partition: p.partition, committed: p.committed, end: p.end }));
}

export function oldApplyMessageTimes(reports: readonly GroupReport[], times: ReadonlyMap<string, number>, now: number): number {
  let applied = 0;
  for (const { assessment } of reports) {
    for (const p of assessment.partitions) {
      if (!isLagging(p)) continue;
      const written = times.get(positionKey(p));
      if (written === undefined) continue;
      p.seconds = { seconds: Math.max(0, (now - written) / 1000), kind: 'exact' };
      applied++;
    }
  }
  return applied;
}

export function oldRememberedTimes(
  state: OldLagState,
  positions: readonly { topic: string; partition: number; committed: number }[],
  now: number,
) {
  const known = new Map<string, number>();
  for (const p of positions) {
    const tracked = state.messageTimes.get(positionKey(p));
    if (!tracked) continue;
    tracked.seenAt = now;
    known.set(positionKey(p), tracked.value);
  }
  return known;
}
