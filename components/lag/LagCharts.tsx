'use client';
// Lag over time, in messages and in seconds, one line per topic. Worst value per bucket (a spike is
// never averaged away); buckets without samples are gaps; each topic gets its own dash pattern and
// a legend entry, so the lines read without colour.
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatDuration } from '@/lib/views/shared/format';
import { knownPoints } from '@/lib/views/lag/chart';
import type { LagChart } from '@/lib/views/lag/schema';
import { timeAxisProps, timeTooltipProps } from '@/components/charts/time-axis';

const DASHES = ['', '6 3', '2 3', '10 4 2 4', '1 5', '8 2 2 2'];
const COLOURS = ['var(--accent)', 'var(--warn)', 'var(--ok)', 'var(--bad)', 'var(--muted)', 'var(--text)'];
const TITLES = { messages: 'Lag in messages (sum over partitions with a commit)', seconds: 'Lag in seconds (worst partition)' };

function OneChart({ chart, rangeWords }: { chart: LagChart; rangeWords: string }) {
  const format = chart.metric === 'messages' ? formatCount : formatDuration;
  const known = knownPoints(chart);
  return (
    <figure className="panel chart" data-testid="lag-chart" data-metric={chart.metric} data-points={known}>
      <figcaption>
        <strong>{TITLES[chart.metric]}</strong>{' '}
        <span className="muted">
          — {rangeWords}, worst per {formatDuration(chart.bucketSeconds)}
        </span>
      </figcaption>
      {known === 0 ? (
        <p className="muted" data-testid="chart-empty">
          No lag samples for this group in the {rangeWords}: unknown, not zero.
        </p>
      ) : (
        <LineChart responsive style={{ width: '100%', height: 240 }} data={chart.rows} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="2 4" />
          <XAxis {...timeAxisProps(chart.bucketSeconds)} />
          <YAxis width={72} stroke="var(--muted)" tickFormatter={(v: number) => format(v)} domain={[0, 'auto']} />
          <Tooltip {...timeTooltipProps} formatter={(v) => format(typeof v === 'number' ? v : null)} />
          <Legend />
          {chart.topics.map((topic, j) => (
            <Line
              key={topic}
              name={`topic ${topic}`}
              dataKey={`v${j}`}
              stroke={COLOURS[j % COLOURS.length]}
              strokeDasharray={DASHES[j % DASHES.length]}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      )}
    </figure>
  );
}

export function LagCharts({ charts, rangeWords }: { charts: LagChart[]; rangeWords: string }) {
  return (
    <div className="charts">
      {charts.map((chart) => (
        <OneChart key={chart.metric} chart={chart} rangeWords={rangeWords} />
      ))}
    </div>
  );
}
