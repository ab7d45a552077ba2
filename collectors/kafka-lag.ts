// Kafka consumer lag, per cluster or per lag shard of a cluster: every consumer group Kafka lists
// (so the groups page can show all of them) plus the configured consumers' groups even before
// Kafka knows them. Lag in messages and seconds (estimated from offset/time points, exact for the
// few worst partitions), Burrow-style verdicts, and one consumer-groups snapshot per run, which the
// runner writes. A big cluster splits into shards by group id (lagShards), each its own leased job;
// the shards one process holds share the cluster listing and end offsets of a run (ClusterRound).
import type { TruthflowConfig } from '@/lib/config';
import { RoundCache } from '@/lib/kafka/cluster-round';
import { Limiter } from '@/lib/kafka/offsets';
import { assessGroupOffsets, forgetUnseen, recordEndOffsets } from '@/lib/kafka/lag-state';
import { samplesOf, snapshotRowsOf, summaryOf, type GroupReport } from '@/lib/kafka/report';
import { GROUPS_PER_SHARD, suggestedShards } from '@/lib/kafka/shards';
import { addExactSeconds } from './kafka-lag/exact';
import { fetchOffsets, notesOf } from './kafka-lag/offsets';
import { beginRun, createLagJobState, type LagJobState } from './kafka-lag/takeover';
import { kafkaLagTargets, type KafkaLagTarget } from './kafka-lag/target';
import type { Collector, ConsumerGroupsSnapshot } from './types';

export type { KafkaLagTarget } from './kafka-lag/target';

/** OffsetFetch and DescribeGroups calls one process has in flight per cluster, all its shards together. */
const GROUP_CALLS_IN_FLIGHT = 16;

export interface KafkaLagOptions {
  /** False reads every group with its own kafkajs requests, as before batched reads: the benchmark's baseline. */
  batchedGroupReads?: boolean;
}

/**
 * One collector per process: its round cache is what the process's shards of a cluster share. A
 * round older than this is not reused (shards of one process run within about a second of each other).
 */
export function createKafkaLagCollector(roundMaxAgeMs = 2_000, opts: KafkaLagOptions = {}): Collector<KafkaLagTarget, LagJobState> {
  const rounds = new RoundCache(roundMaxAgeMs);
  // Per cluster: the shards of one process together make as many calls at once as one unsharded job.
  const limiters = new Map<string, Limiter>();
  const limiterOf = (cluster: string) => limiters.get(cluster) ?? limiters.set(cluster, new Limiter(GROUP_CALLS_IN_FLIGHT)).get(cluster)!;
  return {
    name: 'kafka-lag',
    targets: (config: TruthflowConfig) => kafkaLagTargets(config),
    initialState: () => createLagJobState(),
    async collect(ctx) {
      const startedMs = performance.now();
      const { cluster, shard } = ctx.target;
      const notes = beginRun(ctx.state, ctx.config.collectors.intervalSeconds, ctx.now().getTime());
      const state = ctx.state.lag;
      const offsets = await fetchOffsets(ctx, rounds, limiterOf(cluster), opts.batchedGroupReads ?? true);
      const now = ctx.now();
      const at = now.getTime();
      recordEndOffsets(state, offsets.endOffsets, Math.min(offsets.at, at));
      const reports: GroupReport[] = offsets.groups.map((group) => ({
        group,
        assessment: assessGroupOffsets(state, group, offsets.endOffsets, at),
      }));
      forgetUnseen(state, at);
      notes.push(...notesOf(ctx.target, offsets), ...shardingNotes(ctx.target, offsets.groups.length));
      notes.push(...(await addExactSeconds(ctx, reports, at, startedMs)));
      const snapshot: ConsumerGroupsSnapshot = {
        kind: 'consumer-groups',
        cluster,
        at: now,
        ...(shard.count > 1 ? { shard } : {}),
        ...snapshotRowsOf(reports),
      };
      return { samples: samplesOf(cluster, reports), snapshots: [snapshot], summary: summaryOf(reports), notes };
    },
  };
}

/** Says when a job holds far more groups than one process comfortably reads in an interval. */
function shardingNotes(target: KafkaLagTarget, groups: number): string[] {
  if (groups <= 2 * GROUPS_PER_SHARD) return [];
  const wanted = suggestedShards(groups * target.shard.count);
  return [`${groups} groups in this lag job: set lagShards: ${wanted} on source ${target.cluster} to spread it over collectors processes`];
}

export const kafkaLagCollector = createKafkaLagCollector();
