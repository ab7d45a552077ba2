// Lag in seconds from offsets alone (docs/algorithms.md "Lag in seconds", after kafka-lag-exporter):
// per topic-partition a bounded table of (log-end offset, wall time) points, one per poll. The
// time at which the end offset passed the committed offset is when the oldest unconsumed message
// was written, so "now − that time" is how far behind the consumer is. The table depends only on
// the partition, not on the group, so every group reading a partition shares one.

export interface OffsetPoint {
  offset: number;
  /** Epoch milliseconds. */
  at: number;
}

export interface OffsetTimeTable {
  /** Oldest first; offsets and times never decrease. */
  points: OffsetPoint[];
  capacity: number;
}

export type LagSecondsKind = 'interpolated' | 'extrapolated' | 'exact' | 'caught-up' | 'unknown';

export interface LagSeconds {
  /** null when unknown: never NaN, never a made-up 0. */
  seconds: number | null;
  kind: LagSecondsKind;
}

export const DEFAULT_TABLE_CAPACITY = 60;
/** An extrapolated time lies at most this far (or the table's own reach, if longer) before the oldest point. */
export const DEFAULT_MAX_EXTRAPOLATION_MS = 60 * 60_000;

const UNKNOWN: LagSeconds = { seconds: null, kind: 'unknown' };
/** Shared, like UNKNOWN: a big cluster has many caught-up partitions, and no one changes a LagSeconds in place. */
const CAUGHT_UP: LagSeconds = { seconds: 0, kind: 'caught-up' };

export function createOffsetTimeTable(capacity = DEFAULT_TABLE_CAPACITY): OffsetTimeTable {
  if (!Number.isInteger(capacity) || capacity < 3) throw new Error(`table capacity must be an integer ≥ 3, not ${capacity}`);
  return { points: [], capacity };
}

/** Adds one poll's end offset; returns false when the point was rejected for going backwards. */
export function recordEndOffset(table: OffsetTimeTable, offset: number, at: number): boolean {
  if (!Number.isFinite(offset) || !Number.isFinite(at) || offset < 0) return false;
  const { points } = table;
  const last = points.at(-1);
  if (last) {
    // A truncated/recreated topic or a clock step would make interpolation lie; refuse the point.
    if (offset < last.offset || at < last.at) return false;
    if (at === last.at) return offset === last.offset;
    const beforeLast = points.at(-2);
    if (offset === last.offset && beforeLast?.offset === offset) {
      // Flat run: keep its first point and slide its last one, so an idle partition costs two points.
      points[points.length - 1] = { offset, at };
      return true;
    }
  }
  points.push({ offset, at });
  if (points.length > table.capacity) thin(points);
  return true;
}

/**
 * Drops the interior point closest in time to its predecessor. Recent detail survives while older
 * history gets coarser, so the table's reach keeps growing instead of ending at capacity × interval.
 */
function thin(points: OffsetPoint[]): void {
  let drop = 1;
  let smallestGap = Infinity;
  for (let i = 1; i < points.length - 1; i++) {
    const gap = points[i]!.at - points[i - 1]!.at;
    if (gap < smallestGap) {
      smallestGap = gap;
      drop = i;
    }
  }
  points.splice(drop, 1);
}

export interface EstimateOptions {
  maxExtrapolationMs?: number;
}

/** How long ago the end offset was at `committed`, i.e. the age of the oldest unconsumed message. */
export function estimateLagSeconds(table: OffsetTimeTable, committed: number, now: number, opts?: EstimateOptions): LagSeconds {
  const { points } = table;
  const newest = points.at(-1);
  const oldest = points[0];
  if (!newest || !oldest || !Number.isFinite(committed) || committed < 0 || !Number.isFinite(now)) return UNKNOWN;
  if (committed >= newest.offset) return CAUGHT_UP;
  if (points.length < 2) return UNKNOWN;
  if (committed < oldest.offset)
    return extrapolate(oldest, newest, committed, now, opts?.maxExtrapolationMs ?? DEFAULT_MAX_EXTRAPOLATION_MS);
  const i = lastIndexAtOrBelow(points, committed);
  const p1 = points[i]!;
  const p2 = points[i + 1]!; // exists: committed < newest.offset
  if (p2.offset === p1.offset) return secondsSince(p1.at, now, 'interpolated'); // cannot happen with sorted points; guards the division
  const written = p2.at - ((p2.offset - committed) * (p2.at - p1.at)) / (p2.offset - p1.offset);
  return secondsSince(written, now, 'interpolated');
}

/** Binary search: the last point whose offset ≤ c (the newest point of a flat run at c). */
function lastIndexAtOrBelow(points: OffsetPoint[], c: number): number {
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (points[mid]!.offset <= c) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The committed offset predates the table: the message was written before the oldest point, by an
 * amount guessed from the table's average rate. A slow trickle during the table's life would make
 * the guess absurd when a consumer replays old data (kafka-lag-exporter#496), hence the cap.
 */
function extrapolate(oldest: OffsetPoint, newest: OffsetPoint, c: number, now: number, maxExtrapolationMs: number): LagSeconds {
  const reach = newest.at - oldest.at;
  const cap = Math.max(maxExtrapolationMs, reach);
  // Without any growth in the table there is no rate: the oldest point is all we know (a lower bound).
  const guess = newest.offset === oldest.offset ? 0 : ((oldest.offset - c) * reach) / (newest.offset - oldest.offset);
  return secondsSince(oldest.at - Math.min(guess, cap), now, 'extrapolated');
}

function secondsSince(writtenAt: number, now: number, kind: LagSecondsKind): LagSeconds {
  const seconds = Math.max(0, (now - writtenAt) / 1000);
  return Number.isFinite(seconds) ? { seconds, kind } : UNKNOWN;
}
