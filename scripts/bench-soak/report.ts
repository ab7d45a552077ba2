// The soak's printout: one line per simulated day, then the four goals with their figures.
import { retentionSeconds, type TruthflowConfig } from '@/lib/config';
import type { DropReport, SliceVerdicts } from './drops';
import type { DayFigures, SoakRun } from './sim';
import type { ReceivedEvent } from './webhook';

const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(1);
const n = (x: number) => x.toLocaleString('en-US');
const mark = (ok: boolean | null) => (ok === null ? '(not judged)' : ok ? 'PASS' : 'FAIL');

export const DAY_HEADER =
  'day | store MB | samples    | series | slices | spans  | span keys | alerts | partitions | RSS MB | heap MB | real s';

export function dayLine(d: DayFigures): string {
  const cells = [
    String(d.day).padStart(3),
    mb(d.bytes).padStart(8),
    n(d.samples).padStart(10),
    n(d.series).padStart(6),
    n(d.slices).padStart(6),
    n(d.spans).padStart(6),
    n(d.spanKeys).padStart(9),
    n(d.alerts).padStart(6),
    String(d.partitions).padStart(10),
    mb(d.rssBytes).padStart(6),
    mb(d.heapBytes).padStart(7),
    d.realSeconds.toFixed(1).padStart(6),
  ];
  return cells.join(' | ');
}

export interface Goals {
  sizeLevelsOff: boolean | null;
  rssBounded: boolean | null;
  alertsDelivered: boolean | null;
}

/** Store size levels off: the last five days stay within 10 % of the size two days past the samples horizon. */
function sizeGoal(days: DayFigures[], config: TruthflowConfig): { ok: boolean | null; line: string } {
  const horizonDays = Math.ceil(retentionSeconds(config.retention).samples / 86_400);
  const reference = days[horizonDays + 1];
  if (!reference || days.length < horizonDays + 7) {
    return {
      ok: null,
      line: `store size: ${days.length} days are too few to judge (needs ${horizonDays + 7}: the samples horizon is ${horizonDays} days)`,
    };
  }
  const lastFive = days.slice(-5);
  const max = Math.max(...lastFive.map((d) => d.bytes));
  const ratio = max / reference.bytes;
  const ok = ratio <= 1.1;
  // Where the growth since the reference day went, so a store that does not level off says which table.
  const growth = Object.entries(lastFive.at(-1)!.relations)
    .map(([name, bytes]) => [name, bytes - (reference.relations[name] ?? 0)] as const)
    .filter(([, delta]) => Math.abs(delta) >= 0.1 * MB)
    .sort((a, b) => b[1] - a[1])
    .map(([name, delta]) => `${name} ${delta >= 0 ? '+' : ''}${mb(delta)}`)
    .slice(0, 6);
  const where = growth.length ? `\n  change by table since day ${reference.day} (MB): ${growth.join(', ')}` : '';
  return {
    ok,
    line: `store size: ${mb(reference.bytes)} MB on day ${reference.day} (samples horizon ${horizonDays} d + 2), max of the last 5 days ${mb(max)} MB = ${ratio.toFixed(2)}× (goal ≤ 1.10) ${mark(ok)}${where}`,
  };
}

/**
 * RSS swings by tens of MB from one day to the next while the heap after GC stays flat (native
 * buffers, allocator arenas), so one day's reading against another's judges noise. The goal
 * compares envelopes: the highest RSS of the last three days against the highest of days 1–3.
 */
