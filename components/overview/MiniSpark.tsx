// An SLI sparkline the height of a table row: the last hour as plain SVG, so sixty rows cost no
// chart library. Gaps stay gaps (no reading is not 0); the dashed line is the threshold.
import type { ChartPoint } from '@/lib/views/shared/schema';

const WIDTH = 100;
const HEIGHT = 12;

/** Runs of consecutive known points, each drawn as its own line. */
function runs(points: ChartPoint[]): { t: number; v: number }[][] {
  const out: { t: number; v: number }[][] = [];
  let run: { t: number; v: number }[] = [];
  for (const p of points) {
    if (p.v === null) {
      if (run.length) out.push(run);
      run = [];
    } else run.push({ t: p.t, v: p.v });
  }
  if (run.length) out.push(run);
  return out;
}

export function MiniSpark({ points, threshold, summary }: { points: ChartPoint[]; threshold: number; summary: string }) {
  const known = points.filter((p) => p.v !== null);
  if (known.length === 0 || points.length < 2)
    return (
      <span className="muted" data-testid="sparkline" data-points="0">
        no readings
      </span>
    );
  const t0 = points[0]!.t;
  const span = Math.max(1, points.at(-1)!.t - t0);
  const top = Math.max(threshold, ...known.map((p) => p.v!)) * 1.1 || 1;
  const x = (t: number) => ((t - t0) / span) * WIDTH;
  const y = (v: number) => HEIGHT - (v / top) * HEIGHT;
  return (
    <svg
      className="mini-spark"
      data-testid="sparkline"
      data-points={known.length}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={summary}
    >
      <line x1={0} x2={WIDTH} y1={y(threshold)} y2={y(threshold)} className="mini-spark-threshold" />
      {runs(points).map((run) =>
        run.length === 1 ? (
          <circle key={run[0]!.t} cx={x(run[0]!.t)} cy={y(run[0]!.v)} r={1} className="mini-spark-dot" />
        ) : (
          <polyline
            key={run[0]!.t}
            points={run.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')}
            className="mini-spark-line"
          />
        ),
      )}
    </svg>
  );
}
