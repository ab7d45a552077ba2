// One lag snapshot as a collectors process takes it for the lag jobs it holds: the kafka-lag
// collector's own collect() for each held job, all at once (the runner starts them within a
// second of each other), then the runner's snapshot writer. Shared by bench-lag-scale.ts (in
// process) and bench-lag-shard.ts (the child processes of the three-process run).
import { createKafkaLagCollector, type KafkaLagTarget } from '@/collectors/kafka-lag';
import { writeSnapshots } from '@/collectors/runtime/snapshots';
import type { JobOutput } from '@/collectors/types';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { upsertConsumerSnapshot } from './bench-lag-legacy-write';
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

/**
 * The jobs of shards `held` (indexes) of the bench cluster, each with its state kept across runs.
 * `legacy`: the code path before batched group reads and COPY (one kafkajs request per group,
 * upserted rows), the baseline measured in the same run.
 */
export function lagJobs(config: TruthflowConfig, held: readonly number[], legacy = false) {
  const collector = createKafkaLagCollector(undefined, { batchedGroupReads: !legacy });
  const clients: Clients = createClients(config);
  const log = createLogger('bench-lag');
  const jobs = collector
    .targets(config)
    .filter((t: KafkaLagTarget) => held.includes(t.shard.index))
    .map((target) => ({ target, state: collector.initialState(target) }));
  const writeOne = async (output: JobOutput) => {
    for (const s of output.snapshots ?? []) {
      if (legacy) await upsertConsumerSnapshot(s.cluster, s.groups, s.partitions, s.at, s.shard ?? { index: 0, count: 1 });
      else {
        const unwritten = await writeSnapshots([s], log);
        if (unwritten.length) throw new Error(unwritten.join('; '));
      }
    }
  };
  return {
    /**
     * Every held job at once, each writing its snapshot as soon as its collect ends: what the
     * runner does (each job hands its own output to the writer). `collectMs` is until the last
     * collect ended, `writeMs` the rest.
     */
    async snapshot(write: boolean): Promise<SnapshotTimes> {
      const started = performance.now();
      let collected = started;
      const outputs = await Promise.all(
        jobs.map(async (job) => {
          const output = await collector.collect({
            ...job,
            config,
            clients,
            log,
            now: () => new Date(),
            signal: AbortSignal.timeout(RUN_LIMIT_MS),
          });
          collected = Math.max(collected, performance.now());
          if (write) await writeOne(output);
          return output;
        }),
      );
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