function rssGoal(days: DayFigures[]): { ok: boolean | null; line: string } {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last || days.length < 6) return { ok: null, line: 'RSS: too few days to judge (needs 6)' };
  const peakOf = (list: DayFigures[]) => Math.max(...list.map((d) => d.rssBytes));
  const early = peakOf(days.slice(0, 3));
  const late = peakOf(days.slice(-3));
  const growth = (late / early - 1) * 100;
  const ok = growth < 10;
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)} %`;
  return {
    ok,
    line:
      `RSS: ${mb(first.rssBytes)} MB after day 1, ${mb(last.rssBytes)} MB after day ${last.day} (${signed((last.rssBytes / first.rssBytes - 1) * 100)}); ` +
      `peak of days 1–3 ${mb(early)} MB → peak of the last 3 days ${mb(late)} MB = ${signed(growth)} (goal < 10 %) ${mark(ok)}\n` +
      `  V8 heap after GC ${mb(first.heapBytes)} → ${mb(last.heapBytes)} MB; RSS ranged ${mb(Math.min(...days.map((d) => d.rssBytes)))}–${mb(peakOf(days))} MB over the run`,
  };
}

const slicesWords = (list: SliceVerdicts[]) =>
  list
    .map((v) => `${v.slo}: ${v.good} good, ${v.bad} bad, ${v.notObserved} not observed${v.missing ? `, ${v.missing} without a slice` : ''}`)
    .join('; ');

function dropLines(d: DropReport | null, run: SoakRun, sinkMax: number): string[] {
  const totals = run.jobs.sink.totals;
  const head = `samples: ${n(totals.written)} written, ${n(totals.dropped)} dropped by the sink (bound ${n(sinkMax)}) during the store outage`;
  if (!d) return [head, '  (the run ended before the outage was judged)'];
  const iso = (t: Date | null) => (t ? t.toISOString().slice(0, 16).replace('T', ' ') : '-');
  const byMetric = Object.entries(d.byMetric)
    .map(([metric, count]) => `${metric} ${n(count)}`)
    .join(', ');
  return [
    head,
    `  store down ${run.storeDownRealSeconds.toFixed(1)} s real (${run.storeOutageHours} simulated hours), buffer written ${run.drainRealSeconds.toFixed(1)} s after the restart`,
    `  missing from the store afterwards: ${byMetric || 'nothing'}; sample times ${iso(d.from)} – ${iso(d.to)} UTC`,
    `  minutes that lost an SLO sample (SLI input, SLI value or observed marker): ${d.sloMinutes}${d.slices.length ? ` → ${slicesWords(d.slices)}` : ''}`,
    `  every outage minute's slice: ${slicesWords(d.outageSlices)}`,
    ...d.badOutageMinutes.map((line) => `    bad: ${line}`),
  ];
}

export function summaryLines(
  run: SoakRun,
  config: TruthflowConfig,
  realSeconds: number,
  received: ReceivedEvent[],
  sinkMax: number,
): { lines: string[]; goals: Goals } {
  const size = sizeGoal(run.days, config);
  const rss = rssGoal(run.days);
  const webhooks = config.alerts.webhooks.map((w) => ({ name: w.name, format: w.format }));
  const tallies = run.ledger.tally(webhooks, received);
  const owed = run.ledger.transitions;
  // A run too short for a stuck hour fires nothing, which proves nothing either way.
  const alertsDelivered = owed === 0 ? null : tallies.every((t) => t.transitions === owed && t.sent === owed && t.heardByReceiver === owed);
  const lines = [
    size.line,
    rss.line,
    `alerts: ${run.ledger.fired} fired, ${run.ledger.resolved} resolved = ${owed} transitions owed to each webhook ${mark(alertsDelivered)}`,
    ...tallies.map(
      (t) =>
        `  ${t.webhook}: ${t.transitions} queued, ${t.sent} delivered, ${t.heardByReceiver} heard by the receiver, ${t.pending} pending, ${t.givenUp} given up`,
    ),
    `  webhook outage: ${run.deliveryFailures} failed sends retried with backoff`,
    ...dropLines(run.drops, run, sinkMax),
    `spans: ${n(run.spans.accepted)} stored through the receiver; ${run.spans.refused} requests refused while the store was down, ${run.spans.retried} sent again later, spans lost ${run.spans.lost}`,
    `failed job runs (store down): ${Object.entries(run.failedRuns)
      .map(([job, count]) => `${job} ${count}`)
      .join(', ')}`,
    `real time ${(realSeconds / 60).toFixed(1)} min; in job runs: ${Object.entries(run.realSecondsByJob)
      .map(([job, seconds]) => `${job} ${seconds.toFixed(0)} s`)
      .join(', ')}`,
  ];
  return { lines, goals: { sizeLevelsOff: size.ok, rssBounded: rss.ok, alertsDelivered } };
}
