// The 50,000-group part of `npm run bench:lag`: 50,000 groups × 4 partitions over 200 topics on a
// broker of its own (the shared test broker is left alone), group offsets committed directly as
// an admin tool would. One lag snapshot (the collector's collect + the runner's snapshot writer) is
// timed for one process without shards (the baseline), one process holding all 25 shards, and
// three child processes holding 9/8/8 shards, the fair parts the leases give three processes.
// Then the /lag page's loader p95 over the stored snapshot. Prints figures for the README.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { createTopics, freePort, produceToPartitions } from '@/e2e/fixtures/kafka';
import { createScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { mapLimit } from '@/lib/kafka/offsets';
import { shardsOf, suggestedShards } from '@/lib/kafka/shards';
import { migrate } from '@/lib/store/migrate';
import { closeStorePool } from '@/lib/store/pool';
import { BENCH_CLUSTER, benchConfig, lagJobs, type SnapshotTimes } from './bench-lag-snapshot';
import { startKafka, stopKafka, type KafkaOptions } from './kafka';
import { percentile, timeCalls } from './lib/timing';

const GROUPS = 50_000;
const TOPICS = 200;
const PARTITIONS = 4;
const MESSAGES_PER_PARTITION = 20;
const SHARDS = suggestedShards(GROUPS); // 25
const PROCESSES = 3;
const RUNS = Number(process.env.BENCH_LAG_RUNS ?? 2);
const PAGE_RUNS = 100;

const topicName = (t: number) => `bench50k-t${t}`;
const groupName = (g: number) => `bench50k-g${String(g).padStart(5, '0')}`;
const committedOf = (g: number, p: number) => (g * 7 + p * 3) % MESSAGES_PER_PARTITION;
const log = (line: string) => console.log(`[bench:lag 50k] ${line}`);
const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;

interface RawBroker {
  offsetCommit(req: {
    groupId: string;
    groupGenerationId: number;
    memberId: string;
    topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
  }): Promise<unknown>;
}
interface RawCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  findGroupCoordinator(req: { groupId: string }): Promise<RawBroker>;
}

/**
 * Commits every group's offsets with plain OffsetCommit requests (generation -1, no member), as
 * Kafka's own admin client does: kafkajs' setOffsets joins each group as a consumer first, which
 * for 50,000 groups would take longer than everything measured here. kafkajs keeps its cluster
 * client private, so it is reached through the symbol the library names it by.
 */
async function commitAll(kafka: Kafka): Promise<void> {
  const key = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  if (!key) throw new Error('this kafkajs version hides its cluster client differently; update commitAll');
  const create = (kafka as unknown as Record<symbol, (o: object) => RawCluster>)[key]!;
  const cluster = create({ metadataMaxAge: 300_000 });
  await cluster.connect();
  try {
    await mapLimit(
      Array.from({ length: GROUPS }, (_, g) => g),
      64,
      async (g) => {
        const groupId = groupName(g);
        const coordinator = await cluster.findGroupCoordinator({ groupId });
        const partitions = Array.from({ length: PARTITIONS }, (_, p) => ({ partition: p, offset: String(committedOf(g, p)) }));
        await coordinator.offsetCommit({
          groupId,
          groupGenerationId: -1,
          memberId: '',
          topics: [{ topic: topicName(g % TOPICS), partitions }],
        });
      },
    );
  } finally {
    await cluster.disconnect();
  }
}

async function setUp(bootstrap: string): Promise<void> {
  const started = performance.now();
  const kafka = new Kafka({ brokers: [bootstrap], clientId: 'truthflow-bench-50k', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await createTopics(
      admin,
      Array.from({ length: TOPICS }, (_, t) => ({ topic: topicName(t), numPartitions: PARTITIONS })),
      300_000,
    );
    for (let t = 0; t < TOPICS; t++) await produceToPartitions(producer, topicName(t), Array(PARTITIONS).fill(MESSAGES_PER_PARTITION));
    await commitAll(kafka);
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
  log(`set up ${GROUPS} groups × ${PARTITIONS} partitions on ${TOPICS} topics in ${seconds(started)}`);
}

/** The stored snapshot holds every group and partition with the lag the commits imply. */
async function checkStored(url: string): Promise<void> {
  let expectedLag = 0;
  for (let g = 0; g < GROUPS; g++) for (let p = 0; p < PARTITIONS; p++) expectedLag += MESSAGES_PER_PARTITION - committedOf(g, p);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ groups: number; partitions: number; lag: string }>(
      `SELECT (SELECT count(*)::int FROM consumer_groups WHERE cluster = $1 AND starts_with(group_id, 'bench50k-')) AS groups,
              (SELECT count(*)::int FROM consumer_partitions WHERE cluster = $1 AND starts_with(group_id, 'bench50k-')) AS partitions,
              (SELECT sum(lag_messages) FROM consumer_groups WHERE cluster = $1 AND starts_with(group_id, 'bench50k-')) AS lag`,
      [BENCH_CLUSTER],
    );
    const found = rows[0]!;
    if (found.groups !== GROUPS || found.partitions !== GROUPS * PARTITIONS || Number(found.lag) !== expectedLag)
      throw new Error(`stored snapshot is wrong: ${JSON.stringify(found)}, want ${GROUPS} / ${GROUPS * PARTITIONS} / lag ${expectedLag}`);
  } finally {
    await client.end();
  }
}

/** Times `runs` snapshots after `warmups` untimed ones (connections, JIT, kafkajs metadata). */
async function timeSnapshots(take: () => Promise<SnapshotTimes>, runs = RUNS, warmups = 1): Promise<number[]> {
  for (let i = 0; i < warmups; i++) await take();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await take();
    times.push(performance.now() - started);
  }
  return times;
}

