// The product's jobs on the simulated clock. The runner's timers are real time, so the bench
// schedules instead, but each run goes through what the runner uses for one run: runJobOnce (the
// timeout, the failure kinds) with `now` the simulated time, then the one output writer (sink,
// scrape status). Only the lease and the span around a run are left out.
import { createAlertDeliveryJob } from '@/collectors/evaluators/alert-delivery';
import { createRetentionEvaluator } from '@/collectors/evaluators/retention';
import { createSloEvaluator } from '@/collectors/evaluators/slo';
import { jobsFor, type Job, type RunOutcome } from '@/collectors/runtime/job';
import { OutputWriter } from '@/collectors/runtime/output';
import { runJobOnce } from '@/collectors/runtime/run-once';
import { SampleSink } from '@/collectors/runtime/sink';
import type { TruthflowConfig } from '@/lib/config';
import type { Logger } from '@/lib/log';
import { createClients, type Clients } from '@/lib/sources/clients';
import type { DropTracker } from './drops';
import type { Scenario } from './scenario';
import { soakLagCollector, soakOutboxCollector } from './sources';

export interface SoakJobs {
  sink: SampleSink;
  lag: Job[];
  outbox: Job[];
  slo: Job[];
  delivery: Job[];
  retention: Job[];
  /** One run at simulated time `t`, its output handed to the writer. */
  run(job: Job, t: number): Promise<RunOutcome>;
  /** Flushes the sink; while the store is down this returns at once (the sink backs off). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function createSoakJobs(
  config: TruthflowConfig,
  scenario: Scenario,
  groups: number,
  sinkMax: number,
  log: Logger,
  drops: DropTracker,
): SoakJobs {
  // A short backoff: the outage is seconds of real time, and the drain after it should not wait.
  const sink = new SampleSink({ log, maxBuffered: sinkMax, maxBackoffMs: 1_000 });
  const output = new OutputWriter({ sink, log });
  const clients: Clients = createClients(config);
  const all = jobsFor(
    config,
    [soakLagCollector(groups, scenario), soakOutboxCollector(scenario)],
    [createSloEvaluator(), createAlertDeliveryJob(), createRetentionEvaluator({ forgetSeries: (keys) => sink.seriesIds.forget(keys) })],
  );
  const named = (name: string) => all.filter((j) => j.name === name);
  return {
    sink,
    lag: named('kafka-lag'),
    outbox: named('outbox'),
    slo: named('slo-evaluator'),
    delivery: named('alert-delivery'),
    retention: named('retention'),
    async run(job, t) {
      const attemptAt = new Date(t);
      const outcome = await runJobOnce(job, { config, clients, log, now: () => new Date(t) });
      drops.note(outcome.output?.samples ?? [], attemptAt);
      await output.write(job, outcome, attemptAt);
      return outcome;
    },
    flush: () => sink.flush(),
    close: () => clients.closeAll(),
  };
}
