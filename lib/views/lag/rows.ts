// What both lag loaders build from the stored snapshot: a group's row (judged for age) and, per
// Kafka cluster, how old its snapshot is and how the kafka-lag collector is doing. Server-only: it
// reads the config's sources.
import 'server-only';
import type { KafkaSource } from '../../config';
import { serverConfig } from '../../server-config';
import type { ClusterSnapshotSummary, ConsumerGroupRow } from '../../store/queries/consumer-snapshots';
import type { ScrapeStatusWithNotes } from '../../store/queries/scrape-status';
import { isStale } from '../shared/freshness';
import { COLLECTORS, describeScrape, scrapeLookup } from '../shared/stage-scrape';
import type { ClusterSummary, LagGroupRow } from './schema';

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

export function kafkaClusters(): string[] {
  return Object.values(serverConfig().sources)
    .filter((s): s is KafkaSource => s.kind === 'kafka')
    .map((s) => s.name);
}

/** Configured clusters first (even without a snapshot: that is news), then any others the store holds. */
export function clusterSummaries(
  snapshots: ClusterSnapshotSummary[],
  scrapes: ScrapeStatusWithNotes[],
  nowMs: number,
  staleAfter: number,
): ClusterSummary[] {
  const configured = kafkaClusters();
  const lookup = scrapeLookup(scrapes);
  const byName = new Map(snapshots.map((s) => [s.cluster, s]));
  const names = [...configured, ...snapshots.map((s) => s.cluster).filter((c) => !configured.includes(c))];
  return names.map((cluster) => {
    const snap = byName.get(cluster);
    const isConfigured = configured.includes(cluster);
    const target = { collector: LAG_COLLECTOR, source: cluster };
    return {
      cluster,
      groups: snap?.groups ?? 0,
      snapshotAt: snap?.snapshotAt.toISOString() ?? null,
      configured: isConfigured,
      // A cluster no longer in the config has no collector: its snapshot only ages.
      scrape: isConfigured ? describeScrape(target, lookup(LAG_COLLECTOR, cluster), nowMs, staleAfter) : null,
    };
  });
}