/** One child process holding `held` shards; resolves once it has warmed up. */
function startShardProcess(bootstrap: string, held: number[], url: string): Promise<{ child: ChildProcess; next(): Promise<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-lag-shard.ts'], {
    env: {
      ...process.env,
      BENCH_BOOTSTRAP: bootstrap,
      BENCH_SHARDS: String(SHARDS),
      BENCH_HELD: held.join(','),
      DATABASE_URL: url,
      LOG_LEVEL: 'silent',
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`shard process ${held.join(',')} ended early (exit ${child.exitCode})`);
    return value as string;
  };
  return next().then((line) => {
    if (line !== 'ready') throw new Error(`shard process said ${line}`);
    return { child, next };
  });
}

async function pageTimes(configFile: string): Promise<number[]> {
  process.env.TRUTHFLOW_CONFIG = configFile;
  const { loadLagGroups } = await import('@/lib/views/lag/list-loader');
  const { parseLagListParams } = await import('@/lib/views/lag/params');
  // What people open: the default view, other sorts, a deep page, a verdict filter, a prefix search.
  const views = [
    {},
    { sort: 'lagSeconds' },
    { sort: 'group', page: '400' },
    { verdict: 'OK', page: '3' },
    { q: 'bench50k-g123' },
    { cluster: BENCH_CLUSTER, sort: 'verdict', size: '100' },
  ];
  return timeCalls(PAGE_RUNS, (i) => loadLagGroups(parseLagListParams(views[i % views.length]!)), 10);
}

const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`.padStart(11);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const row = (name: string, xs: number[]) =>
  console.log(`${name.padEnd(44)}${ms(median(xs))}${ms(Math.min(...xs))}${ms(Math.max(...xs))}  ${xs.length}`);

export async function benchLagAtScale(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'truthflow-bench-50k-'));
  const opts: KafkaOptions = { line: '4', port: await freePort(), controllerPort: await freePort(), dataDir, log: () => undefined };
  const db = await createScratchDatabase('bench_lag');
  const children: ChildProcess[] = [];
  try {
    await migrate(db.url);
    process.env.DATABASE_URL = db.url;
    const broker = await startKafka(opts);
    await setUp(broker.bootstrap);
    const started0 = performance.now();
    const configFile = path.join(dataDir, 'truthflow.json');
    writeFileSync(
      configFile,
      JSON.stringify({ sources: { [BENCH_CLUSTER]: { kind: 'kafka', brokers: [broker.bootstrap], lagShards: SHARDS } } }),
    );

    const baseline = lagJobs(benchConfig(broker.bootstrap, 1), [0]);
    // Minutes per run: once each, with the connection made first; JIT warm-up is lost in the noise.
    await baseline.connect();
    const unsharded = await timeSnapshots(() => baseline.snapshot(true), 1, 0);
    log(`baseline done in ${seconds(started0)}`);
    await baseline.close();
    await checkStored(db.url);
    const pageUnsharded = await pageTimes(configFile);

    const all = shardsOf(SHARDS).map((s) => s.index);
    const oneProcess = lagJobs(benchConfig(broker.bootstrap, SHARDS), all);
    await oneProcess.connect();
    const sharded = await timeSnapshots(() => oneProcess.snapshot(true), 1, 0);
    await oneProcess.close();
    log(`one process with ${SHARDS} shards done in ${seconds(started0)}`);

    const started = performance.now();
    const parts = Array.from({ length: PROCESSES }, (_, k) => all.filter((i) => i % PROCESSES === k));
    const procs = await Promise.all(parts.map((held) => startShardProcess(broker.bootstrap, held, db.url)));
    children.push(...procs.map((p) => p.child));
    log(`${PROCESSES} shard processes started and warmed up in ${seconds(started)}`);
    const three: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const go = performance.now();
      for (const p of procs) p.child.stdin!.write('go\n');
      await Promise.all(procs.map((p) => p.next()));
      three.push(performance.now() - go);
    }
    await checkStored(db.url);
    const pageSharded = await pageTimes(configFile);

    console.log(
      `\nlag snapshot at ${GROUPS.toLocaleString('en-US')} groups × ${PARTITIONS} partitions (${TOPICS} topics, kafka ${broker.version}): collect + store write`,
    );
    console.log(`${'setup'.padEnd(44)}${'median'.padStart(11)}${'min'.padStart(11)}${'max'.padStart(11)}  runs`);
    row('1 process, unsharded (baseline)', unsharded);
    row(`1 process, ${SHARDS} shards`, sharded);
    row(`${PROCESSES} processes, ${SHARDS} shards (${parts.map((p) => p.length).join('/')})`, three);
    console.log(
      `${PROCESSES} processes: ${(median(unsharded) / median(three)).toFixed(2)}× faster than the baseline; goal ≤ 5,000 ms (${median(three) <= 5000 ? 'met' : 'missed'})`,
    );
    const p95 = (xs: number[]) => percentile(xs, 95);
    console.log(
      `/lag page data (loader), ${PAGE_RUNS} calls: p95 ${p95(pageSharded).toFixed(1)} ms with ${SHARDS}-shard rows, ` +
        `${p95(pageUnsharded).toFixed(1)} ms with unsharded rows (baseline); p50 ${percentile(pageSharded, 50).toFixed(1)} ms; goal p95 ≤ 300 ms`,
    );
  } finally {
    for (const child of children) {
      child.stdin?.end();
      if (child.exitCode === null) child.kill('SIGTERM');
    }
    await closeStorePool();
    await stopKafka(opts).catch(() => undefined);
    await db.drop().catch((e: unknown) => console.error(`cleanup (database): ${String(e)}`));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
