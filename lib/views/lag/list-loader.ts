// Data for `/lag` and `GET /api/lag`: one page of consumer groups, sorted and filtered in the
// store, the counts the pager and the verdict filter need, and per cluster how old its snapshot is
// and how the kafka-lag collector is doing. A store that cannot be read is reported in the body.
import type { KafkaSource } from '../config';
import { serverConfig } from '../server-config';
import { listConsumerGroups, listSnapshotClusters, type ClusterSnapshotSummary, type ConsumerGroupRow } from '../store/queries/consumer-snapshots';
import { listScrapeStatusOf, type ScrapeStatusWithNotes } from '../store/queries/scrape-status';
import { isStale, staleAfterSeconds } from './freshness';
import { pageCount, type LagListParams } from './lag-params';
import type { ClusterSummary, LagGroupRow, LagGroupsData } from './lag-schema';
import { describeScrape, scrapeLookup } from './stage-scrape';

export const LAG_COLLECTOR = 'kafka-lag';

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
export function clusterSummaries(snapshots: ClusterSnapshotSummary[], scrapes: ScrapeStatusWithNotes[], nowMs: number, staleAfter: number): ClusterSummary[] {
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

export async function loadLagGroups(params: LagListParams): Promise<LagGroupsData> {
  const now = new Date();
  const nowMs = now.getTime();
  const staleAfter = staleAfterSeconds(serverConfig().collectors.intervalSeconds);
  const base = { generatedAt: now.toISOString(), staleAfterSeconds: staleAfter, params };
  try {
    const [page, snapshots, scrapes] = await Promise.all([
      listConsumerGroups({ cluster: params.cluster, verdict: params.verdict, prefix: params.q, sort: params.sort, dir: params.dir, page: params.page, pageSize: params.size }),
      listSnapshotClusters(),
      listScrapeStatusOf(LAG_COLLECTOR),
    ]);
    return {
      ...base,
      total: page.total,
      pages: pageCount(page.total, params.size),
      verdictCounts: page.verdictCounts,
      groups: page.groups.map((g) => groupRow(g, g.cluster, nowMs, staleAfter)),
      clusters: clusterSummaries(snapshots, scrapes, nowMs, staleAfter),
    };
  } catch (error) {
    return {
      ...base,
      total: 0,
      pages: 1,
      verdictCounts: {},
      groups: [],
      clusters: clusterSummaries([], [], nowMs, staleAfter),
      storeError: `store unreachable: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
