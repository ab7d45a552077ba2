// npm run bench:lag — how long one lag snapshot of 200 groups × 50 partitions takes with
// Truthflow (warm process: offsets fetch + lag computation) and with Kafka's own
// `kafka-consumer-groups --describe --all-groups`, after checking both report the same lag for
// every (group, topic, partition). Then the 50,000-group run with lag shards over one and three
// processes and the /lag page's p95 (bench-lag-scale.ts), on a Kafka 4 broker of its own at
// 127.0.0.1:19097 (controller 19098, data in .truthflow/kafka-bench), never on the shared test
// brokers. BENCH_LAG=small or BENCH_LAG=scale runs one part only. A benchmark, not a test: it
// prints figures for the README.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { partitionLagsOf } from '@/lib/kafka/lag';
import { assessGroup, createLagState, recordEndOffsets } from '@/lib/kafka/lag-state';
import { GroupReads } from '@/lib/kafka/group-reads';
import { fetchClusterOffsets } from '@/lib/kafka/offsets';
import { createTopics, describeGroupsWithCli, produceToPartitions, type CliLagRow } from '@/e2e/fixtures/kafka';
import { commitOffsets } from '@/e2e/fixtures/kafka-commits';
import { benchLagAtScale } from './bench-lag-scale';
import { kafkaStatus, startKafka, stopKafka } from './kafka';

const GROUPS = 200;
const PARTITIONS = 50;
/** 20 topics, each read by 10 groups: every group commits on all 50 partitions of one topic. */
const TOPICS = 20;
const MESSAGES_PER_PARTITION = 20;
const TRUTHFLOW_RUNS = 15;
const CLI_RUNS = 3;

const run = randomUUID().slice(0, 8);
const topicName = (t: number) => `tf-bench-${run}-t${t}`;
const groupName = (g: number) => `tf-bench-${run}-g${g}`;
const topicOf = (g: number) => topicName(g % TOPICS);
/** Deterministic, non-zero lag that differs per group and partition. */
const committedOf = (g: number, p: number) => (g * 7 + p * 3) % MESSAGES_PER_PARTITION;

type LagMap = Map<string, { current: number; end: number; lag: number }>;
const key = (group: string, topic: string, partition: number) => `${group} ${topic} ${partition}`;
const ours = (group: string) => group.startsWith(`tf-bench-${run}-`);

