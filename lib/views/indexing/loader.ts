// Data for `/indexing` and `GET /api/indexing`. Two kinds of rejected writes, side by side, each
// with its source named: overload (429) from the nodes' write thread-pool counters, which the
// indexing collector turns into rates; and bad documents (400, mapping conflicts) which node stats
// cannot show (see collectors/indexing.ts) and which surface as error classes in the DLQs of the
// pipelines that write to that search source. Counting them from indexers' spans is not done yet.
// A store that cannot be read throws StoreUnavailableError (see lib/http/route.ts).
import 'server-only';
import type { DlqConfig, IndexConfig, TruthflowConfig } from '../../config';
import { serverConfig } from '../../server-config';
import { SERIES } from '../../series-names';
import { seriesTotals, type SeriesTotal } from '../../store/queries/sample-totals';
import { listScrapeStatusOf, type ScrapeStatusWithNotes } from '../../store/queries/scrape-status';
import { newestForSelectors, type Reading } from '../../store/queries/sli-readings';
import { errorClassCounts } from '../dlq/error-classes';
import { classTotals, DLQ_COLLECTOR } from '../dlq/loader';
import { staleAfterSeconds } from '../shared/freshness';
import { measureOf, READING_LOOKBACK_SECONDS } from '../shared/measure';
import { COLLECTORS, describeScrape } from '../shared/stage-scrape';
import { isBadDocumentClass, rejectionsFromRates } from './classes';
import type { IndexingData, NodeRates, SearchSourcePanel } from './schema';

export const INDEXING_COLLECTOR = COLLECTORS.indexing;
export const WINDOW_SECONDS = 3600;
const RATES = [SERIES.searchWriteRejectionsPerSecond, SERIES.searchIndexOpsPerSecond, SERIES.searchIndexFailuresPerSecond] as const;
const PER_SOURCE = RATES.length + 1; // + doc counts

interface SearchSourceInfo {
  source: string;
  kind: string;
  indexes: IndexConfig[];
  dlqs: DlqConfig[];
}

/** Search sources that configured indexes live on, each with the DLQs of pipelines writing to it. */
export function searchSources(config: TruthflowConfig): SearchSourceInfo[] {
  const bySource = new Map<string, IndexConfig[]>();
  for (const ix of config.indexes) bySource.set(ix.source, [...(bySource.get(ix.source) ?? []), ix]);
  return [...bySource].map(([source, indexes]) => {
    const names = new Set(indexes.map((i) => i.name));
    const pipelines = config.pipelines.filter((p) => p.stages.some((s) => s.kind === 'index' && names.has(s.name)));
    const dlqNames = new Set(pipelines.flatMap((p) => p.stages.filter((s) => s.kind === 'dlq').map((s) => s.name)));
    return { source, kind: config.sources[source]?.kind ?? 'search', indexes, dlqs: config.dlqs.filter((d) => dlqNames.has(d.name)) };
  });
}

function nodeRates(readings: Reading[][], nowMs: number, staleAfter: number): { nodes: NodeRates[]; totals: Omit<NodeRates, 'node'> } {
  const names = [
    ...new Set(
      readings
        .flat()
        .map((r) => r.labels.node)
        .filter((n): n is string => n !== undefined),
    ),
  ].sort();
  const m = (i: number, node?: string) =>
    measureOf(
      (readings[i] ?? []).filter((r) => node === undefined || r.labels.node === node),
      { combine: 'sum' },
      nowMs,
      staleAfter,
    );
  const rates = (node?: string) => ({
    writeRejectionsPerSecond: m(0, node),
    indexOpsPerSecond: m(1, node),
    indexFailuresPerSecond: m(2, node),
  });
  return { nodes: names.map((node) => ({ node, ...rates(node) })), totals: rates() };
}

interface Inputs {
  readings: Reading[][];
  rejections: SeriesTotal[];
  classes: Map<string, SeriesTotal[]>;
  scrapes: Map<string, ScrapeStatusWithNotes>;
}

