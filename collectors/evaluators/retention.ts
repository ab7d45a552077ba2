// The retention job: keeps the store at the size its retention horizons imply (truthflow.yaml
// `retention`), so Truthflow can run for months. One target (the store), on the shared runner like
// every evaluator: one process at a time holds its lease, and its summary and failures show in the
// scrape-status panel.
//
// Each pass creates the coming days' sample partitions (with the job's clock, so an injected clock
// works too), drops whole partitions behind the samples horizon, then deletes old rows elsewhere
// in bounded batches within a time budget, leaving what is left for the next pass: a pass never
// holds locks long enough to stall ingest, and never outlives the run timeout by much.
import { retentionSeconds, type TruthflowConfig } from '@/lib/config';
import { SERIES } from '@/lib/series-names';
import { storePool } from '@/lib/store/pool';
import { deleteResolvedAlertsBefore } from '@/lib/store/queries/alerts';
import { deleteHeartbeatsBefore } from '@/lib/store/queries/heartbeats';
import {
  deleteDefaultPartitionSamplesBefore,
  dropSamplePartition,
  ensureSamplePartitionsBetween,
  samplePartitionsBefore,
} from '@/lib/store/queries/samples';
import { pruneSeriesWithoutSamplesSince } from '@/lib/store/queries/series';
import { deleteSlicesBeforeBatch } from '@/lib/store/queries/slo-slices';
import { deleteSpansBefore } from '@/lib/store/queries/span-retention';
import type { EvaluateContext, Evaluator, SampleInput } from '../types';

const DAY_MS = 86_400_000;
/** Partitions exist this many days ahead, so a day's first sample never lands in the default partition. */
const DAYS_AHEAD = 7;
/** Heartbeats of processes that died without removing theirs: a day is long past any health window. */
const HEARTBEAT_HORIZON_MS = DAY_MS;
/** A full pass at most this often once caught up: the horizons are days, the runner ticks every few seconds. */
const PASS_EVERY_MS = 5 * 60_000;

export interface RetentionOptions {
  batchSize?: number;
  /** Told which series were pruned, so the sink forgets their ids. */
  forgetSeries?: (keys: string[]) => void;
}

interface RetentionTarget {
  name: string;
}

interface RetentionState {
  /** When the last pass finished with nothing left behind; undefined until then. */
  caughtUpAt?: number;
}

type Deleted = Record<'partitions' | 'samples' | 'series' | 'slices' | 'alerts' | 'heartbeats' | 'spans', number>;

const isLockTimeout = (error: unknown): boolean => {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown };
  return code === '55P03' || (cause !== undefined && cause !== error && isLockTimeout(cause));
};

/** Calls `batch` until it deletes fewer than `size` rows or the budget is spent; true when nothing was left. */
async function inBatches(size: number, hasTime: () => boolean, batch: () => Promise<number>, add: (n: number) => void): Promise<boolean> {
  while (hasTime()) {
    const n = await batch();
    add(n);
    if (n < size) return true;
  }
  return false;
}

export interface RetentionPass {
  deleted: Deleted;
  partitionsCreated: number;
  /** False when the time budget ran out first: the next run goes on at once instead of waiting. */
  complete: boolean;
}

/** One pass at `now`. Exported for tests and the soak benchmark, which drive it with their own clock. */
export async function runRetentionPass(
  config: TruthflowConfig,
  now: Date,
  opts: RetentionOptions & { hasTime?: () => boolean } = {},
): Promise<RetentionPass> {
  const size = opts.batchSize ?? 5_000;
  const hasTime = opts.hasTime ?? (() => true);
  const keep = retentionSeconds(config.retention);
  const before = (seconds: number) => new Date(now.getTime() - seconds * 1000);
  const deleted: Deleted = { partitions: 0, samples: 0, series: 0, slices: 0, alerts: 0, heartbeats: 0, spans: 0 };
  const add = (key: keyof Deleted) => (n: number) => void (deleted[key] += n);

  const partitionsCreated = await ensureSamplePartitionsBetween(
    new Date(now.getTime() - DAY_MS),
    new Date(now.getTime() + DAYS_AHEAD * DAY_MS),
  );
  const samplesCutoff = before(keep.samples);
  let complete = true;
  for (const partition of await samplePartitionsBefore(samplesCutoff)) {
    if (!hasTime()) break;
    try {
      await dropSamplePartition(partition);
      deleted.partitions += 1;
    } catch (error) {
      // A long read held the table: the partition goes on a later pass, the rest of this one goes on.
      if (!isLockTimeout(error)) throw error;
      complete = false;
      break;
    }
  }
  complete &&= hasTime();
  const steps: [keyof Deleted, () => Promise<number>][] = [
    ['samples', () => deleteDefaultPartitionSamplesBefore(samplesCutoff, size)],
    [
      'series',
      async () => {
        const pruned = await pruneSeriesWithoutSamplesSince(samplesCutoff, size);
        if (pruned.length > 0) opts.forgetSeries?.(pruned);
        return pruned.length;
      },
    ],
    ['slices', () => deleteSlicesBeforeBatch(before(keep.slices), size)],
    ['alerts', () => deleteResolvedAlertsBefore(before(keep.alerts), size)],
    ['heartbeats', () => deleteHeartbeatsBefore(new Date(now.getTime() - HEARTBEAT_HORIZON_MS), size)],
  ];
  for (const [table, step] of steps) complete = (await inBatches(size, hasTime, step, add(table))) && complete;
  // Spans and their keys and links go in a loop of bounded statements of its own.
  if (hasTime()) deleted.spans = await deleteSpansBefore(storePool(), before(keep.spans), size);
  else complete = false;
  return { deleted, partitionsCreated, complete: complete && hasTime() };
}

function samplesOf(pass: RetentionPass, ts: Date): SampleInput[] {
  return Object.entries(pass.deleted).map(([table, n]) => ({ metric: SERIES.retentionDeleted, labels: { table }, value: n, ts }));
}

export function createRetentionEvaluator(opts: RetentionOptions = {}): Evaluator<RetentionTarget, RetentionState> {
  return {
    name: 'retention',
    targets: () => [{ name: 'store' }],
    initialState: () => ({}),
    async evaluate(ctx: EvaluateContext<RetentionTarget, RetentionState>) {
      const now = ctx.now();
      if (ctx.state.caughtUpAt !== undefined && now.getTime() - ctx.state.caughtUpAt < PASS_EVERY_MS) {
        return { samples: [], summary: 'nothing to do until the next pass' };
      }
      // Leave a third of the run timeout for the last batch and for writing the output.
      const deadline = performance.now() + ctx.config.collectors.timeoutSeconds * 1000 * (2 / 3);
      const hasTime = () => !ctx.signal.aborted && performance.now() < deadline;
      const pass = await runRetentionPass(ctx.config, now, { ...opts, hasTime });
      ctx.state.caughtUpAt = pass.complete ? now.getTime() : undefined;
      const d = pass.deleted;
      const summary =
        `dropped ${d.partitions} sample partitions, deleted ${d.samples} samples, ${d.series} series, ${d.slices} slices, ` +
        `${d.alerts} alerts, ${d.heartbeats} heartbeats, ${d.spans} span rows; created ${pass.partitionsCreated} partitions` +
        (pass.complete ? '' : '; more left for the next run');
      return { samples: samplesOf(pass, now), summary };
    },
  };
}