async function setUp(kafka: Kafka, admin: Admin): Promise<void> {
  const started = performance.now();
  await createTopics(
    admin,
    Array.from({ length: TOPICS }, (_, t) => ({ topic: topicName(t), numPartitions: PARTITIONS })),
    120_000,
  );
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (let t = 0; t < TOPICS; t++) await produceToPartitions(producer, topicName(t), Array(PARTITIONS).fill(MESSAGES_PER_PARTITION), 1000);
  await producer.disconnect();
  await commitOffsets(
    kafka,
    Array.from({ length: GROUPS }, (_, g) => ({
      groupId: groupName(g),
      topic: topicOf(g),
      offsets: Object.fromEntries(Array.from({ length: PARTITIONS }, (_, p) => [p, committedOf(g, p)])),
    })),
  );
  console.log(
    `set up ${GROUPS} groups × ${PARTITIONS} partitions on ${TOPICS} topics in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** One Truthflow snapshot: what the collector does per run, minus writing to its own store. */
async function truthflowSnapshot(
  reads: GroupReads,
  admin: Admin,
  state = createLagState(),
): Promise<{ lags: LagMap; calls: number; groups: number }> {
  const offsets = await fetchClusterOffsets(admin, { reads });
  const now = Date.now();
  recordEndOffsets(state, offsets.endOffsets, now);
  const lags: LagMap = new Map();
  for (const group of offsets.groups) {
    const partitions = assessGroup(state, group.groupId, group.members, partitionLagsOf(group, offsets.endOffsets), now).partitions;
    if (!ours(group.groupId)) continue;
    for (const p of partitions)
      if (p.committed !== null) lags.set(key(group.groupId, p.topic, p.partition), { current: p.committed, end: p.end, lag: p.lag! });
  }
  return { lags, calls: offsets.calls, groups: offsets.groups.length };
}

function cliLags(rows: CliLagRow[]): LagMap {
  const lags: LagMap = new Map();
  for (const r of rows) {
    if (ours(r.group) && r.current !== null && r.end !== null && r.lag !== null)
      lags.set(key(r.group, r.topic, r.partition), { current: r.current, end: r.end, lag: r.lag });
  }
  return lags;
}

function compare(truthflow: LagMap, cli: LagMap): void {
  const expected = GROUPS * PARTITIONS;
  const mismatches = [...new Set([...truthflow.keys(), ...cli.keys()])].filter(
    (k) => JSON.stringify(truthflow.get(k)) !== JSON.stringify(cli.get(k)),
  );
  if (truthflow.size !== expected || cli.size !== expected || mismatches.length) {
    const sample = mismatches
      .slice(0, 5)
      .map((k) => `${k}: truthflow ${JSON.stringify(truthflow.get(k))} cli ${JSON.stringify(cli.get(k))}`);
    throw new Error(
      `lag differs: truthflow ${truthflow.size}, cli ${cli.size} partitions (want ${expected}); ${mismatches.length} mismatches\n${sample.join('\n')}`,
    );
  }
  const total = [...truthflow.values()].reduce((sum, v) => sum + v.lag, 0);
  console.log(`same lag on all ${expected} (group, topic, partition): current, log-end and lag identical (total lag ${total} msgs)`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(x < 100 ? 1 : 0)} ms`.padStart(10);

async function timed<T>(runs: number, once: () => Promise<T>): Promise<{ times: number[]; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await once();
    times.push(performance.now() - started);
  }
  return { times, last: last as T };
}

async function main(): Promise<void> {
  const startedHere = (await kafkaStatus({ line: '4' })) === undefined;
  const broker = await startKafka({ line: '4' });
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'truthflow-bench', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const reads = new GroupReads(kafka); // as the collectors keep it: one per source, for many runs
  try {
    await setUp(kafka, admin);
    const state = createLagState();
    await timed(3, () => truthflowSnapshot(reads, admin, state)); // warm-up: JIT, connections, metadata
    const truthflow = await timed(TRUTHFLOW_RUNS, () => truthflowSnapshot(reads, admin, state));
    const cli = await timed(CLI_RUNS, () => describeGroupsWithCli('4', broker.bootstrap, 'all'));
    compare(truthflow.last.lags, cliLags(cli.last.rows));

    const tf = median(truthflow.times);
    const java = median(cli.times); // wall time of the whole command, JVM start included, as an SRE runs it
    console.log(
      `\nlag snapshot, kafka ${broker.version}, ${truthflow.last.groups} groups on the broker (${GROUPS} × ${PARTITIONS} partitions of the benchmark)`,
    );
    console.log(`${'tool'.padEnd(40)}${'median'.padStart(10)}${'min'.padStart(10)}${'max'.padStart(10)}  runs`);
    console.log(
      `${'truthflow (warm, fetch + lag)'.padEnd(40)}${ms(tf)}${ms(Math.min(...truthflow.times))}${ms(Math.max(...truthflow.times))}  ${TRUTHFLOW_RUNS}`,
    );
    console.log(
      `${'kafka-consumer-groups --all-groups'.padEnd(40)}${ms(java)}${ms(Math.min(...cli.times))}${ms(Math.max(...cli.times))}  ${CLI_RUNS}`,
    );
    console.log(`truthflow is ${(java / tf).toFixed(1)}× faster (goal ≥ 10×); ${truthflow.last.calls} admin calls per snapshot`);
  } finally {
    await admin
      .deleteGroups(Array.from({ length: GROUPS }, (_, g) => groupName(g)))
      .catch((e: unknown) => console.error(`cleanup (groups): ${String(e)}`));
    await admin
      .deleteTopics({ topics: Array.from({ length: TOPICS }, (_, t) => topicName(t)) })
      .catch((e: unknown) => console.error(`cleanup (topics): ${String(e)}`));
    await reads.close();
    await admin.disconnect();
    if (startedHere) await stopKafka({ line: '4' });
  }
}

const part = process.env.BENCH_LAG;
(part === 'scale' ? Promise.resolve() : main())
  .then(() => (part === 'small' ? undefined : benchLagAtScale()))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
