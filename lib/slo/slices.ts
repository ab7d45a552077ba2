// One-minute time slices: the unit of SLO accounting. A slice is good when every SLI reading in it
// meets the objective's threshold (lower is better for every Truthflow SLI: ages, lag, inflow,
// rejection ratio). A slice with no reading is bad: freshness SLIs built only from events look
// perfect when nothing flows, so silence must spend budget.
export const SLICE_SECONDS = 60;

export interface SliPoint {
  ts: Date;
  value: number;
}

export interface Slice {
  start: Date;
  good: boolean;
  noData: boolean;
  /** Worst reading in the slice; null when there was none. */
  value: number | null;
}

export function sliceStartOf(ts: Date): Date {
  return new Date(Math.floor(ts.getTime() / (SLICE_SECONDS * 1000)) * SLICE_SECONDS * 1000);
}

/** Slices covering [from, to): every whole minute that has ended by `to`. */
export function buildSlices(points: SliPoint[], from: Date, to: Date, threshold: number): Slice[] {
  const worst = new Map<number, number>();
  for (const p of points) {
    if (!Number.isFinite(p.value)) continue; // never let a NaN turn a slice good
    const key = sliceStartOf(p.ts).getTime();
    worst.set(key, Math.max(worst.get(key) ?? -Infinity, p.value));
  }
  const slices: Slice[] = [];
  const step = SLICE_SECONDS * 1000;
  for (let t = sliceStartOf(from).getTime(); t + step <= to.getTime(); t += step) {
    const value = worst.get(t);
    slices.push(
      value === undefined
        ? { start: new Date(t), good: false, noData: true, value: null }
        : { start: new Date(t), good: value <= threshold, noData: false, value },
    );
  }
  return slices;
}
