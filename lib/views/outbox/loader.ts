// Data for `/outbox` and `GET /api/outbox`. Readings come from the outbox collector's samples; a
// reading older than two collector intervals is unknown (with the time it was last seen), never 0.
import type { OutboxConfig } from '../config';
import { serverConfig } from '../server-config';
import { SERIES } from '../series-names';
import { listScrapeStatusOf, type ScrapeStatusWithNotes } from '../store/queries/scrape-status';
import { newestForSelectors, type Reading, type SeriesSelector } from '../store/queries/sli-readings';
import { staleAfterSeconds } from './freshness';
import type { OutboxData, OutboxPanel, OutboxType } from './outbox-schema';
import type { Measure } from './schema-common';
import { describeScrape } from './stage-scrape';
import { measureOf } from './truth-flow';

export type { OutboxData } from './outbox-schema';

export const OUTBOX_COLLECTOR = 'outbox';
/** Readings older than this are not even looked at (keeps the newest-sample lookup on recent partitions). */
export const READING_LOOKBACK_SECONDS = 3600;
const TYPE = 'aggregate_type';

/** The four readings each outbox needs, in this order. */
function selectors(o: OutboxConfig): SeriesSelector[] {
  const labels = { outbox: o.name };
  return [
    { metric: SERIES.outboxUnsentRows, labels },
    { metric: SERIES.outboxOldestUnsentAgeSeconds, labels },
    { metric: SERIES.outboxPublishedPerSecond, labels },
    { metric: SERIES.outboxReplicationSlotLagBytes, labels },
  ];
}

const totals = (rs: Reading[]) => rs.filter((r) => r.labels[TYPE] === undefined);

/**
 * The breakdown of the newest run only: a type that drained is reported once as 0 and then not at
 * all, so a type missing from the newest run has nothing waiting, and its old reading is not "now".
 */
export function typeBreakdown(unsent: Reading[], age: Reading[], nowMs: number, staleAfter: number): OutboxType[] {
  const typed = unsent.filter((r) => r.labels[TYPE] !== undefined);
  const newest = Math.max(...typed.map((r) => r.ts.getTime()));
  const ageOf = new Map(age.filter((r) => r.labels[TYPE] !== undefined).map((r) => [r.labels[TYPE]!, r]));
  return typed
    .filter((r) => r.ts.getTime() === newest)
    .map((r) => {
      const a = ageOf.get(r.labels[TYPE]!);
      return {
        aggregateType: r.labels[TYPE]!,
        unsentRows: measureOf([r], { combine: 'sum' }, nowMs, staleAfter),
        oldestUnsentAgeSeconds: a && a.ts.getTime() === newest ? measureOf([a], { combine: 'max' }, nowMs, staleAfter) : { value: null, at: null },
      };
    })
    .sort((x, y) => (y.unsentRows.value ?? -1) - (x.unsentRows.value ?? -1) || x.aggregateType.localeCompare(y.aggregateType));
}

function panel(o: OutboxConfig, readings: Reading[][], scrape: ScrapeStatusWithNotes | undefined, nowMs: number, staleAfter: number): OutboxPanel {
  const [unsent = [], age = [], published = [], slot = []] = readings;
  const m = (rs: Reading[], combine: 'sum' | 'max'): Measure => measureOf(rs, { combine }, nowMs, staleAfter);
  return {
    name: o.name,
    source: o.source,
    table: o.table,
    layout: o.layout,
    unsentRows: m(totals(unsent), 'sum'),
    oldestUnsentAgeSeconds: m(totals(age), 'max'),
    publishedPerSecond: o.layout === 'marked-sent' ? m(published, 'sum') : null,
    slotLagBytes: o.layout === 'delete-after-publish' && o.replicationSlot ? m(slot, 'max') : null,
    byType: typeBreakdown(unsent, age, nowMs, staleAfter),
    scrape: describeScrape({ collector: OUTBOX_COLLECTOR, source: o.name }, scrape, nowMs, staleAfter),
    // Notes are kept from the last successful run; a failing run keeps them too (recordScrapeOutcome).
    notes: scrape?.notes ?? [],
  };
}

export async function loadOutboxes(): Promise<OutboxData> {
  const config = serverConfig();
  const now = new Date();
  const nowMs = now.getTime();
  const staleAfter = staleAfterSeconds(config.collectors.intervalSeconds);
  const base = { generatedAt: now.toISOString(), staleAfterSeconds: staleAfter };
  const build = (readings: Reading[][], scrapes: ScrapeStatusWithNotes[]) => {
    const scrapeOf = new Map(scrapes.map((s) => [s.source, s]));
    return config.outboxes.map((o, i) => panel(o, readings.slice(i * 4, i * 4 + 4), scrapeOf.get(o.name), nowMs, staleAfter));
  };
  try {
    const [readings, scrapes] = await Promise.all([
      newestForSelectors(config.outboxes.flatMap(selectors), new Date(nowMs - READING_LOOKBACK_SECONDS * 1000)),
      listScrapeStatusOf(OUTBOX_COLLECTOR),
    ]);
    return { ...base, outboxes: build(readings, scrapes) };
  } catch (error) {
    return { ...base, outboxes: build([], []), storeError: `store unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
}
