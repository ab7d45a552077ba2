'use client';
// Mismatched keys per run over the last 24 hours, one line per reason. An empty list says so in
// words rather than drawing a flat zero: no run is not the same as no mismatch.
import { Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReconciliationPanel } from '@/lib/views/consistency/schema';
import { formatClock } from '@/lib/views/shared/format';

const LINES = [
  { key: 'missing', color: 'var(--bad)' },
  { key: 'stale', color: 'var(--warn, #b7791f)' },
  { key: 'extra', color: 'var(--accent)' },
] as const;

export function MismatchTrend({ trend }: { trend: ReconciliationPanel['trend'] }) {
  if (trend.length === 0) return <p className="muted small">no run in the last 24 hours</p>;
  const points = trend.map((p) => ({ ...p, t: Date.parse(p.at) }));
  return (
    <figure data-testid="mismatch-trend" data-points={points.length} aria-label="Mismatched keys per run, last 24 hours">
      <LineChart responsive style={{ width: '100%', height: 120 }} data={points} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
        <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => formatClock(t)} scale="time" />
        <YAxis allowDecimals={false} width={40} />
        <Tooltip labelFormatter={(t) => formatClock(Number(t))} />
        {LINES.map((l) => (
          <Line key={l.key} dataKey={l.key} stroke={l.color} dot={false} isAnimationActive={false} strokeWidth={1.5} />
        ))}
      </LineChart>
      <figcaption className="muted small">mismatched keys per run, last 24 hours: missing, stale, extra</figcaption>
    </figure>
  );
}
