// Data for `/lag` and `GET /api/lag`: one page of consumer groups, sorted and filtered in the
// store, the counts the pager and the verdict filter need, and per cluster how old its snapshot is
// and how the kafka-lag collector is doing. A store that cannot be read throws
// StoreUnavailableError (503 / "store unreachable", see lib/http/route.ts).
import 'server-only';
import { serverConfig } from '../../server-config';
import { listConsumerGroups, listSnapshotClusters } from '../../store/queries/consumer-snapshots';
import { listScrapeStatusOf } from '../../store/queries/scrape-status';
import { staleAfterSeconds } from '../shared/freshness';
import { pageCount, type LagListParams } from './params';
import { clusterSummaries, groupRow, LAG_COLLECTOR } from './rows';
import type { LagGroupsData } from './schema';

export async function loadLagGroups(params: LagListParams): Promise<LagGroupsData> {
  const now = new Date();
  const nowMs = now.getTime();
  const staleAfter = staleAfterSeconds(serverConfig().collectors.intervalSeconds);
  const [page, snapshots, scrapes] = await Promise.all([
    listConsumerGroups({
      cluster: params.cluster,
      verdict: params.verdict,
      prefix: params.q,
      sort: params.sort,
      dir: params.dir,
      page: params.page,
      pageSize: params.size,
    }),
    listSnapshotClusters(),
    listScrapeStatusOf(LAG_COLLECTOR),
  ]);
  return {
    generatedAt: now.toISOString(),
    staleAfterSeconds: staleAfter,
    params,
    total: page.total,
    pages: pageCount(page.total, params.size),
    verdictCounts: page.verdictCounts,
    groups: page.groups.map((g) => groupRow(g, g.cluster, nowMs, staleAfter)),
    clusters: clusterSummaries(snapshots, scrapes, nowMs, staleAfter),
  };
}
