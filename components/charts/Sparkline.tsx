'use client';
// A one-hour SLI sparkline for the overview cards. Gaps stay gaps (no data is not 0), and the
// dashed line is the SLO threshold; the caption says both in words for readers who cannot see colour.
import { Line, LineChart, ReferenceLine, YAxis } from 'recharts';
import type { ChartPoint } from '@/lib/views/shared/schema';

export function Sparkline({ points, threshold, summary }: { points: ChartPoint[]; threshold: number; summary: string }) {
  const known = points.filter((p) => p.v !== null).length;
  if (known === 0) {
    return (
      <p className="sparkline-empty muted" data-testid="sparkline" data-points="0">
        no SLI readings in the last hour
      </p>
    );
  }
  return (
    <figure className="sparkline" data-testid="sparkline" data-points={known} aria-label={summary}>
      <LineChart responsive style={{ width: '100%', height: 44 }} data={points} margin={{ top: 4, right: 2, bottom: 4, left: 2 }}>
        <YAxis hide domain={[0, (max: number) => Math.max(max, threshold) * 1.1]} />
        <ReferenceLine y={threshold} stroke="var(--bad)" strokeDasharray="4 3" ifOverflow="extendDomain" />
        <Line dataKey="v" stroke="var(--accent)" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
      <figcaption className="muted small">last hour · dashed line = threshold · gaps = no data</figcaption>
    </figure>
  );
}
