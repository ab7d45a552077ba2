'use client';
// SLI over the URL's time range against the SLO threshold. The worst value per bucket is drawn (a
// spike is never averaged away), buckets without data are gaps, and the legend and caption say in
// words what each line is, so the chart reads without colour.
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration, formatSli } from '@/lib/views/shared/format';
import type { SliUnit } from '@/lib/config/schema-features';
import type { SliChart as SliChartData } from '@/lib/views/feature/schema';
import { timeAxisProps, timeTooltipProps } from '@/components/charts/time-axis';

export interface TimeRange {
  from: string;
  to: string;
}

/**
 * `notObserved`: minutes in which Truthflow itself was not running, shaded and labelled, so its own
 * downtime never reads as the monitored system's silence.
 */
export function SliChart({ chart, rangeWords, notObserved = [] }: { chart: SliChartData; rangeWords: string; notObserved?: TimeRange[] }) {
  const unit = chart.unit as SliUnit;
  const known = chart.points.filter((p) => p.v !== null).length;
  const latest = [...chart.points].reverse().find((p) => p.v !== null)?.v ?? null;
  const thresholdWords = `threshold ${formatSli(chart.threshold, unit)}`;
  const seriesName = `SLI, worst per ${formatDuration(chart.bucketSeconds)}`;
  return (
    <figure className="panel chart" data-testid="sli-chart" data-slo={chart.slo} data-points={known}>
      <figcaption>
        <strong>{chart.slo}</strong>{' '}
        <span className="muted">
          — {rangeWords}; latest {formatSli(latest, unit)}; {thresholdWords} (bad {chart.badWhen} it)
        </span>
      </figcaption>
      {known === 0 ? (
        <p className="muted chart-empty" data-testid="chart-empty">
          No SLI readings in the {rangeWords}: the SLI is unknown for the whole range (a minute Truthflow observed without data counts as
          bad; one in which Truthflow was not running counts neither way).
        </p>
      ) : (
        <LineChart responsive style={{ width: '100%', height: 240 }} data={chart.points} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="2 4" />
          <XAxis {...timeAxisProps(chart.bucketSeconds)} />
          <YAxis
            width={72}
            stroke="var(--muted)"
            tickFormatter={(v: number) => formatSli(v, unit)}
            domain={[0, (max: number) => Math.max(max, chart.threshold) * 1.1]}
          />
          <Tooltip {...timeTooltipProps} formatter={(v) => formatSli(typeof v === 'number' ? v : null, unit)} />
          <Legend />
          {notObserved.map((r) => (
            <ReferenceArea
              key={r.from}
              x1={Date.parse(r.from)}
              x2={Date.parse(r.to)}
              ifOverflow="hidden"
              fill="var(--muted)"
              fillOpacity={0.15}
              label={{ value: 'Truthflow was not running', position: 'insideTop', fill: 'var(--muted)', fontSize: 11 }}
            />
          ))}
          <ReferenceLine
            y={chart.threshold}
            stroke="var(--bad)"
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
            label={{ value: thresholdWords, position: 'insideTopRight', fill: 'var(--bad)', fontSize: 12 }}
          />
          <Line
            name={seriesName}
            dataKey="v"
            stroke="var(--accent)"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        </LineChart>
      )}
      <p className="muted small">
        Solid line: {seriesName}. Dashed line: {thresholdWords}; objective {(chart.objective * 100).toFixed(2)} % of minutes at or{' '}
        {chart.badWhen === 'above' ? 'below' : 'above'} it. Gaps: no data; shaded: Truthflow was not running (not counted).
      </p>
    </figure>
  );
}
