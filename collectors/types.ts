// The one small interface every collector implements. A collector is a function of its context:
// config, clients and clock come in, samples and a summary go out. The runner (collectors/runner.ts)
// owns scheduling, timeouts, spans, metrics, scrape status and writing the samples.
import type { TruthflowConfig } from '@/lib/config';
import type { Logger } from '@/lib/log';
import type { Clients } from '@/lib/sources/clients';

/** One time-series point. `ts` defaults to the run's start time. Labels stay low-cardinality. */
export interface SampleInput {
  metric: string;
  labels: Record<string, string>;
  value: number;
  ts?: Date;
}

export interface CollectContext<Target, State> {
  /** The config entry this run is for: an outbox, a Kafka cluster, a DLQ, a search source. */
  target: Target;
  config: TruthflowConfig;
  clients: Clients;
  /** The runner's clock; tests pass a fake one. */
  now: () => Date;
  /** Aborted when the run exceeds collectors.timeoutSeconds. */
  signal: AbortSignal;
  /** Kept across runs of the same target (offset tables, previous counters); lost on restart. */
  state: State;
  log: Logger;
}

export interface CollectResult {
  samples: SampleInput[];
  /** One line for logs and the scrape-status panel, e.g. "3 groups, 41 partitions, max lag 120". */
  summary: string;
  /** Findings that are not failures, e.g. "backlog query scans the whole table: add …". */
  notes?: string[];
}

export interface Collector<Target extends { name: string }, State = undefined> {
  /** Stable, low-cardinality name: outbox, kafka-lag, dlq, indexing, slo-evaluator. */
  name: string;
  /** The scheduled units of work for this config; each gets its own interval, lease and scrape status. */
  targets(config: TruthflowConfig): Target[];
  initialState(target: Target): State;
  collect(ctx: CollectContext<Target, State>): Promise<CollectResult>;
}

// The registry holds collectors of different target types; the runner only passes each collector
// its own targets and state back, so erasing the types here is safe.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCollector = Collector<{ name: string }, any>;
