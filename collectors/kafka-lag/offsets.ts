// Reading one lag job's offsets: the whole cluster, or one shard of it through the round this
// process shares between its shards of that cluster. Retries a client whose metadata went stale.
import type { ConsumerConfig } from '@/lib/config';
import { untilAborted } from '@/lib/async/timeout';
import type { RoundCache } from '@/lib/kafka/cluster-round';
import { kafkaError } from '@/lib/kafka/errors';
import { fetchClusterOffsets, fetchShardOffsets, StaleTopicMetadataError, type ClusterOffsets, type Limiter } from '@/lib/kafka/offsets';
import type { CollectContext } from '../types';
import type { KafkaLagTarget } from './target';

/** Configured groups and the topics each must report, merged when two consumers share a group. */
function requiredGroups(consumers: readonly ConsumerConfig[]): Map<string, string[]> {
  const required = new Map<string, string[]>();
  for (const c of consumers) required.set(c.group, [...new Set([...(required.get(c.group) ?? []), ...c.topics])]);
  return required;
}

// kafkajs requests take no abort signal: a broker that accepts connections but never answers would
// keep the run past its timeout, so these waits end as soon as the run is aborted.
const ABORTED = 'run aborted: collector timeout reached';

/** `at` is the run-clock time the end offsets were read at (a shared round's start). */
export async function fetchOffsets(
  ctx: CollectContext<KafkaLagTarget, unknown>,
  rounds: RoundCache,
  limiter: Limiter,
  batched = true,
): Promise<ClusterOffsets & { at: number }> {
  const { cluster, source, shard } = ctx.target;
  const required = requiredGroups(ctx.target.consumers);
  for (let attempt = 1; ; attempt++) {
    try {
      const admin = await untilAborted(ctx.clients.kafkaAdmin(cluster), ctx.signal, ABORTED).catch((error: unknown) => {
        throw kafkaError(error, `connecting to ${source.brokers.join(',')}`);
      });
      const now = ctx.now().getTime();
      const reads = batched ? ctx.clients.kafkaGroupReads(cluster) : undefined;
      if (shard.count <= 1) {
        return {
          ...(await untilAborted(fetchClusterOffsets(admin, { required, signal: ctx.signal, reads }), ctx.signal, ABORTED)),
          at: now,
        };
      }
      const round = rounds.roundFor(cluster, shard.index, admin, now, reads?.kafka);
      const offsets = await untilAborted(
        fetchShardOffsets(admin, round, shard, { required, signal: ctx.signal, limiter, reads }),
        ctx.signal,
        ABORTED,
      );
      return { ...offsets, at: round.startedAt };
    } catch (error) {
      const failure = kafkaError(error, `reading offsets from ${cluster}`);
      rounds.forget(cluster);
      // A client that failed to connect, timed out or was refused is rebuilt on the next run; one
      // whose metadata names a deleted topic is rebuilt at once and asked again. Not awaited: the
      // client is forgotten at once, while closing it may wait on a connect that is still hanging.
      if (failure instanceof StaleTopicMetadataError || ['network', 'timeout', 'auth'].includes(failure.kind)) {
        void ctx.clients.discard(cluster).catch(() => undefined);
      }
      // Topics deleted while we retry (busy test clusters) can stale the new client too; a few tries.
      if (failure instanceof StaleTopicMetadataError && attempt < 3) continue;
      throw failure;
    }
  }
}

export function notesOf(target: KafkaLagTarget, offsets: ClusterOffsets): string[] {
  const notes: string[] = [];
  const missing = new Set(offsets.missingTopics);
  const byId = new Map(offsets.groups.map((g) => [g.groupId, g]));
  for (const c of target.consumers) {
    const group = byId.get(c.group);
    // A sharded job speaks only for the configured groups its shard holds.
    if (!group) continue;
    for (const topic of c.topics) {
      if (missing.has(topic)) notes.push(`consumer ${c.name}: topic "${topic}" does not exist on cluster ${target.cluster}`);
    }
    if (!group.listed)
      notes.push(`consumer ${c.name}: group "${c.group}" is unknown to cluster ${target.cluster} (never committed, or expired)`);
  }
  return notes;
}
