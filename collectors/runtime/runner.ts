// Runs every job (a collector or an evaluator on one target) on its own interval. The runner owns
// what jobs must not: leases, no overlapping runs, a timeout per run, one span per run, run
// counters and a duration histogram, and handing each run's output and scrape status to the
// writer. One job failing or hanging never holds up another: each job has its own timer chain.
import { withTimeout } from '@/lib/async/timeout';
import type { TruthflowConfig } from '@/lib/config';
import { errorKindOf } from '@/lib/errors';
import type { Logger } from '@/lib/log';
import type { Clients } from '@/lib/sources/clients';
import { counter, histogram, METRICS, withSpan } from '@/lib/telemetry';
import type { AnyCollector, AnyEvaluator, JobShare } from '../types';
import { jobsFor, type Job, type JobKind, type RunOutcome } from './job';
import type { LeaseKeeper } from './leases';
import type { OutputWriter } from './output';
import { runJobOnce } from './run-once';

export interface RunnerOptions {
  config: TruthflowConfig;
  collectors: readonly AnyCollector[];
  evaluators?: readonly AnyEvaluator[];
  clients: Clients;
  output: OutputWriter;
  leases: LeaseKeeper;
  log: Logger;
  now?: () => Date;
}

/** A job with the runner's bookkeeping: its next timer and the tick (lease, run, output) under way. */
interface Scheduled {
  job: Job;
  timer?: NodeJS.Timeout;
  ticking?: Promise<void>;
}

const SPAN_VERB: Record<JobKind, string> = { collector: 'collect', evaluator: 'evaluate' };

/** A target that is one of a share of jobs says so in `jobShare` (collectors/types.ts). */
function jobShareOf(target: { name: string }): JobShare | undefined {
  const { jobShare } = target as { jobShare?: JobShare };
  return jobShare && typeof jobShare.share === 'string' && jobShare.jobs > 1 ? jobShare : undefined;
}

export class JobRunner {
  private readonly scheduled: Scheduled[];
  private readonly now: () => Date;
  private stopped = false;

  constructor(private readonly opts: RunnerOptions) {
    this.scheduled = jobsFor(opts.config, opts.collectors, opts.evaluators ?? []).map((job) => ({ job }));
    this.now = opts.now ?? (() => new Date());
  }

  jobKeys(): string[] {
    return this.scheduled.map((s) => s.job.key);
  }

  start(): void {
    // Spread first runs over the first second so jobs do not all hit the network at once.
    this.scheduled.forEach((s, i) => this.schedule(s, (i * 1000) / Math.max(1, this.scheduled.length)));
  }

  /**
   * Stops scheduling and waits for running jobs and the writing of their output, but no longer
   * than one timeout: a hung run is abandoned.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.scheduled) clearTimeout(s.timer);
    const timeoutSeconds = this.opts.config.collectors.timeoutSeconds;
    const running = Promise.allSettled(this.scheduled.flatMap((s) => [s.job.inFlight, s.ticking]));
    await withTimeout(running, timeoutSeconds * 1000, { message: `runs still going after ${timeoutSeconds} s` }).catch((error: unknown) =>
      this.opts.log.warn({ err: error }, 'stopping without waiting for hung runs'),
    );
  }

  private schedule(s: Scheduled, delayMs: number): void {
    if (this.stopped) return;
    s.timer = setTimeout(() => {
      s.ticking = this.tick(s).catch((error: unknown) => this.opts.log.error({ err: error, job: s.job.key }, 'job tick failed'));
    }, delayMs);
  }

  private async tick(s: Scheduled): Promise<void> {
    const intervalMs = this.opts.config.collectors.intervalSeconds * 1000;
    const started = Date.now();
    try {
      if (await this.opts.leases.mayRun(s.job.key, jobShareOf(s.job.target))) await this.runJob(s.job);
    } finally {
      this.schedule(s, Math.max(0, intervalMs - (Date.now() - started)));
    }
  }

  private async runJob(job: Job): Promise<void> {
    // Metric attributes keep their name from when every job was a collector: dashboards filter on it.
    const attributes = { 'truthflow.collector': job.name };
    const attemptAt = this.now();
    const spanAttributes = { ...attributes, 'truthflow.target': job.target.name, 'truthflow.job.kind': job.kind };
    const { config, clients, log } = this.opts;
    // The span also covers writing the output, so a slow store write shows in the run's trace.
    await withSpan(`${SPAN_VERB[job.kind]} ${job.name}`, spanAttributes, async (span) => {
      const outcome: RunOutcome = await runJobOnce(job, { config, clients, log, now: this.now }).catch((error: unknown) => ({
        durationMs: 0,
        error: { kind: errorKindOf(error), message: String(error) },
      }));
      if (outcome.error) span.setAttribute('error.type', outcome.error.kind);
      const success = outcome.error === undefined;
      counter(METRICS.collectorRuns, 'Collector runs by outcome').add(1, { ...attributes, outcome: success ? 'success' : 'failure' });
      histogram(METRICS.collectorRunDuration, 'Duration of collector runs').record(outcome.durationMs / 1000, attributes);
      if (!success)
        this.opts.log.warn({ job: job.key, kind: outcome.error!.kind, error: outcome.error!.message }, `${job.kind} run failed`);
      await this.opts.output.write(job, outcome, attemptAt);
    });
  }
}
