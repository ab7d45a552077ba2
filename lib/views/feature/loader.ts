// Data for `/features/[feature]` and its API: the SLO verdicts, the truth-flow strip of each
// pipeline, SLI charts over the URL's time range, and the alert history. null = no such feature
// (known from the config, before the store is read); a store that cannot be read throws
// StoreUnavailableError (see lib/http/route.ts).
import 'server-only';
import { SLI_UNITS, type FeatureConfig } from '../../config';
import { SLI_BAD_WHEN } from '../../config/schema-features';
import { serverConfig } from '../../server-config';
import { SERIES } from '../../series-names';
import { deliveryStates, type WebhookDeliveryState } from '../../store/queries/alert-deliveries';
import { recentAlerts, type AlertRow } from '../../store/queries/alerts';
import { episodeGapSeconds } from '../../slo/cause';
import { hopSignalsBetween, type HopSignalEpisode } from '../../store/queries/hop-signals';
import { bucketedSeries } from '../../store/queries/sample-buckets';
import { notObservedRanges, sliceBuckets } from '../../store/queries/slo-slices';
import { listScrapeStatus, type ScrapeStatusView } from '../../store/queries/scrape-status';
import { newestForSelectors, type Reading } from '../../store/queries/sli-readings';
import { listSloStateDetail, type SloStateDetail } from '../../store/queries/slo-state';
import { bucketSecondsFor, fillBuckets } from '../shared/downsample';
import { staleAfterSeconds } from '../shared/freshness';
import { READING_LOOKBACK_SECONDS } from '../shared/measure';
import { RANGES, type RangeKey } from '../shared/params';
import { stateIndex, summarizeSlo } from '../shared/slo-summary';
import { scrapeLookup } from '../shared/stage-scrape';
import type { AlertView, FeatureData, SliChart } from './schema';
import { buildTimeline, timelineHops } from './timeline';
import { buildFlow, flowNeeds, pipelinesOf } from './truth-flow';

export const CHART_MAX_POINTS = 240;
export const ALERT_HISTORY_LIMIT = 50;

function alertView(a: AlertRow): AlertView {
  return { ...a, id: String(a.id), firedAt: a.firedAt.toISOString(), resolvedAt: a.resolvedAt?.toISOString() ?? null };
}

async function charts(feature: FeatureConfig, range: RangeKey, now: Date): Promise<SliChart[]> {
  const rangeSeconds = RANGES[range];
  const bucketSeconds = bucketSecondsFor(rangeSeconds, CHART_MAX_POINTS);
  const from = new Date(now.getTime() - rangeSeconds * 1000);
  // Minute-or-longer buckets come from the evaluator's one-minute slices (worst reading per minute,
  // the same "worst wins" as the sample buckets); shorter ones need the raw SLI samples.
  const pointsOf: (slo: string) => { t: number; v: number }[] =
    bucketSeconds >= 60
      ? await sliceBuckets(feature.name, from, now, bucketSeconds).then((bySlo) => (slo) => bySlo.get(slo) ?? [])
      : await bucketedSeries({
          metric: SERIES.sloSliValue,
          labels: { feature: feature.name },
          from,
          to: now,
          bucketSeconds,
          maxSeries: 50,
        }).then((series) => (slo) => series.find((s) => s.labels.slo === slo)?.points ?? []);
  return feature.slos.map((slo) => ({
    slo: slo.name,
    unit: SLI_UNITS[slo.sli],
    threshold: slo.threshold,
    badWhen: SLI_BAD_WHEN[slo.sli],
    objective: slo.objective,
    bucketSeconds,
    points: fillBuckets(pointsOf(slo.name), from.getTime(), now.getTime(), bucketSeconds),
  }));
}

interface Fetched {
  states: SloStateDetail[];
  readings: Reading[][];
  scrapes: ScrapeStatusView[];
  charts: SliChart[];
  alerts: AlertRow[];
  episodes: HopSignalEpisode[];
  deliveries: WebhookDeliveryState[];
  notObserved: { from: Date; to: Date }[];
}

export async function loadFeature(name: string, range: RangeKey): Promise<FeatureData | null> {
  const config = serverConfig();
  const feature = config.features.find((f) => f.name === name);
  if (!feature) return null;
  const now = new Date();
  const nowMs = now.getTime();
  const staleAfter = staleAfterSeconds(config.collectors.intervalSeconds);
  const needs = flowNeeds(config, feature);
  const hops = timelineHops(config, feature);
  const from = new Date(nowMs - RANGES[range] * 1000);

  const assemble = (f: Fetched): FeatureData => {
    const stateOf = stateIndex(f.states);
    const readings = new Map(needs.map((n, i) => [n.key, f.readings[i] ?? []]));
    const scrapes = scrapeLookup(f.scrapes);
    return {
      generatedAt: now.toISOString(),
      staleAfterSeconds: staleAfter,
      range,
      feature: { name: feature.name, tier: feature.tier, owner: feature.owner, description: feature.description ?? null },
      slos: feature.slos.map((slo) => summarizeSlo(slo, stateOf(feature.name, slo.name), nowMs, staleAfter)),
      flows: pipelinesOf(config, feature).map((p) => buildFlow(config, p, { readings, needs, scrapes, nowMs, staleAfter })),
      charts: f.charts,
      alerts: f.alerts.map(alertView),
      // The evaluator ends an episode after this long without a sighting; so does the page.
      timeline: buildTimeline(hops, f.episodes, from, now, episodeGapSeconds(config.collectors.intervalSeconds)),
      notObserved: f.notObserved.map((r) => ({ from: r.from.toISOString(), to: r.to.toISOString() })),
      deliveries: f.deliveries.map((d) => ({
        webhook: d.webhook,
        pending: d.pending,
        failingSince: d.failingSince?.toISOString() ?? null,
        lastError: d.lastError,
        givenUp: d.givenUp,
      })),
    };
  };

  const [states, readings, scrapes, chartData, alerts, episodes, deliveries, notObserved] = await Promise.all([
    listSloStateDetail(feature.name),
    newestForSelectors(
      needs.map((n) => n.selector),
      new Date(nowMs - READING_LOOKBACK_SECONDS * 1000),
    ),
    listScrapeStatus(),
    charts(feature, range, now),
    recentAlerts(feature.name, ALERT_HISTORY_LIMIT),
    hopSignalsBetween(hops, from, now),
    deliveryStates(feature.name),
    notObservedRanges(feature.name, from, now),
  ]);
  return assemble({ states, readings, scrapes, charts: chartData, alerts, episodes, deliveries, notObserved });
}
