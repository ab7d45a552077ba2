// Data for `/outbox` and `GET /api/outbox`. Readings come from the outbox collector's samples; a
// reading older than two collector intervals is unknown (with the time it was last seen), never 0.
// A store that cannot be read throws StoreUnavailableError (see lib/http/route.ts).
import 'server-only';
import type { OutboxConfig } from '../../config';
import { serverConfig } from '../../server-config';
import { SERIES } from '../../series-names';
import { listScrapeStatusOf, type ScrapeStatusWithNotes } from '../../store/queries/scrape-status';
import { newestForSelectors, type Reading, type SeriesSelector } from '../../store/queries/sli-readings';
import { staleAfterSeconds } from '../shared/freshness';
import { measureOf, READING_LOOKBACK_SECONDS, type MeasureRule } from '../shared/measure';
import type { Measure } from '../shared/schema';
import { COLLECTORS, describeScrape } from '../shared/stage-scrape';
import { totalsOnly, typeBreakdown } from './breakdown';
import type { OutboxData, OutboxPanel } from './schema';

export const OUTBOX_COLLECTOR = COLLECTORS.outbox;

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

function panel(
  o: OutboxConfig,
  readings: Reading[][],
  scrape: ScrapeStatusWithNotes | undefined,
  nowMs: number,
  staleAfter: number,
): OutboxPanel {
  const [unsent = [], age = [], published = [], slot = []] = readings;
  const m = (rs: Reading[], combine: MeasureRule['combine']): Measure => measureOf(rs, { combine }, nowMs, staleAfter);
  return {
    name: o.name,
    source: o.source,
    table: o.table,
    layout: o.layout,
    unsentRows: m(totalsOnly(unsent), 'sum'),
    oldestUnsentAgeSeconds: m(totalsOnly(age), 'max'),
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
  const [readings, scrapes] = await Promise.all([
    newestForSelectors(config.outboxes.flatMap(selectors), new Date(nowMs - READING_LOOKBACK_SECONDS * 1000)),
    listScrapeStatusOf(OUTBOX_COLLECTOR),
  ]);
  const scrapeOf = new Map(scrapes.map((s) => [s.source, s]));
  return {
    generatedAt: now.toISOString(),
    staleAfterSeconds: staleAfter,
    outboxes: config.outboxes.map((o, i) => panel(o, readings.slice(i * 4, i * 4 + 4), scrapeOf.get(o.name), nowMs, staleAfter)),
  };
}
