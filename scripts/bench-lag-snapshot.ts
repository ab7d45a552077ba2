// One lag snapshot as a collectors process takes it for the lag jobs it holds: the kafka-lag
// collector's own collect() for each held job, all at once (the runner starts them within a
// second of each other), then the runner's snapshot writer. Shared by bench-lag-scale.ts (in
// process) and bench-lag-shard.ts (the child processes of the three-process run).
import { createKafkaLagCollector, type KafkaLagTarget } from '@/collectors/kafka-lag';
import { writeSnapshots } from '@/collectors/runtime/snapshots';
import type { JobOutput } from '@/collectors/types';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { createClients, type Clients } from '@/lib/sources/clients';

export const BENCH_CLUSTER = 'bench-50k';
/** The baseline reads 50,000 groups in one process, which takes minutes on a busy 2-core machine. */
const RUN_LIMIT_MS = 15 * 60_000;

export function benchConfig(bootstrap: string, lagShards: number): TruthflowConfig {
  const doc = {
    // No exact reads: they cost the same with or without shards and would only add noise.
    sources: { [BENCH_CLUSTER]: { kind: 'kafka', brokers: [bootstrap], clientId: 'truthflow-bench', exactLagPartitions: 0, lagShards } },
    collectors: { intervalSeconds: 60, timeoutSeconds: 50 },
  };
  return parseConfig(JSON.stringify(doc), {});
}

export interface SnapshotTimes {
  /** Collect (offsets, lag, verdicts, rows) of every held job, ms. */
  collectMs: number;
  /** Writing their snapshots to the store afterwards, ms. */
  writeMs: number;
  groups: number;
  partitions: number;
}

/** The jobs of shards `held` (indexes) of the bench cluster, each with its state kept across runs. */
export function lagJobs(config: TruthflowConfig, held: readonly number[]) {
  const collector = createKafkaLagCollector();
  const clients: Clients = createClients(config);
  const log = createLogger('bench-lag');
  const jobs = collector
    .targets(config)
    .filter((t: KafkaLagTarget) => held.includes(t.shard.index))
    .map((target) => ({ target, state: collector.initialState(target) }));
  const collectAll = () =>
    Promise.all(
      jobs.map((job): Promise<JobOutput> =>
        collector.collect({ ...job, config, clients, log, now: () => new Date(), signal: AbortSignal.timeout(RUN_LIMIT_MS) }),
      ),
    );
  return {
    async snapshot(write: boolean): Promise<SnapshotTimes> {
      const started = performance.now();
      const outputs = await collectAll();
      const collected = performance.now();
      if (write) {
        const unwritten = await writeSnapshots(
          outputs.flatMap((o) => o.snapshots ?? []),
          log,
        );
        if (unwritten.length) throw new Error(unwritten.join('; '));
      }
      const snapshots = outputs.flatMap((o) => o.snapshots ?? []);
      return {
        collectMs: collected - started,
        writeMs: performance.now() - collected,
        groups: snapshots.reduce((n, s) => n + s.groups.length, 0),
        partitions: snapshots.reduce((n, s) => n + s.partitions.length, 0),
      };
    },
    /** Makes the admin connection before anything is timed. */
    connect: () => clients.kafkaAdmin(BENCH_CLUSTER).then(() => undefined),
    close: () => clients.closeAll(),
  };
}
