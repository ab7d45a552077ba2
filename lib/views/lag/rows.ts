// What both lag loaders build from the stored snapshot: a group's row (judged for age) and, per
// Kafka cluster, how old its snapshot is and how the kafka-lag collector is doing. Server-only: it
// reads the config's sources.
import 'server-only';
import type { KafkaSource } from '../../config';
import { serverConfig } from '../../server-config';
import type { ClusterSnapshotSummary, ConsumerGroupRow } from '../../store/queries/consumer-snapshots';
import type { ScrapeStatusWithNotes } from '../../store/queries/scrape-status';
import { isStale } from '../shared/freshness';
import { COLLECTORS } from '../shared/stage-scrape';
import type { ClusterSummary, LagGroupRow } from './schema';
import { clusterScrape } from './shard-scrape';

export const LAG_COLLECTOR = COLLECTORS.kafkaLag;

export function groupRow(g: ConsumerGroupRow & { updatedAt: Date }, cluster: string, nowMs: number, staleAfter: number): LagGroupRow {
  return {
    cluster,
    groupId: g.groupId,
    state: g.state,
    members: g.members,
    topics: g.topics,
    lagMessages: g.lagMessages,
    lagSeconds: g.lagSeconds,
    verdict: g.verdict,
    worstPartition: g.worstPartition,
    windowComplete: g.windowComplete,
    updatedAt: g.updatedAt.toISOString(),
    stale: isStale(g.updatedAt, nowMs, staleAfter),
  };
}

function kafkaSources(): KafkaSource[] {
  return Object.values(serverConfig().sources).filter((s): s is KafkaSource => s.kind === 'kafka');
}

export function kafkaClusters(): string[] {
  return kafkaSources().map((s) => s.name);
}

/** How many lag shards the config splits `cluster` into (1 when it is not configured). */
export function lagShardsOf(cluster: string): number {
  return kafkaSources().find((s) => s.name === cluster)?.lagShards ?? 1;
}

/** Configured clusters first (even without a snapshot: that is news), then any others the store holds. */
export function clusterSummaries(
  snapshots: ClusterSnapshotSummary[],
  scrapes: ScrapeStatusWithNotes[],
  nowMs: number,
  staleAfter: number,
): ClusterSummary[] {
  const configured = kafkaClusters();
  const byName = new Map(snapshots.map((s) => [s.cluster, s]));
  const names = [...configured, ...snapshots.map((s) => s.cluster).filter((c) => !configured.includes(c))];
  return names.map((cluster) => {
    const snap = byName.get(cluster);
    const isConfigured = configured.includes(cluster);
    const scraped = isConfigured ? clusterScrape(LAG_COLLECTOR, cluster, lagShardsOf(cluster), scrapes, nowMs, staleAfter) : null;
    return {
      cluster,
      groups: snap?.groups ?? 0,
      snapshotAt: snap?.snapshotAt.toISOString() ?? null,
      configured: isConfigured,
      // A cluster no longer in the config has no collector: its snapshot only ages.
      scrape: scraped?.scrape ?? null,
      notes: scraped?.notes ?? [],
    };
  });
}
