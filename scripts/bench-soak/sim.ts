// The soak's loop over simulated time: each tick runs the outbox collector, then the SLO evaluator
// and the alert delivery; each lag step the 10,000-group lag collection and a span export; each
// four simulated hours the retention job. The store outage stops the bench's own PostgreSQL, the webhook
// outage closes the receiver. At each simulated midnight the store's size and rows, the process
// RSS and the alert ledger are recorded.
import type { TruthflowConfig } from '@/lib/config';
import type { Logger } from '@/lib/log';
import { storePool } from '@/lib/store/pool';
import { DropTracker, type DropReport } from './drops';
import type { SoakOptions } from './env';
import { createSoakJobs, type SoakJobs } from './jobs';
import { AlertLedger } from './ledger';
import { settledMemory } from './memory';
import { DAY_MS, HOUR_MS, MINUTE_MS, tickMinutesAt, type Scenario } from './scenario';
import { createSpanExporter } from './spans';
import { storeFigures, type SoakStore, type StoreFigures } from './store';
import type { SoakWebhook } from './webhook';

export interface DayFigures extends StoreFigures {
  day: number;
  rssBytes: number;
  heapBytes: number;
  realSeconds: number;
}

export interface SoakRun {
  days: DayFigures[];
  drops: DropReport | null;
  ledger: AlertLedger;
  jobs: SoakJobs;
  spans: ReturnType<typeof createSpanExporter>['totals'];
  failedRuns: Record<string, number>;
  deliveryFailures: number;
  /** Real seconds spent per kind of job (its runs and the writing of their output), per sink flush, per span export. */
  realSecondsByJob: Record<string, number>;
  storeOutageHours: number;
  storeDownRealSeconds: number;
  drainRealSeconds: number;
}

/** Horizons are days: a retention pass every few simulated hours is plenty (each costs real time). */
const RETENTION_EVERY_MS = 4 * HOUR_MS;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the sink has written everything it holds (it retries on its own backoff). */
async function drain(jobs: SoakJobs, maxMs = 120_000): Promise<void> {
  const until = performance.now() + maxMs;
  while (jobs.sink.buffered > 0 && performance.now() < until) {
    await jobs.flush();
    if (jobs.sink.buffered > 0) await sleep(100);
  }
}

export async function runSoak(
  opts: SoakOptions,
  scenario: Scenario,
  config: TruthflowConfig,
  store: SoakStore,
  webhook: SoakWebhook,
  log: Logger,
  onDay: (d: DayFigures) => void,
): Promise<SoakRun> {
  const drops = new DropTracker();
  const jobs = createSoakJobs(config, scenario, opts.groups, opts.sinkMax, log, drops);
  const spans = createSpanExporter(config.traces);
  const ledger = new AlertLedger();
  const failedRuns: Record<string, number> = {};
  const days: DayFigures[] = [];
  const outage = scenario.storeOutage;
  let dropReport: DropReport | null = null;
  let phase: 'before' | 'down' | 'after' | 'reported' = 'before';
  let storeDownRealSeconds = 0;
  let drainRealSeconds = 0;
  let deliveryFailures = 0;
  const realSecondsByJob: Record<string, number> = {};
  let lastLag = -Infinity;
  let lastRetention = -Infinity;
  let dayStarted = performance.now();

  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const began = performance.now();
    try {
      return await fn();
    } finally {
      realSecondsByJob[name] = (realSecondsByJob[name] ?? 0) + (performance.now() - began) / 1000;
    }
  };
  const runAll = async (list: SoakJobs['lag'], t: number) => {
    const outcomes = await timed(list[0]?.name ?? 'none', () => Promise.all(list.map((job) => jobs.run(job, t))));
    outcomes.forEach((o, i) => {
      if (o.error) failedRuns[list[i]!.name] = (failedRuns[list[i]!.name] ?? 0) + 1;
      // The delivery job's summary ("3 due: 1 sent, 2 failed, 0 closed") counts refused sends.
      if (list[i]!.name === 'alert-delivery') deliveryFailures += Number(/(\d+) failed/.exec(o.output?.summary ?? '')?.[1] ?? 0);
    });
  };

  for (let t = scenario.start; t < scenario.end; t += tickMinutesAt(scenario, opts, t) * MINUTE_MS) {
    // The store outage: everything buffered so far is written first, so what goes missing is
    // exactly what the sink dropped while the store was away.
    if (phase === 'before' && t >= outage.from) {
      await drain(jobs);
      drops.tracking = true;
      storeDownRealSeconds = performance.now();
      await store.stop();
      phase = 'down';
    }
    if (phase === 'down' && t >= outage.to) {
      await store.start();
      storeDownRealSeconds = (performance.now() - storeDownRealSeconds) / 1000;
      const drainStarted = performance.now();
      await drain(jobs);
      drainRealSeconds = (performance.now() - drainStarted) / 1000;
      drops.tracking = false;
      phase = 'after';
    }
    // An hour after the outage the evaluator has judged its minutes again (late samples included).
    if (phase === 'after' && t >= outage.to + HOUR_MS) {
      dropReport = await drops.report(jobs.sink.totals.dropped, outage);
      phase = 'reported';
    }
    const hookDown = t >= scenario.webhookOutage.from && t < scenario.webhookOutage.to;
    if (hookDown && webhook.isUp) await webhook.down();
    if (!hookDown && !webhook.isUp) await webhook.up();

    if (t - lastLag >= opts.lagStepMinutes * MINUTE_MS) {
      lastLag = t;
      await runAll(jobs.lag, t);
      await timed('spans', () => spans.export(t, Math.floor(opts.spansPerStep / 4)));
    }
    await runAll(jobs.outbox, t);
    await timed('sink flush', () => jobs.flush());
    await runAll(jobs.slo, t);
    await runAll(jobs.delivery, t);
    if (t - lastRetention >= RETENTION_EVERY_MS) {
      lastRetention = t;
      await runAll(jobs.retention, t);
    }
    await timed('sink flush', () => jobs.flush());

    const next = t + tickMinutesAt(scenario, opts, t) * MINUTE_MS;
    const dayEnd = scenario.start + (days.length + 1) * DAY_MS;
    if (next >= dayEnd && phase !== 'down') {
      await drain(jobs);
      // Autovacuum wakes once a real minute: a whole simulated day passes in seconds, so without
      // this the rows retention deletes would never be vacuumed and their space never reused.
      // One VACUUM per simulated day stands in for the day's worth of autovacuum runs.
      await timed('vacuum', () => storePool().query('VACUUM'));
      await ledger.record();
      const memory = settledMemory();
      const figures: DayFigures = {
        day: days.length + 1,
        ...(await storeFigures()),
        rssBytes: memory.rss,
        heapBytes: memory.heapUsed,
        realSeconds: (performance.now() - dayStarted) / 1000,
      };
      days.push(figures);
      onDay(figures);
      dayStarted = performance.now();
    }
  }
  await drain(jobs);
  await ledger.record();
  return {
    days,
    drops: dropReport,
    ledger,
    jobs,
    spans: spans.totals,
    failedRuns,
    deliveryFailures,
    realSecondsByJob,
    storeOutageHours: (outage.to - outage.from) / HOUR_MS,
    storeDownRealSeconds,
    drainRealSeconds,
  };
}