function panel(s: SearchSourceInfo, inp: Inputs, nowMs: number, staleAfter: number, intervalSeconds: number): SearchSourcePanel {
  const scrapeOf = (collector: string, source: string) =>
    describeScrape({ collector, source }, inp.scrapes.get(`${collector}/${source}`), nowMs, staleAfter);
  const { nodes, totals } = nodeRates(inp.readings.slice(0, RATES.length), nowMs, staleAfter);
  const docs = inp.readings[RATES.length] ?? [];
  const rateSamples = inp.rejections.reduce((n, t) => n + t.samples, 0);
  const classes = s.dlqs.flatMap((d) =>
    errorClassCounts(inp.classes.get(d.name) ?? [])
      .filter((c) => isBadDocumentClass(c.errorClass))
      .map((c) => ({ ...c, dlq: d.name })),
  );
  const silent = s.dlqs.filter((d) => scrapeOf(DLQ_COLLECTOR, d.name).state !== 'ok').map((d) => d.name);
  const why =
    s.dlqs.length === 0
      ? 'no DLQ is configured in a pipeline that writes to this source, so bad documents are not visible here'
      : silent.length > 0
        ? `unknown: the dlq collector is not reporting on ${silent.join(', ')}`
        : null;
  return {
    source: s.source,
    kind: s.kind,
    nodes,
    totals,
    overload: {
      rejectedInWindow:
        rateSamples === 0
          ? null
          : rejectionsFromRates(
              inp.rejections.reduce((n, t) => n + t.sum, 0),
              intervalSeconds,
            ),
      samples: rateSamples,
    },
    badDocuments: {
      dlqs: s.dlqs.map((d) => d.name),
      classes: classes.sort((a, b) => b.messages - a.messages),
      total: why === null ? classes.reduce((n, c) => n + c.messages, 0) : null,
      why,
    },
    indexes: s.indexes.map((ix) => ({
      name: ix.name,
      index: ix.index,
      // The collector labels doc counts with the stage name (collectors/indexing.ts).
      docs: measureOf(
        docs.filter((r) => r.labels.index === ix.name),
        { combine: 'sum' },
        nowMs,
        staleAfter,
      ),
    })),
    scrape: scrapeOf(INDEXING_COLLECTOR, s.source),
    notes: inp.scrapes.get(`${INDEXING_COLLECTOR}/${s.source}`)?.notes ?? [],
  };
}

export async function loadIndexing(): Promise<IndexingData> {
  const config = serverConfig();
  const now = new Date();
  const nowMs = now.getTime();
  const intervalSeconds = config.collectors.intervalSeconds;
  const staleAfter = staleAfterSeconds(intervalSeconds);
  const sources = searchSources(config);
  const from = new Date(nowMs - WINDOW_SECONDS * 1000);
  const dlqs = [...new Map(sources.flatMap((s) => s.dlqs).map((d) => [d.name, d])).values()];
  const selectors = sources.flatMap((s) =>
    [...RATES, SERIES.searchIndexDocCount].map((metric) => ({ metric, labels: { source: s.source } })),
  );
  const [readings, rejections, classes, indexingScrapes, dlqScrapes] = await Promise.all([
    newestForSelectors(selectors, new Date(nowMs - READING_LOOKBACK_SECONDS * 1000)),
    Promise.all(
      sources.map((s) => seriesTotals({ metric: SERIES.searchWriteRejectionsPerSecond, labels: { source: s.source }, from, to: now })),
    ),
    classTotals(dlqs, from, now),
    listScrapeStatusOf(INDEXING_COLLECTOR),
    listScrapeStatusOf(DLQ_COLLECTOR),
  ]);
  const inputs = (i: number): Inputs => ({
    readings: readings.slice(i * PER_SOURCE, (i + 1) * PER_SOURCE),
    rejections: rejections[i] ?? [],
    classes: new Map(dlqs.map((d, j) => [d.name, classes[j] ?? []])),
    scrapes: new Map([...indexingScrapes, ...dlqScrapes].map((r) => [`${r.collector}/${r.source}`, r])),
  });
  return {
    generatedAt: now.toISOString(),
    staleAfterSeconds: staleAfter,
    windowSeconds: WINDOW_SECONDS,
    intervalSeconds,
    sources: sources.map((s, i) => panel(s, inputs(i), nowMs, staleAfter, intervalSeconds)),
  };
}
