// Data for `/dlq` and `GET /api/dlq`: per configured DLQ the depth, inflow, message ages (newest
// readings from the dlq collector) and the error classes that arrived in the last hour (summed
// from samples). Peeks are separate (./peek-loader.ts): they read the monitored cluster. A store
// that cannot be read throws StoreUnavailableError (see lib/http/route.ts).
import 'server-only';
import type { DlqConfig } from '../../config';
import { serverConfig } from '../../server-config';
import { SERIES } from '../../series-names';
import { seriesTotals, type SeriesTotal } from '../../store/queries/sample-totals';
import { listScrapeStatusOf, type ScrapeStatusWithNotes } from '../../store/queries/scrape-status';
import { newestForSelectors, type Reading } from '../../store/queries/sli-readings';
import { staleAfterSeconds } from '../shared/freshness';
import { measureOf, READING_LOOKBACK_SECONDS } from '../shared/measure';
import { COLLECTORS, describeScrape } from '../shared/stage-scrape';
import { errorClassCounts } from './error-classes';
import type { DlqData, DlqPanel } from './schema';

export const DLQ_COLLECTOR = COLLECTORS.dlq;
export const CLASS_WINDOW_SECONDS = 3600;
const METRICS = [SERIES.dlqDepthMessages, SERIES.dlqInflowPerMinute, SERIES.dlqNewestAgeSeconds, SERIES.dlqOldestAgeSeconds] as const;

function panel(
  d: DlqConfig,
  readings: Reading[][],
  classes: SeriesTotal[],
  scrape: ScrapeStatusWithNotes | undefined,
  nowMs: number,
  staleAfter: number,
): DlqPanel {
  const [depth, inflow, newest, oldest] = METRICS.map((_, i) =>
    measureOf(readings[i], { combine: i < 2 ? 'sum' : 'max' }, nowMs, staleAfter),
  );
  return {
    name: d.name,
    source: d.source,
    topic: d.topic,
    peekLimit: d.peekLimit,
    redrive: d.redrive?.enabled ? { maxPerRequest: d.redrive.maxPerRequest, maxRedrives: d.redrive.maxRedrives } : null,
    depth: depth!,
    inflowPerMinute: inflow!,
    newestAgeSeconds: newest!,
    oldestAgeSeconds: oldest!,
    errorClasses: errorClassCounts(classes),
    scrape: describeScrape({ collector: DLQ_COLLECTOR, source: d.name }, scrape, nowMs, staleAfter),
    notes: scrape?.notes ?? [],
  };
}

/** Error classes of every configured DLQ over the window (the indexing page reads them too). */
export async function classTotals(dlqs: DlqConfig[], from: Date, to: Date): Promise<SeriesTotal[][]> {
  return Promise.all(
    dlqs.map((d) => seriesTotals({ metric: SERIES.dlqErrorClassMessages, labels: { dlq: d.name }, from, to, maxSeries: 50 })),
  );
}

export async function loadDlqs(): Promise<DlqData> {
  const config = serverConfig();
  const now = new Date();
  const nowMs = now.getTime();
  const staleAfter = staleAfterSeconds(config.collectors.intervalSeconds);
  const selectors = config.dlqs.flatMap((d) => METRICS.map((metric) => ({ metric, labels: { dlq: d.name } })));
  const [readings, classes, scrapes] = await Promise.all([
    newestForSelectors(selectors, new Date(nowMs - READING_LOOKBACK_SECONDS * 1000)),
    classTotals(config.dlqs, new Date(nowMs - CLASS_WINDOW_SECONDS * 1000), now),
    listScrapeStatusOf(DLQ_COLLECTOR),
  ]);
  const scrapeOf = new Map(scrapes.map((s) => [s.source, s]));
  const n = METRICS.length;
  return {
    generatedAt: now.toISOString(),
    staleAfterSeconds: staleAfter,
    classWindowSeconds: CLASS_WINDOW_SECONDS,
    dlqs: config.dlqs.map((d, i) => panel(d, readings.slice(i * n, i * n + n), classes[i] ?? [], scrapeOf.get(d.name), nowMs, staleAfter)),
  };
}
