// One figure from the newest readings of a series, as every stage panel shows it (feature strip,
// outbox, DLQ, indexing): fresh readings combine into a value; stale ones make it unknown since the
// newest of them, never 0. Pure: the loaders fetch the readings.
import type { Reading } from '../../store/queries/sli-readings';
import { isStale } from './freshness';
import type { Measure } from './schema';

/** Readings older than this are not even looked at (keeps the newest-sample lookup on recent partitions). */
export const READING_LOOKBACK_SECONDS = 3600;

/** How the readings of one figure combine. */
export interface MeasureRule {
  /** Backlogs add up across series (partitions, nodes); ages take the oldest. */
  combine: 'sum' | 'max';
  /** Keep only series whose labels pass (e.g. the consumer's configured topics). */
  keep?: (labels: Record<string, string>) => boolean;
}

/** Fresh readings combine into one value; if the newest is stale the value is unknown since then. */
export function measureOf(readings: Reading[] | undefined, rule: MeasureRule, nowMs: number, staleAfter: number): Measure {
  const kept = (readings ?? []).filter((r) => (rule.keep ? rule.keep(r.labels) : true) && Number.isFinite(r.value));
  if (kept.length === 0) return { value: null, at: null };
  const newest = Math.max(...kept.map((r) => r.ts.getTime()));
  const at = new Date(newest).toISOString();
  // Series that went silent (a removed topic) are left out; they are not part of "now".
  const fresh = kept.filter((r) => !isStale(r.ts, nowMs, staleAfter));
  if (fresh.length === 0) return { value: null, at };
  const values = fresh.map((r) => r.value);
  return { value: rule.combine === 'sum' ? values.reduce((a, b) => a + b, 0) : Math.max(...values), at };
}
