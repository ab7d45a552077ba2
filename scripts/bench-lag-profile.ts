// Where one lag snapshot's time goes, phase by phase, at BENCH_LAG_GROUPS groups (default 10,000)
// on the bench's own broker (127.0.0.1:19097, see bench-lag-data.ts): listing, DescribeGroups,
// the committed offsets (per-group OffsetFetch as before, and the batched v8 read), end offsets,
// then the whole collect and the store write of an unsharded snapshot on a scratch database.
// Run with `node --cpu-prof --import tsx scripts/bench-lag-profile.ts` for a CPU profile.
// BENCH_LAG_KEEP=1 leaves the broker running for the next run.
import { Kafka, logLevel } from 'kafkajs';
import { createScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { mapLimit } from '@/lib/kafka/offsets';
import { migrate } from '@/lib/store/migrate';
import { closeStorePool } from '@/lib/store/pool';
import { BENCH_BROKER, ensureBenchData } from './bench-lag-data';
import { benchConfig, lagJobs } from './bench-lag-snapshot';
import { startKafka, stopKafka } from './kafka';

const GROUPS = Number(process.env.BENCH_LAG_GROUPS ?? 10_000);

async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(cpu);
  console.log(
    `${name.padEnd(48)}${`${Math.round(performance.now() - started)} ms`.padStart(10)}  cpu ${Math.round((used.user + used.system) / 1000)} ms`,
  );
  return result;
}

async function main(): Promise<void> {
  const broker = await startKafka({ ...BENCH_BROKER, log: () => undefined });
  const db = await createScratchDatabase('bench_lag_profile');
  try {
    await ensureBenchData(broker.bootstrap, GROUPS);
    await migrate(db.url);
    process.env.DATABASE_URL = db.url;
    const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'truthflow-profile', logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    console.log(
      `load average before: ${(await import('node:os'))
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    const groups = await phase('ListGroups', async () => (await admin.listGroups()).groups.map((g) => g.groupId));
    await phase('ListTopics', () => admin.listTopics());
    await phase(`DescribeGroups (${groups.length} in chunks of 500)`, async () => {
      for (let i = 0; i < groups.length; i += 500) await admin.describeGroups(groups.slice(i, i + 500));
    });
    const sample = groups.slice(0, 2_000);
    await phase(`per-group fetchOffsets, ${sample.length} groups, 16 in flight`, () =>
      mapLimit(sample, 16, (groupId) => admin.fetchOffsets({ groupId })),
    );
    const topics = (await admin.listTopics()).filter((t) => t.startsWith('bench50k-'));
    await phase(`fetchTopicOffsets, ${topics.length} topics, 16 in flight`, () => mapLimit(topics, 16, (t) => admin.fetchTopicOffsets(t)));
    await admin.disconnect();

    const jobs = lagJobs(benchConfig(broker.bootstrap, 1), [0]);
    await jobs.connect();
    for (let i = 0; i < 2; i++) {
      const times = await phase(`whole snapshot #${i + 1} (collect + write)`, () => jobs.snapshot(true));
      console.log(
        `  collect ${Math.round(times.collectMs)} ms, write ${Math.round(times.writeMs)} ms, ${times.groups} groups, ${times.partitions} partitions`,
      );
    }
    await jobs.close();
  } finally {
    await closeStorePool();
    await db.drop().catch(() => undefined);
    if (!process.env.BENCH_LAG_KEEP) await stopKafka(BENCH_BROKER);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
