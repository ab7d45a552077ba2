// The contract of every job the collectors process runs, in one place. There are two kinds:
//
// - a Collector reads a monitored system (an outbox table, a Kafka cluster, a DLQ, a search source)
//   through the shared clients and RETURNS what it saw;
// - an Evaluator reads Truthflow's own store (samples, slices) and judges it (SLO burn, and later
//   reconciliation, retention, alert delivery).
//
// Both return the same JobOutput and neither writes it: the runner (runtime/runner.ts) owns
// scheduling, leases, timeouts, spans, metrics, and hands every output to one writer
// (runtime/output.ts) that buffers samples, writes snapshots and records scrape status. One
// output path means a store outage, a failed write or a new output kind is handled once.
import type { TruthflowConfig } from '@/lib/config';
import type { Logger } from '@/lib/log';
import type { Clients } from '@/lib/sources/clients';
import type { ConsumerGroupRow, ConsumerPartitionRow } from '@/lib/store/queries/consumer-snapshots';

/** One time-series point. `ts` defaults to the run's start time. Labels stay low-cardinality. */
export interface SampleInput {
  metric: string;
  labels: Record<string, string>;
  value: number;
  ts?: Date;
}

/** Everything a Kafka cluster's consumer groups looked like in one run; replaces the previous picture. */
export interface ConsumerGroupsSnapshot {
  kind: 'consumer-groups';
  cluster: string;
  /** When it was measured: rows not carrying this time are gone from the cluster. */
  at: Date;
  /** Which of the cluster's lag shards this is; it replaces only that shard's groups. Absent: the whole cluster. */
  shard?: { index: number; count: number };
  groups: ConsumerGroupRow[];
  partitions: ConsumerPartitionRow[];
}

/**
 * State observed as a whole rather than as points in time (pages sort and page it in SQL). A new
 * kind is added here and given its writer in runtime/snapshots.ts; the compiler insists on both.
 */
export type Snapshot = ConsumerGroupsSnapshot;

export interface JobOutput {
  samples: SampleInput[];
  snapshots?: Snapshot[];
  /** One line for logs and the scrape-status panel, e.g. "3 groups, 41 partitions, max lag 120". */
  summary: string;
  /** Findings that are not failures, e.g. "backlog query scans the whole table: add …". */
  notes?: string[];
}

export interface JobContext<Target, State> {
  /** The config entry this run is for: an outbox, a Kafka cluster, a DLQ, a search source, an SLO. */
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

export type CollectContext<Target, State> = JobContext<Target, State>;

/**
 * A target that is one of several equal jobs splitting one unit of work (the lag shards of one
 * Kafka cluster) names its share: the runner then holds no more than its fair part of the share's
 * jobs, so every collectors process gets some (runtime/leases.ts).
 */
export interface JobShare {
  /** Same for every job of the share, e.g. kafka-lag:orders-cluster. */
  share: string;
  /** How many jobs the share has. */
  jobs: number;
}

export interface Collector<Target extends { name: string }, State = undefined> {
  /** Stable, low-cardinality name: outbox, kafka-lag, dlq, indexing. Part of lease keys and scrape status. */
  name: string;
  /** The scheduled units of work for this config; each gets its own interval, lease and scrape status. */
  targets(config: TruthflowConfig): Target[];
  initialState(target: Target): State;
  collect(ctx: CollectContext<Target, State>): Promise<JobOutput>;
}

/** Evaluators judge what the store already holds: they get no connections to the monitored systems. */
export type EvaluateContext<Target, State> = Omit<JobContext<Target, State>, 'clients'>;

export interface Evaluator<Target extends { name: string }, State = undefined> {
  /** Stable, low-cardinality name, e.g. slo-evaluator. Part of lease keys and scrape status. */
  name: string;
  targets(config: TruthflowConfig): Target[];
  initialState(target: Target): State;
  evaluate(ctx: EvaluateContext<Target, State>): Promise<JobOutput>;
  /** A longer bound than collectors.timeoutSeconds for jobs whose one run is big work by design. */
  timeoutSeconds?(target: Target, config: TruthflowConfig): number;
}

// The registry holds jobs of different target types; the runner only passes each one its own
// targets and state back, so erasing the types here is safe.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCollector = Collector<{ name: string }, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEvaluator = Evaluator<{ name: string }, any>;
