// The one place a run's result reaches the store, whatever job produced it: samples go into the
// bounded buffer (sink.ts), snapshots through their query modules (snapshots.ts), and every run,
// failed or not, leaves its scrape status. Jobs only return output, so a store outage, a slow
// write or a new kind of output is dealt with here once rather than in each job.
import type { Logger } from '@/lib/log';
import { recordScrapeOutcome } from '@/lib/store/queries/scrape-status';
import type { Job, RunOutcome } from './job';
import type { SampleSink } from './sink';
import { writeSnapshots } from './snapshots';

export interface OutputWriterOptions {
  sink: SampleSink;
  log: Logger;
}

export class OutputWriter {
  constructor(private readonly opts: OutputWriterOptions) {}

  /** Hands over a run's output (when it succeeded) and records its scrape status. Never throws. */
  async write(job: Job, outcome: RunOutcome, attemptAt: Date): Promise<void> {
    const notes = outcome.output ? await this.handOver(job, outcome.output, attemptAt) : undefined;
    await recordScrapeOutcome({
      collector: job.name,
      source: job.target.name,
      attemptAt,
      durationMs: outcome.durationMs,
      error: outcome.error,
      notes,
    }).catch((error: unknown) => this.opts.log.warn({ err: error, job: job.key }, 'could not record scrape status'));
  }

  /** Returns the scrape notes: the job's own, then one per snapshot that could not be written. */
  private async handOver(job: Job, output: NonNullable<RunOutcome['output']>, attemptAt: Date): Promise<string[] | undefined> {
    // Samples without their own time are stamped with the run's start, so every sample of a run
    // lands on the same instant.
    this.opts.sink.push(output.samples.map((s) => ({ ...s, ts: s.ts ?? attemptAt })));
    const unwritten = await writeSnapshots(output.snapshots ?? [], this.opts.log.child({ job: job.key }));
    this.opts.log.debug({ job: job.key, samples: output.samples.length, summary: output.summary }, `${job.kind} run ok`);
    return unwritten.length > 0 ? [...(output.notes ?? []), ...unwritten] : output.notes;
  }
}
