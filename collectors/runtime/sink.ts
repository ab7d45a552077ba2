// Where collected samples go: a bounded in-memory buffer flushed to the store in batches. When the
// store is down the buffer keeps the newest samples up to its bound, drops (and counts) the oldest,
// and retries with jittered backoff, so the collectors process survives a store outage.
import type { Logger } from '@/lib/log';
import { resolveSeriesIds, seriesKeyOf } from '@/lib/store/queries/series';
import { insertSamples } from '@/lib/store/queries/samples';
import { counter, METRICS } from '@/lib/telemetry';
import type { SampleInput } from '../types';

export interface SinkOptions {
  maxBuffered?: number;
  batchSize?: number;
  flushIntervalMs?: number;
  maxBackoffMs?: number;
  log: Logger;
}

type TimedSample = SampleInput & { ts: Date };

export class SampleSink {
  private buffer: TimedSample[] = [];
  private readonly seriesIds = new Map<string, string>();
  private flushing: Promise<void> | undefined;
  private failures = 0;
  private retryAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly maxBuffered: number;
  private readonly batchSize: number;
  private readonly maxBackoffMs: number;
  /** Totals for logs and tests; the same numbers go to the OTel counters. */
  readonly totals = { written: 0, dropped: 0 };

  constructor(private readonly opts: SinkOptions) {
    this.maxBuffered = opts.maxBuffered ?? 100_000;
    this.batchSize = opts.batchSize ?? 5_000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 30_000;
  }

  get buffered(): number {
    return this.buffer.length;
  }

  push(samples: TimedSample[]): void {
    for (const sample of samples) this.buffer.push(sample); // no spread: batches can exceed the argument limit
    const excess = this.buffer.length - this.maxBuffered;
    if (excess > 0) {
      this.buffer.splice(0, excess);
      this.totals.dropped += excess;
      counter(METRICS.sinkSamplesDropped, 'Samples dropped because the buffer was full while the store was unreachable').add(excess);
      this.opts.log.warn({ dropped: excess, buffered: this.buffer.length }, 'sample buffer full; dropped the oldest samples');
    }
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.opts.flushIntervalMs ?? 1_000);
  }

  /** Writes everything buffered; concurrent calls share one flush. Never throws. */
  flush(): Promise<void> {
    if (Date.now() < this.retryAt) return Promise.resolve();
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.retryAt = 0;
    await this.flush();
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, this.batchSize);
      try {
        await this.write(batch);
      } catch (error) {
        this.backOff(error);
        return;
      }
      // Only now: a failed write leaves the batch in place for the retry.
      this.buffer.splice(0, batch.length);
      this.totals.written += batch.length;
      counter(METRICS.sinkSamplesWritten, 'Samples written to the store').add(batch.length);
      if (this.failures > 0) this.opts.log.info({ afterFailures: this.failures }, 'store reachable again; buffered samples written');
      this.failures = 0;
    }
  }

  private async write(batch: TimedSample[]): Promise<void> {
    const missing = batch.filter((s) => !this.seriesIds.has(seriesKeyOf(s)));
    if (missing.length > 0) {
      for (const [key, id] of await resolveSeriesIds(missing)) this.seriesIds.set(key, id);
    }
    await insertSamples(batch.map((s) => ({ seriesId: this.seriesIds.get(seriesKeyOf(s))!, ts: s.ts, value: s.value })));
  }

  private backOff(error: unknown): void {
    this.failures += 1;
    counter(METRICS.sinkFlushFailures, 'Failed attempts to write samples to the store').add(1);
    // Exponential backoff with ±50 % jitter so several collectors processes don't retry in lockstep.
    const base = Math.min(this.maxBackoffMs, 500 * 2 ** Math.min(this.failures, 10));
    this.retryAt = Date.now() + base * (0.5 + Math.random());
    if (this.failures === 1 || this.failures % 10 === 0) {
      this.opts.log.warn({ err: error, buffered: this.buffer.length, failures: this.failures }, 'could not write samples; will retry');
    }
  }
}
