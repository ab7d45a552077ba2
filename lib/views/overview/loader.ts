// Data for `/` and `/api/overview`: Truthflow's own health, each feature's SLO verdicts by tier
// with a one-hour SLI sparkline, and scrape status. A store that cannot be read throws
// StoreUnavailableError (the route answers 503, the page shows "store unreachable"): never a page
// of features that all look unknown, see lib/http/route.ts.
import 'server-only';
import { checkHealth } from '../../health';
import { StoreUnavailableError } from '../../store/errors';
import { serverConfig } from '../../server-config';
import { SERIES } from '../../series-names';
import { bucketedSeries, type BucketedSeries } from '../../store/queries/sample-buckets';
import { listScrapeStatus, type ScrapeStatusView } from '../../store/queries/scrape-status';
import { sampleDropsBetween } from '../../store/queries/sample-drops';
import { listSloStateDetail, type SloStateDetail } from '../../store/queries/slo-state';
import { fillBuckets } from '../shared/downsample';
import { hopHref } from '../shared/hop-link';
import { staleAfterSeconds } from '../shared/freshness';
import type { ScrapeRow } from '../shared/schema';
import { stateIndex, summarizeSlo } from '../shared/slo-summary';
import type { OverviewParams } from './params';
import type { OverviewData, OverviewFeature } from './schema';

export const SPARKLINE_SECONDS = 3600;
/** A loss of samples stays on the overview for a day: long enough for whoever was not watching. */
const DROPS_SHOWN_FOR_MS = 24 * 3600_000;
export const SPARKLINE_BUCKET_SECONDS = 60;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function scrapeRows(rows: ScrapeStatusView[]): ScrapeRow[] {
  return rows.map((r) => ({ ...r, lastAttemptAt: iso(r.lastAttemptAt), lastSuccessAt: iso(r.lastSuccessAt) }));
}

function summarize(
  states: SloStateDetail[],
  sparks: BucketedSeries[],
  nowMs: number,
  staleAfter: number,
  params: OverviewParams,
): OverviewFeature[] {
  const stateOf = stateIndex(states);
  const sparkOf = new Map(sparks.map((s) => [`${s.labels.feature}\u0000${s.labels.slo}`, s.points]));
  const from = nowMs - SPARKLINE_SECONDS * 1000;
  const config = serverConfig();
  return config.features
    .filter((f) => params.tier === undefined || f.tier === params.tier)
    .map((feature) => ({
      name: feature.name,
      tier: feature.tier,
      owner: feature.owner,
      description: feature.description ?? null,
      slos: feature.slos.map((slo) => {
        const summary = summarizeSlo(slo, stateOf(feature.name, slo.name), nowMs, staleAfter);
        return {
          ...summary,
          causeHref: summary.cause ? hopHref(summary.cause.hop, config) : null,
          sparkline: fillBuckets(sparkOf.get(`${feature.name}\u0000${slo.name}`) ?? [], from, nowMs, SPARKLINE_BUCKET_SECONDS),
        };
      }),
    }))
    .sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name));
}

export async function loadOverview(params: OverviewParams = {}): Promise<OverviewData> {
  const now = new Date();
  const staleAfter = staleAfterSeconds(serverConfig().collectors.intervalSeconds);
  const base = { generatedAt: now.toISOString(), staleAfterSeconds: staleAfter };
  const health = await checkHealth();
  if (health.store.status !== 'ok')
    throw new StoreUnavailableError((health.store.error ?? 'no answer').replace(/^store unreachable: /, ''));
  const [states, scrapes, sparks, drops] = await Promise.all([
    listSloStateDetail(),
    listScrapeStatus(),
    bucketedSeries({
      metric: SERIES.sloSliValue,
      labels: {},
      from: new Date(now.getTime() - SPARKLINE_SECONDS * 1000),
      to: now,
      bucketSeconds: SPARKLINE_BUCKET_SECONDS,
    }),
    sampleDropsBetween(new Date(now.getTime() - DROPS_SHOWN_FOR_MS), now),
  ]);
  return {
    ...base,
    health,
    features: summarize(states, sparks, now.getTime(), staleAfter, params),
    scrapes: scrapeRows(scrapes),
    sampleDrops: drops.map((d) => ({ samples: d.samples, from: d.from.toISOString(), to: d.to.toISOString() })),
  };
}
