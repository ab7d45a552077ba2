// Samples dropped during the store outage, and the SLO slices of their minutes. The sink counts
// what it drops but not which samples; the bench counts what every run handed to the sink while
// the store was down (per metric and timestamp), and once the sink has drained compares that with
// what reached the store. The difference is what the sink dropped, and the minutes it belonged to
// are looked up in slo_slices: judged good or bad, or left "not observed".
import { SERIES } from '@/lib/series-names';
import { sliceStartOf } from '@/lib/slo/slices';
import { storePool } from '@/lib/store/pool';

const SLO_SERIES = new Set<string>([SERIES.outboxOldestUnsentAgeSeconds, SERIES.sloSliValue, SERIES.sloObserved]);

export interface SliceVerdicts {
  slo: string;
  good: number;
  bad: number;
  notObserved: number;
  missing: number;
}

export interface DropReport {
  sinkDropped: number;
  /** Pushed during the outage but absent from the store afterwards, by metric. */
  byMetric: Record<string, number>;
  /** The span of sample times that lost samples. */
  from: Date | null;
  to: Date | null;
  /** Minutes that lost an SLO-relevant sample (SLI input, SLI value or observed marker). */
  sloMinutes: number;
  /** How those minutes' slices stand now, per SLO. */
  slices: SliceVerdicts[];
  /** How every minute of the outage stands, per SLO. */
  outageSlices: SliceVerdicts[];
  /** The outage's minutes judged bad, with the slice's own reason (a few). */
  badOutageMinutes: string[];
}

export class DropTracker {
  private readonly pushed = new Map<string, number>();
  tracking = false;

  /** Counts what a run hands to the sink while the outage (and the drain after it) lasts. */
  note(samples: { metric: string; ts?: Date }[], attemptAt: Date): void {
    if (!this.tracking) return;
    for (const s of samples) {
      const key = `${s.metric}|${(s.ts ?? attemptAt).toISOString()}`;
      this.pushed.set(key, (this.pushed.get(key) ?? 0) + 1);
    }
  }

  async report(sinkDropped: number, outage: { from: number; to: number }): Promise<DropReport> {
    const times = [...this.pushed.keys()].map((k) => Date.parse(k.split('|')[1]!));
    const first = new Date(Math.min(...times));
    const last = new Date(Math.max(...times) + 1);
    const { rows } = await storePool().query<{ metric: string; ts: Date; n: number }>(
      `SELECT s.metric, p.ts, count(*)::int AS n FROM samples p JOIN series s ON s.id = p.series_id
        WHERE p.ts >= $1 AND p.ts < $2 GROUP BY 1, 2`,
      [first, last],
    );
    const stored = new Map(rows.map((r) => [`${r.metric}|${r.ts.toISOString()}`, r.n]));
    const byMetric: Record<string, number> = {};
    const sloMinutes = new Set<number>();
    const lost: number[] = [];
    for (const [key, n] of this.pushed) {
      const missing = n - (stored.get(key) ?? 0);
      if (missing <= 0) continue;
      const [metric, ts] = key.split('|') as [string, string];
      byMetric[metric] = (byMetric[metric] ?? 0) + missing;
      lost.push(Date.parse(ts));
      if (SLO_SERIES.has(metric)) sloMinutes.add(sliceStartOf(new Date(ts)).getTime());
    }
    return {
      sinkDropped,
      byMetric,
      from: lost.length ? new Date(Math.min(...lost)) : null,
      to: lost.length ? new Date(Math.max(...lost)) : null,
      sloMinutes: sloMinutes.size,
      slices: await verdicts([...sloMinutes].map((t) => new Date(t))),
      outageSlices: await verdicts(minutesOf(outage)),
      badOutageMinutes: await badMinutes(outage),
    };
  }
}

function minutesOf({ from, to }: { from: number; to: number }): Date[] {
  const out: Date[] = [];
  for (let t = from; t < to; t += 60_000) out.push(new Date(t));
  return out;
}

async function verdicts(minutes: Date[]): Promise<SliceVerdicts[]> {
  const { rows } = await storePool().query<{ slo: string; good: number; bad: number; not_observed: number; found: number }>(
    `SELECT feature || '/' || slo AS slo,
            count(*) FILTER (WHERE observed AND good)::int AS good,
            count(*) FILTER (WHERE observed AND NOT good)::int AS bad,
            count(*) FILTER (WHERE NOT observed)::int AS not_observed,
            count(*)::int AS found
       FROM slo_slices WHERE slice_start = ANY($1::timestamptz[]) GROUP BY 1 ORDER BY 1`,
    [minutes],
  );
  return rows.map((r) => ({ slo: r.slo, good: r.good, bad: r.bad, notObserved: r.not_observed, missing: minutes.length - r.found }));
}

async function badMinutes({ from, to }: { from: number; to: number }): Promise<string[]> {
  const { rows } = await storePool().query<{ line: string }>(
    `SELECT feature || '/' || slo || ' ' || to_char(slice_start AT TIME ZONE 'UTC', 'HH24:MI') || ': ' ||
            coalesce(reason, 'value ' || sli_value::text) AS line
       FROM slo_slices WHERE slice_start >= $1 AND slice_start < $2 AND observed AND NOT good ORDER BY slice_start LIMIT 6`,
    [new Date(from), new Date(to)],
  );
  return rows.map((r) => r.line);
}
