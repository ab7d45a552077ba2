// Runs every (collector, target) job on its own interval. The runner owns what collectors must
// not: no overlapping runs, a timeout per run, one span per run, run counters and a duration
// histogram, scrape status, and handing samples to the sink. One job failing or hanging never
// holds up another: each job has its own timer chain.
import type { TruthflowConfig } from '@/lib/config';
import { errorKindOf } from '@/lib/errors';
import type { Logger } from '@/lib/log';
import { recordScrapeOutcome } from '@/lib/store/queries/scrape-status';
import { counter, histogram, METRICS, withSpan } from '@/lib/telemetry';
import type { Clients } from '@/lib/sources/clients';
import type { LeaseKeeper } from './leases';
import type { SampleSink } from './sink';
import type { AnyCollector, CollectResult } from './types';
import { runJobOnce, type JobOutcome } from './run-once';

export interface RunnerOptions {
  config: TruthflowConfig;
  collectors: AnyCollector[];
  clients: Clients;
  sink: SampleSink;
  leases: LeaseKeeper;
  log: Logger;
  now?: () => Date;
}

interface Job {
  key: string;
  collector: AnyCollector;
  target: { name: string };
  state: unknown;
  /** The previous run's promise while it has not settled (a hung run blocks the next one). */
  inFlight?: Promise<unknown>;
  timer?: NodeJS.Timeout;
}

export class CollectorRunner {
  private readonly jobs: Job[];
  private stopped = false;

  constructor(private readonly opts: RunnerOptions) {
    this.jobs = opts.collectors.flatMap((collector) =>
      collector.targets(opts.config).map((target) => ({
        key: `${collector.name}/${target.name}`,
        collector,
        target,
        state: collector.initialState(target),
      })),
    );
  }

  jobKeys(): string[] {
    return this.jobs.map((j) => j.key);
  }

  start(): void {
    // Spread first runs over the first second so jobs do not all hit the network at once.
    this.jobs.forEach((job, i) => this.schedule(job, (i * 1000) / Math.max(1, this.jobs.length)));
  }

  /** Stops scheduling and waits for running jobs, but no longer than one timeout: a hung run is abandoned. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const job of this.jobs) clearTimeout(job.timer);
    const grace = new Promise((resolve) => setTimeout(resolve, this.opts.config.collectors.timeoutSeconds * 1000).unref());
    await Promise.race([Promise.allSettled(this.jobs.map((j) => j.inFlight)), grace]);
  }

  private schedule(job: Job, delayMs: number): void {
    if (this.stopped) return;
    job.timer = setTimeout(() => void this.tick(job), delayMs);
  }

  private async tick(job: Job): Promise<void> {
    const intervalMs = this.opts.config.collectors.intervalSeconds * 1000;
    const started = Date.now();
    try {
      if (await this.opts.leases.mayRun(job.key)) await this.runJob(job);
    } finally {
      this.schedule(job, Math.max(0, intervalMs - (Date.now() - started)));
    }
  }

  private async runJob(job: Job): Promise<void> {
    const { collector, target } = job;
    const attributes = { 'truthflow.collector': collector.name };
    const attemptAt = this.opts.now?.() ?? new Date();
    const outcome: JobOutcome = await withSpan(`collect ${collector.name}`, { ...attributes, 'truthflow.target': target.name }, async (span) => {
      const result = await runJobOnce(job, { ...this.opts, attemptAt });
      if (result.error) span.setAttribute('error.type', result.error.kind);
      return result;
    }).catch((error: unknown) => ({ durationMs: 0, error: { kind: errorKindOf(error), message: String(error) } }));

    const success = outcome.error === undefined;
    counter(METRICS.collectorRuns, 'Collector runs by outcome').add(1, { ...attributes, outcome: success ? 'success' : 'failure' });
    histogram(METRICS.collectorRunDuration, 'Duration of collector runs').record(outcome.durationMs / 1000, attributes);
    if (success) this.handOver(job, outcome.result!, attemptAt);
    else this.opts.log.warn({ job: job.key, kind: outcome.error!.kind, error: outcome.error!.message }, 'collector run failed');

    await recordScrapeOutcome({
      collector: collector.name,
      source: target.name,
      attemptAt,
      durationMs: outcome.durationMs,
      error: outcome.error,
      notes: outcome.result?.notes,
    }).catch((error: unknown) => this.opts.log.warn({ err: error, job: job.key }, 'could not record scrape status'));
  }

  private handOver(job: Job, result: CollectResult, attemptAt: Date): void {
    // Samples without their own time are stamped with the run's start, so every sample of a run
    // lands on the same instant.
    this.opts.sink.push(result.samples.map((s) => ({ ...s, ts: s.ts ?? attemptAt })));
    this.opts.log.debug({ job: job.key, samples: result.samples.length, summary: result.summary }, 'collector run ok');
  }
}
