// Exact lag seconds for the worst partitions of one lag job (docs/algorithms.md "Exact lag for the
// worst partitions"). A shard reads only its configured consumers' groups: the ones that feed
// SLOs. Otherwise a cluster of N shards would cost N times the throwaway reader groups per run.
import { kafkaError } from '@/lib/kafka/errors';
import { applyMessageTimes, readMessageTimes, rememberedTimes, rememberTimes, worstPositions } from '@/lib/kafka/exact-lag';
import { positionKey } from '@/lib/kafka/lag-state';
import type { GroupReport } from '@/lib/kafka/report';
import type { CollectContext } from '../types';
import type { KafkaLagTarget } from './target';
import type { LagJobState } from './takeover';

/** Share of the run's timeout the exact reads may end by; the rest is for leaving and deleting the reader groups. */
const EXACT_READ_SHARE = 0.75;
/** Below this the throwaway group could not even join: skip the reads and say so. */
const MIN_EXACT_READ_MS = 1_000;

/** Replaces the estimates of the worst partitions with exact figures; returns notes, never throws. */
export async function addExactSeconds(
  ctx: CollectContext<KafkaLagTarget, LagJobState>,
  reports: GroupReport[],
  now: number,
  startedMs: number,
): Promise<string[]> {
  const { cluster, shard, source, consumers } = ctx.target;
  const configured = new Set(consumers.map((c) => c.group));
  const candidates = shard.count > 1 ? reports.filter((r) => configured.has(r.group.groupId)) : reports;
  const positions = worstPositions(candidates, source.exactLagPartitions, configured);
  if (positions.length === 0) return [];
  const state = ctx.state.lag;
  const times = rememberedTimes(state, positions, now);
  const unread = positions.filter((p) => !times.has(positionKey(p)));
  const notes: string[] = [];
  if (unread.length > 0) {
    const deadlineMs = ctx.config.collectors.timeoutSeconds * 1000 * EXACT_READ_SHARE - (performance.now() - startedMs);
    if (deadlineMs < MIN_EXACT_READ_MS) {
      notes.push(`exact lag seconds skipped: reading offsets used up the run's time; estimates kept for ${unread.length} partition(s)`);
    } else {
      try {
        const admin = await ctx.clients.kafkaAdmin(cluster);
        const read = await readMessageTimes(ctx.clients.kafka(cluster), admin, unread, { deadlineMs, signal: ctx.signal });
        rememberTimes(state, read.times, now);
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
