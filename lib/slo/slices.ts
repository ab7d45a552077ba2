// One-minute time slices: the unit of SLO accounting. A slice is good when every SLI reading in it
// meets the objective's threshold (lower is better for every Truthflow SLI: ages, lag, inflow,
// rejection ratio). A minute without a reading is one of two things:
//   no data       Truthflow was observing (the evaluator ran, the hop's collector ran) and the
//                 monitored system gave nothing: bad, since freshness SLIs built only from events
//                 look perfect when nothing flows, so silence must spend budget;
//   not observed  Truthflow itself was not running (stopped, restarting, before the collectors'
//                 first run): excluded from budgets and burn rates, drawn as a labelled gap.
// The evaluator tells them apart with an "observed" marker it writes on every run that could see.
export const SLICE_SECONDS = 60;

export const NOT_OBSERVED_REASON = 'Truthflow was not observing (stopped, restarting, or before its collectors first ran)';

export interface SliPoint {
  ts: Date;
  value: number;
}

export interface Slice {
  start: Date;
  good: boolean;
  noData: boolean;
  /** False when Truthflow was not observing in this minute: the slice counts neither way. */
  observed: boolean;
  /** Why a slice without a reading is what it is, in words; null for slices with a reading. */
  reason: string | null;
  /** Worst reading in the slice; null when there was none. */
  value: number | null;
}

export function sliceStartOf(ts: Date): Date {
  return new Date(Math.floor(ts.getTime() / (SLICE_SECONDS * 1000)) * SLICE_SECONDS * 1000);
}

/** Samples the collectors' buffer dropped during a store outage, and the range they covered. */
export interface DroppedRange {
  from: Date;
  to: Date;
  samples: number;
}

const clock = (d: Date) => d.toISOString().slice(11, 16);
export const droppedReason = (d: DroppedRange) =>
  `${d.samples} samples dropped during a store outage (${clock(d.from)}–${clock(d.to)} UTC)`;

/**
 * Slices covering [from, to): every whole minute that has ended by `to`. `observedAt` are the
 * evaluator's observed markers; without the argument every minute counts as observed. A minute
 * with neither a reading nor a marker inside a range the sink dropped is not observed, with the
 * loss as its reason: Truthflow's own store failed, which is no more the monitored system's fault
 * than Truthflow being stopped, and the slice says what was lost instead of staying silent.
 */
export function buildSlices(
  points: SliPoint[],
  from: Date,
  to: Date,
  threshold: number,
  observedAt?: readonly Date[],
  dropped: readonly DroppedRange[] = [],
  badWhen: 'above' | 'below' = 'above',
): Slice[] {
  // The worst reading of each minute: the highest, or the lowest when low values are the bad ones.
  const worst = new Map<number, number>();
  const worse = badWhen === 'above' ? Math.max : Math.min;
  for (const p of points) {
    if (!Number.isFinite(p.value)) continue; // never let a NaN turn a slice good
    const key = sliceStartOf(p.ts).getTime();
    const seen = worst.get(key);
    worst.set(key, seen === undefined ? p.value : worse(seen, p.value));
  }
  const observed = observedAt ? new Set(observedAt.map((ts) => sliceStartOf(ts).getTime())) : null;
  const slices: Slice[] = [];
  const step = SLICE_SECONDS * 1000;
  for (let t = sliceStartOf(from).getTime(); t + step <= to.getTime(); t += step) {
    const value = worst.get(t);
    const start = new Date(t);
    const lost = dropped.find((d) => d.from.getTime() < t + step && d.to.getTime() >= t);
    const good = value !== undefined && (badWhen === 'above' ? value <= threshold : value >= threshold);
    if (value !== undefined) slices.push({ start, good, noData: false, observed: true, reason: null, value });
    else if (!observed || observed.has(t))
      slices.push({ start, good: false, noData: true, observed: true, reason: 'no reading while Truthflow was observing', value: null });
    else
      slices.push({
        start,
        good: false,
        noData: true,
        observed: false,
        reason: lost ? droppedReason(lost) : NOT_OBSERVED_REASON,
        value: null,
      });
  }
  return slices;
}
