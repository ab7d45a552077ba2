// Chart points are bucketed in the store (date_bin) so a 7-day range never ships every 15-second
// sample to the browser. The helpers here pick the bucket and turn missing buckets into gaps.
import type { ChartPoint } from './schema';

/** Bucket widths the charts use, in seconds: round numbers so tick labels line up with them. */
export const BUCKET_STEPS = [15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400] as const;

/** The smallest bucket that keeps a range within `maxPoints` points. */
export function bucketSecondsFor(rangeSeconds: number, maxPoints: number): number {
  const wanted = rangeSeconds / Math.max(1, maxPoints);
  return BUCKET_STEPS.find((step) => step >= wanted) ?? Math.ceil(wanted / 86_400) * 86_400;
}

/**
 * One point per bucket of [fromMs, toMs), aligned to the epoch as date_bin(…, 'epoch') aligns them.
 * Buckets the store returned no sample for become null.
 */
export function fillBuckets(points: { t: number; v: number }[], fromMs: number, toMs: number, bucketSeconds: number): ChartPoint[] {
  const step = bucketSeconds * 1000;
  const values = new Map(points.filter((p) => Number.isFinite(p.v)).map((p) => [p.t, p.v]));
  const out: ChartPoint[] = [];
  for (let t = Math.floor(fromMs / step) * step; t < toMs; t += step) out.push({ t, v: values.get(t) ?? null });
  return out;
}
