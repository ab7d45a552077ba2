// Where collected samples go: a bounded in-memory buffer flushed to the store in batches. When the
// store is down the buffer keeps the newest samples up to its bound, drops (and counts) the oldest,
// and retries with jittered backoff, so the collectors process survives a store outage.
//
// The batch being written is taken out of the buffer and held on its own until its write settles:
// a push that overflows the buffer meanwhile can then only drop samples that were never handed to
// the store, and a finished write removes exactly the samples it wrote (nothing is counted written
// that was not). Memory is bounded by maxBuffered + batchSize samples.
import type { Logger } from '@/lib/log';
import { resolveSeriesIds, seriesKeyOf } from '@/lib/store/queries/series';
import { recordSampleDrop, type SampleDrop } from '@/lib/store/queries/sample-drops';
import { insertSamples } from '@/lib/store/queries/samples';
import { counter, METRICS } from '@/lib/telemetry';
import type { SampleInput } from '../types';
import { SeriesIdCache } from './series-id-cache';

export interface SinkOptions {
  maxBuffered?: number;
  batchSize?: number;
  flushIntervalMs?: number;
  maxBackoffMs?: number;
  /** Bound on cached series ids (one per metric and label set, e.g. per consumer group). */
  maxSeriesIds?: number;
  log: Logger;
}

type TimedSample = SampleInput & { ts: Date };

export class SampleSink {
  private buffer: TimedSample[] = [];
  /** The batch whose write is under way, out of the buffer's reach. */
  private inFlight: TimedSample[] = [];
  readonly seriesIds: SeriesIdCache;
  private flushing: Promise<void> | undefined;
  private failures = 0;
  private retryAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly maxBuffered: number;
  private readonly batchSize: number;
  private readonly maxBackoffMs: number;
  /** Totals for logs and tests; the same numbers go to the OTel counters. */
  readonly totals = { written: 0, dropped: 0 };
  /** What was dropped since the store last answered: recorded there once it does (one range, so bounded). */
  private lost: SampleDrop | null = null;

  constructor(private readonly opts: SinkOptions) {
    this.maxBuffered = opts.maxBuffered ?? 100_000;
    this.batchSize = opts.batchSize ?? 5_000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 30_000;
    this.seriesIds = new SeriesIdCache({ maxEntries: opts.maxSeriesIds ?? 200_000 });
  }

  /** Samples not yet written, the batch being written included. */
  get buffered(): number {
    return this.buffer.length + this.inFlight.length;
  }

  push(samples: TimedSample[]): void {
    for (const sample of samples) this.buffer.push(sample); // no spread: batches can exceed the argument limit
    this.dropOldestBeyondBound();
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

  private dropOldestBeyondBound(): void {
    const excess = this.buffer.length - this.maxBuffered;
    if (excess <= 0) return;
    const dropped = this.buffer.splice(0, excess);
    this.totals.dropped += excess;
    this.noteLost(dropped);
    counter(METRICS.sinkSamplesDropped, 'Samples dropped because the buffer was full while the store was unreachable').add(excess);
    this.opts.log.warn({ dropped: excess, buffered: this.buffered }, 'sample buffer full; dropped the oldest samples');
  }

  private noteLost(dropped: TimedSample[]): void {
    let from = this.lost?.from.getTime() ?? Infinity;
    let to = this.lost?.to.getTime() ?? -Infinity;
    for (const s of dropped) {
      from = Math.min(from, s.ts.getTime());
      to = Math.max(to, s.ts.getTime());
    }
    this.lost = { from: new Date(from), to: new Date(to), samples: (this.lost?.samples ?? 0) + dropped.length };
  }

  /** Tells the store what was lost, so slices and the overview can say it; kept for later if that fails. */
  private async recordLost(): Promise<void> {
    if (!this.lost) return;
    const lost = this.lost;
    this.lost = null;
    await recordSampleDrop(lost).catch((error: unknown) => {
      this.lost = this.lost ? { from: lost.from, to: this.lost.to, samples: lost.samples + this.lost.samples } : lost;
      this.opts.log.warn({ err: error }, 'could not record dropped samples; will retry');
    });
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.batchSize);
      this.inFlight = batch;
      try {
        await this.write(batch);
      } catch (error) {
        // Back at the head for the retry: these are the oldest, so the bound drops them first.
        this.buffer = batch.concat(this.buffer);
        this.dropOldestBeyondBound();
        this.backOff(error);
        return;
      } finally {
        this.inFlight = [];
      }
      this.totals.written += batch.length;
      counter(METRICS.sinkSamplesWritten, 'Samples written to the store').add(batch.length);
      await this.recordLost();
      if (this.failures > 0) this.opts.log.info({ afterFailures: this.failures }, 'store reachable again; buffered samples written');
      this.failures = 0;
    }
  }

  private async write(batch: TimedSample[]): Promise<void> {
    const ids = new Map<string, string>();
    const missing: TimedSample[] = [];
    for (const sample of batch) {
      const key = seriesKeyOf(sample);
      if (ids.has(key)) continue;
      const id = this.seriesIds.get(key);
      if (id === undefined) missing.push(sample);
      else ids.set(key, id);
    }
    if (missing.length > 0) {
      for (const [key, id] of await resolveSeriesIds(missing)) {
        this.seriesIds.set(key, id);
        ids.set(key, id);
      }
    }
    await insertSamples(batch.map((s) => ({ seriesId: ids.get(seriesKeyOf(s))!, ts: s.ts, value: s.value })));
  }

  private backOff(error: unknown): void {
    this.failures += 1;
    counter(METRICS.sinkFlushFailures, 'Failed attempts to write samples to the store').add(1);
    // Exponential backoff with ±50 % jitter so several collectors processes don't retry in lockstep.
    const base = Math.min(this.maxBackoffMs, 500 * 2 ** Math.min(this.failures, 10));
    this.retryAt = Date.now() + base * (0.5 + Math.random());
    if (this.failures === 1 || this.failures % 10 === 0) {
      this.opts.log.warn({ err: error, buffered: this.buffered, failures: this.failures }, 'could not write samples; will retry');
    }
  }
}
