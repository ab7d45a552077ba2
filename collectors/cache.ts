// Cache collector (Redis): per configured cache, INFO from every node its redis source lists
// (standalone, primary + replicas, Sentinel-managed or cluster nodes alike: each node is read on its
// own). Role and replication link, role changes (a failover) as events, evicted and expired keys
// per second, hit ratio, memory used vs maxmemory, connected clients. See docs/algorithms.md
// "Cache health".
//
// Role changes are stored as a series with the change in its labels (cache_role_change{cache,
// node, from, to} = 1 at the run that saw it), so the feature timeline reads them like any other
// sample, with no table of their own. A node that does not answer gets a note and no figures; if
// none answers the run fails, so the scrape status says "could not connect" instead of showing 0.
import type { RedisSource } from '@/lib/config/schema-sources';
import type { CacheConfig } from '@/lib/config/schema-flows';
import { untilAborted } from '@/lib/async/timeout';
import {
  assessCache,
  emptyCacheMemory,
  type CacheAssessment,
  type CacheMemory,
  type NodeHealth,
  type NodeObservation,
} from '@/lib/cache/health';
import { parseRedisInfo } from '@/lib/cache/info';
import { TruthflowError, errorKindOf } from '@/lib/errors';
import { SERIES } from '@/lib/series-names';
import type { CollectContext, Collector, JobOutput, SampleInput } from './types';

type Ctx = CollectContext<CacheConfig, CacheMemory>;

async function observe(ctx: Ctx, node: string): Promise<{ observation: NodeObservation; error?: TruthflowError }> {
  const at = ctx.now().getTime();
  try {
    const client = ctx.clients.redis(ctx.target.source, node);
    const text = await untilAborted(client.info(), ctx.signal);
    return { observation: { node, info: parseRedisInfo(text, node), at } };
  } catch (error) {
    const e = error instanceof TruthflowError ? error : new TruthflowError(errorKindOf(error), String((error as Error)?.message ?? error));
    return { observation: { node, info: null, at }, error: e };
  }
}

export const cacheCollector: Collector<CacheConfig, CacheMemory> = {
  name: 'cache',
  targets: (config) => config.caches,
  initialState: emptyCacheMemory,
  async collect(ctx) {
    const source = ctx.config.sources[ctx.target.source];
    if (source?.kind !== 'redis') throw new TruthflowError('config', `source "${ctx.target.source}" is not a redis source`);
    const results = await Promise.all((source as RedisSource).nodes.map((node) => observe(ctx, node)));
    const failed = results.filter((r) => r.error);
    if (failed.length === results.length) {
      const first = failed[0]!.error!;
      throw new TruthflowError(
        first.kind,
        `cache "${ctx.target.name}": no node answered (${failed.map((r) => `${r.observation.node}: ${r.error!.message}`).join('; ')})`,
      );
    }
    const assessment = assessCache(
      results.map((r) => r.observation),
      ctx.state,
    );
    Object.assign(ctx.state, assessment.memory);
    const notes = failed.map((r) => `node ${r.observation.node} did not answer: ${r.error!.message}`);
    return output(ctx.target.name, assessment, notes, (source as RedisSource).topology);
  },
};

function nodeSamples(cache: string, n: NodeHealth): SampleInput[] {
  const labels = { cache, node: n.node };
  const figures: [string, number | null][] = [
    [SERIES.cacheNodeIsPrimary, n.role === null ? null : n.role === 'primary' ? 1 : 0],
    [SERIES.cacheReplicationLinkUp, n.linkUp === null ? null : n.linkUp ? 1 : 0],
    [SERIES.cacheEvictionsPerSecond, n.evictionsPerSecond],
    [SERIES.cacheExpiredPerSecond, n.expiredPerSecond],
    [SERIES.cacheHitRatio, n.hitRatio],
    [SERIES.cacheMemoryUsedBytes, n.usedMemory],
    [SERIES.cacheMemoryUsedRatio, n.usedMemoryRatio],
    [SERIES.cacheConnectedClients, n.connectedClients],
  ];
  const samples: SampleInput[] = figures.flatMap(([metric, value]) => (value === null ? [] : [{ metric, labels, value }]));
  if (n.roleChange) samples.push({ metric: SERIES.cacheRoleChange, labels: { ...labels, ...n.roleChange }, value: 1 });
  return samples;
}

function output(cache: string, a: CacheAssessment, notes: string[], topology: RedisSource['topology']): JobOutput {
  const samples = a.nodes.flatMap((n) => nodeSamples(cache, n));
  const totals: [string, number | null][] = [
    [SERIES.cacheHitRatio, a.hitRatio],
    [SERIES.cacheEvictionsPerSecond, a.evictionsPerSecond],
    [SERIES.cacheExpiredPerSecond, a.expiredPerSecond],
    [SERIES.cacheNodesUpRatio, a.upRatio],
  ];
  for (const [metric, value] of totals) if (value !== null) samples.push({ metric, labels: { cache }, value });
  for (const n of a.nodes) {
    if (n.roleChange) notes.push(`node ${n.node} changed role from ${n.roleChange.from} to ${n.roleChange.to} (failover)`);
    if (n.linkUp === false) notes.push(`replica ${n.node} has lost its link to the primary`);
  }
  const primaries = a.nodes.filter((n) => n.role === 'primary').length;
  // One primary among replicas; a cluster has one per shard, so only the replicated layouts are checked.
  if ((topology === 'replicated' || topology === 'sentinel') && primaries !== 1)
    notes.push(`${primaries} nodes answer as primary, expected 1`);
  const summary = [
    `${a.nodes.filter((n) => n.up).length}/${a.nodes.length} nodes up`,
    a.hitRatio === null ? 'hit ratio unknown' : `hit ratio ${(a.hitRatio * 100).toFixed(1)} %`,
    a.evictionsPerSecond === null ? 'no rates yet' : `${a.evictionsPerSecond.toFixed(2)} evictions/s`,
  ];
  return { samples, summary: summary.join(', '), notes: notes.length ? notes : undefined };
}
