// When is a reading too old to believe? After two collector intervals: one missed run is noise,
// two mean the collector or the evaluator is not running, and the number must turn into "unknown".

export function staleAfterSeconds(collectorIntervalSeconds: number): number {
  return 2 * collectorIntervalSeconds;
}

/** A missing timestamp is stale too: no reading is never fresh. */
export function isStale(at: Date | string | null, nowMs: number, staleAfter: number): boolean {
  if (at === null) return true;
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return !Number.isFinite(ms) || nowMs - ms > staleAfter * 1000;
}

export interface RefreshState {
  /** When the last successful refresh arrived (epoch ms), null if never. */
  lastSuccessAt: number | null;
  /** When the last failed refresh ended (epoch ms), null if none. */
  lastFailureAt: number | null;
  failure: string | null;
  /** The payload itself says its data is old (evaluator or collectors silent). */
  dataStale: boolean;
  dataStaleReason: string | null;
}

export interface Staleness {
  stale: boolean;
  reason: string | null;
}

/**
 * Judged from the query's own timestamps rather than a clock read during render: a failed refresh
 * newer than the last good one means what is on screen can no longer be vouched for.
 */
export function refreshStaleness(s: RefreshState): Staleness {
  if (s.lastSuccessAt === null) return { stale: true, reason: s.failure ?? 'no data received yet' };
  if (s.lastFailureAt !== null && s.lastFailureAt > s.lastSuccessAt) {
    return { stale: true, reason: s.failure ?? 'the last refresh failed' };
  }
  if (s.dataStale) return { stale: true, reason: s.dataStaleReason ?? 'the data is older than two collector intervals' };
  return { stale: false, reason: null };
}
