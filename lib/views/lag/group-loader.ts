// Data for `/lag/[cluster]/[group]` and its API: the group's stored snapshot (partitions with
// committed and end offsets, lag in messages and seconds, verdicts) and its lag over the URL's
// time range from samples. null = the store holds no such group (404). Store failures throw
// StoreUnavailableError (see lib/http/route.ts).
import 'server-only';
import { serverConfig } from '../../server-config';
import { lagSourceOfGroup } from '../../kafka/shards';
import { SERIES } from '../../series-names';
import { readConsumerSnapshot } from '../../store/queries/consumer-snapshots';
import { bucketedSeries } from '../../store/queries/sample-buckets';
import { listScrapeStatusOf } from '../../store/queries/scrape-status';
import { bucketSecondsFor } from '../shared/downsample';
import { staleAfterSeconds } from '../shared/freshness';
import { RANGES, type RangeKey } from '../shared/params';
import { describeScrape, scrapeLookup } from '../shared/stage-scrape';
import { LAG_CHART_MAX_POINTS, LAG_CHART_MAX_TOPICS, topicChart } from './chart';
import { groupRow, kafkaClusters, LAG_COLLECTOR, lagShardsOf } from './rows';
import type { LagGroupDetail } from './schema';

export async function loadLagGroup(cluster: string, groupId: string, range: RangeKey): Promise<LagGroupDetail | null> {
  const config = serverConfig();
  const now = new Date();
  const nowMs = now.getTime();
  const staleAfter = staleAfterSeconds(config.collectors.intervalSeconds);
  const snapshot = await readConsumerSnapshot(cluster, groupId);
  const group = snapshot.groups[0];
  if (!group) return null;

  const rangeSeconds = RANGES[range];
  const bucketSeconds = bucketSecondsFor(rangeSeconds, LAG_CHART_MAX_POINTS);
  const from = new Date(nowMs - rangeSeconds * 1000);
  const labels = { cluster, group: groupId };
  const read = (metric: string) => bucketedSeries({ metric, labels, from, to: now, bucketSeconds, maxSeries: LAG_CHART_MAX_TOPICS });
  const [messages, seconds, scrapes] = await Promise.all([
    read(SERIES.kafkaLagMessages),
    read(SERIES.kafkaLagSeconds),
    listScrapeStatusOf(LAG_COLLECTOR),
  ]);

  const configured = kafkaClusters().includes(cluster);
  // The job that reads this group: the cluster's, or its lag shard's.
  const source = lagSourceOfGroup(cluster, groupId, lagShardsOf(cluster));
  return {
    generatedAt: now.toISOString(),
    staleAfterSeconds: staleAfter,
    range,
    group: groupRow(group, cluster, nowMs, staleAfter),
    partitions: snapshot.partitions.map((p) => ({
      topic: p.topic,
      partition: p.partition,
      committedOffset: p.committedOffset,
      endOffset: p.endOffset,
      lagMessages: p.lagMessages,
      lagSeconds: p.lagSeconds,
      lagSecondsKind: p.lagSecondsKind,
      verdict: p.verdict,
    })),
    charts: [
      topicChart('messages', messages, from.getTime(), nowMs, bucketSeconds),
      topicChart('seconds', seconds, from.getTime(), nowMs, bucketSeconds),
    ],
    scrape: configured
      ? describeScrape({ collector: LAG_COLLECTOR, source }, scrapeLookup(scrapes)(LAG_COLLECTOR, source), nowMs, staleAfter)
      : null,
    configured: config.consumers
      .filter((c) => c.source === cluster && c.group === groupId)
      .map((c) => ({ name: c.name, topics: c.topics })),
  };
}
