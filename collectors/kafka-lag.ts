// Kafka consumer lag, per cluster: every consumer group Kafka lists (so the groups page can show
// all of them) plus the configured consumers' groups even before Kafka knows them. Lag in
// messages and seconds (estimated from offset/time points, exact for the few worst partitions),
// Burrow-style verdicts, and one consumer-groups snapshot per run, which the runner writes.
import type { ConsumerConfig, KafkaSource, TruthflowConfig } from '@/lib/config';
import { untilAborted } from '@/lib/async/timeout';
import { kafkaError } from '@/lib/kafka/errors';
import { applyMessageTimes, readMessageTimes, rememberedTimes, rememberTimes, worstPositions } from '@/lib/kafka/exact-lag';
import { partitionLagsOf } from '@/lib/kafka/lag';
import { assessGroup, createLagState, forgetUnseen, positionKey, recordEndOffsets, type LagState } from '@/lib/kafka/lag-state';
import { fetchClusterOffsets, StaleTopicMetadataError, type ClusterOffsets } from '@/lib/kafka/offsets';
import { samplesOf, snapshotRowsOf, summaryOf, type GroupReport } from '@/lib/kafka/report';
import type { CollectContext, Collector, ConsumerGroupsSnapshot } from './types';

export interface KafkaLagTarget {
  /** The kafka source's name, which is also the `cluster` label. */
  name: string;
  source: KafkaSource;
  consumers: ConsumerConfig[];
}

type Ctx = CollectContext<KafkaLagTarget, LagState>;

export const kafkaLagCollector: Collector<KafkaLagTarget, LagState> = {
  name: 'kafka-lag',
  targets(config: TruthflowConfig): KafkaLagTarget[] {
    return Object.values(config.sources)
      .filter((s): s is KafkaSource => s.kind === 'kafka')
      .map((source) => ({ name: source.name, source, consumers: config.consumers.filter((c) => c.source === source.name) }));
  },
  initialState: () => createLagState(),
  async collect(ctx) {
    const startedMs = performance.now();
    const cluster = ctx.target.name;
    const offsets = await fetchOffsets(ctx);
    const now = ctx.now();
    const at = now.getTime();
    recordEndOffsets(ctx.state, offsets.endOffsets, at);
    const reports: GroupReport[] = offsets.groups.map((group) => ({
      group,
      assessment: assessGroup(ctx.state, group.groupId, group.members, partitionLagsOf(group, offsets.endOffsets), at),
    }));
    forgetUnseen(ctx.state, at);
    const notes = notesOf(ctx.target, offsets);
    notes.push(...(await addExactSeconds(ctx, reports, at, startedMs)));
    const snapshot: ConsumerGroupsSnapshot = { kind: 'consumer-groups', cluster, at: now, ...snapshotRowsOf(reports) };
    return { samples: samplesOf(cluster, reports), snapshots: [snapshot], summary: summaryOf(reports), notes };
  },
};

/** Share of the run's timeout the exact reads may end by; the rest is for leaving and deleting the reader groups. */
const EXACT_READ_SHARE = 0.75;
/** Below this the throwaway group could not even join: skip the reads and say so. */
const MIN_EXACT_READ_MS = 1_000;

/** Replaces the estimates of the worst partitions with exact figures; returns notes, never throws. */
async function addExactSeconds(ctx: Ctx, reports: GroupReport[], now: number, startedMs: number): Promise<string[]> {
  const configured = new Set(ctx.target.consumers.map((c) => c.group));
  const positions = worstPositions(reports, ctx.target.source.exactLagPartitions, configured);
  if (positions.length === 0) return [];
  const times = rememberedTimes(ctx.state, positions, now);
  const unread = positions.filter((p) => !times.has(positionKey(p)));
  const notes: string[] = [];
  if (unread.length > 0) {
    const deadlineMs = ctx.config.collectors.timeoutSeconds * 1000 * EXACT_READ_SHARE - (performance.now() - startedMs);
    if (deadlineMs < MIN_EXACT_READ_MS) {
      notes.push(`exact lag seconds skipped: reading offsets used up the run's time; estimates kept for ${unread.length} partition(s)`);
    } else {
      try {
        const admin = await ctx.clients.kafkaAdmin(ctx.target.name);
        const read = await readMessageTimes(ctx.clients.kafka(ctx.target.name), admin, unread, { deadlineMs, signal: ctx.signal });
        rememberTimes(ctx.state, read.times, now);
        for (const [key, at] of read.times) times.set(key, at);
        notes.push(...read.notes);
      } catch (error) {
        notes.push(`exact lag seconds unavailable (${kafkaError(error, 'connecting').message}); estimates kept`);
      }
    }
  }
  applyMessageTimes(reports, times, now);
  return notes;
}

/** Configured groups and the topics each must report, merged when two consumers share a group. */
function requiredGroups(consumers: readonly ConsumerConfig[]): Map<string, string[]> {
  const required = new Map<string, string[]>();
  for (const c of consumers) required.set(c.group, [...new Set([...(required.get(c.group) ?? []), ...c.topics])]);
  return required;
}

// kafkajs requests take no abort signal: a broker that accepts connections but never answers would
// keep the run past its timeout, so these waits end as soon as the run is aborted.
const ABORTED = 'run aborted: collector timeout reached';

async function fetchOffsets(ctx: Ctx): Promise<ClusterOffsets> {
  const { name, source } = ctx.target;
  const required = requiredGroups(ctx.target.consumers);
  for (let attempt = 1; ; attempt++) {
    try {
      const admin = await untilAborted(ctx.clients.kafkaAdmin(name), ctx.signal, ABORTED).catch((error: unknown) => {
        throw kafkaError(error, `connecting to ${source.brokers.join(',')}`);
      });
      return await untilAborted(fetchClusterOffsets(admin, { required, signal: ctx.signal }), ctx.signal, ABORTED);
    } catch (error) {
      const failure = kafkaError(error, `reading offsets from ${name}`);
      // A client that failed to connect, timed out or was refused is rebuilt on the next run; one
      // whose metadata names a deleted topic is rebuilt at once and asked again. Not awaited: the
      // client is forgotten at once, while closing it may wait on a connect that is still hanging.
      if (failure instanceof StaleTopicMetadataError || ['network', 'timeout', 'auth'].includes(failure.kind)) {
        void ctx.clients.discard(name).catch(() => undefined);
      }
      // Topics deleted while we retry (busy test clusters) can stale the new client too; a few tries.
      if (failure instanceof StaleTopicMetadataError && attempt < 3) continue;
      throw failure;
    }
  }
}

function notesOf(target: KafkaLagTarget, offsets: ClusterOffsets): string[] {
  const notes: string[] = [];
  const missing = new Set(offsets.missingTopics);
  for (const c of target.consumers) {
    for (const topic of c.topics) {
      if (missing.has(topic)) notes.push(`consumer ${c.name}: topic "${topic}" does not exist on cluster ${target.name}`);
    }
    const group = offsets.groups.find((g) => g.groupId === c.group);
    if (group && !group.listed)
      notes.push(`consumer ${c.name}: group "${c.group}" is unknown to cluster ${target.name} (never committed, or expired)`);
  }
  return notes;
}
