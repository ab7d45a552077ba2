// Lag over time of one group, one line per topic. Pure: turns the store's bucketed series into
// Recharts rows. Columns are v0…vN rather than topic names, because Recharts reads a dotted
// dataKey ("order-events.dlq") as a nested path.
import { fillBuckets } from '../shared/downsample';
import type { LagChart } from './schema';

export const LAG_CHART_MAX_POINTS = 240;
export const LAG_CHART_MAX_TOPICS = 20;
const ALL_TOPICS = '(all topics)';

export interface TopicSeries {
  labels: Record<string, string>;
  points: { t: number; v: number }[];
}

export function topicChart(
  metric: LagChart['metric'],
  series: TopicSeries[],
  fromMs: number,
  toMs: number,
  bucketSeconds: number,
): LagChart {
  const sorted = [...series].sort((a, b) => (a.labels.topic ?? '').localeCompare(b.labels.topic ?? '')).slice(0, LAG_CHART_MAX_TOPICS);
  const filled = sorted.map((s) => fillBuckets(s.points, fromMs, toMs, bucketSeconds));
  const rows = (filled[0] ?? fillBuckets([], fromMs, toMs, bucketSeconds)).map((point, i) => {
    const row: Record<string, number | null> = { t: point.t };
    filled.forEach((points, j) => (row[`v${j}`] = points[i]?.v ?? null));
    return row;
  });
  return { metric, bucketSeconds, topics: sorted.map((s) => s.labels.topic ?? ALL_TOPICS), rows };
}

/** How many buckets of the chart hold at least one reading (0 = say "no data" instead of drawing). */
export function knownPoints(chart: LagChart): number {
  return chart.rows.filter((row) => chart.topics.some((_, j) => row[`v${j}`] !== null && row[`v${j}`] !== undefined)).length;
}
