// The data of bench:lag's big run: GROUPS groups × 4 partitions over 200 topics on a broker of
// the bench's own (127.0.0.1:19097, controller 19098, data in .truthflow/kafka-bench), never on
// the shared test brokers. Setting up is idempotent: groups already committed on that broker are
// not committed again, so a smaller profiling run (BENCH_LAG_GROUPS=10000) grows into the big one.
import { Kafka, logLevel } from 'kafkajs';
import { createTopics, produceToPartitions } from '@/e2e/fixtures/kafka';
import { commitOffsets } from '@/e2e/fixtures/kafka-commits';
import type { KafkaOptions } from './kafka';

export const BENCH_BROKER: KafkaOptions = { line: '4', port: 19097, controllerPort: 19098, dataDir: '.truthflow/kafka-bench' };
export const TOPICS = 200;
export const PARTITIONS = 4;
export const MESSAGES_PER_PARTITION = 20;

export const topicName = (t: number) => `bench50k-t${t}`;
export const groupName = (g: number) => `bench50k-g${String(g).padStart(5, '0')}`;
export const committedOf = (g: number, p: number) => (g * 7 + p * 3) % MESSAGES_PER_PARTITION;
const log = (line: string) => console.log(`[bench:lag data] ${line}`);

function commitGroups(kafka: Kafka, groups: number[]): Promise<void> {
  return commitOffsets(
    kafka,
    groups.map((g) => ({
      groupId: groupName(g),
      topic: topicName(g % TOPICS),
      offsets: Object.fromEntries(Array.from({ length: PARTITIONS }, (_, p) => [p, committedOf(g, p)])),
    })),
  );
}

/** Makes sure the broker at `bootstrap` holds the topics, messages and the first `groups` groups. */
export async function ensureBenchData(bootstrap: string, groups: number): Promise<void> {
  const started = performance.now();
  const kafka = new Kafka({ brokers: [bootstrap], clientId: 'truthflow-bench-data', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missingTopics = Array.from({ length: TOPICS }, (_, t) => t).filter((t) => !existing.has(topicName(t)));
    if (missingTopics.length) {
      await createTopics(
        admin,
        missingTopics.map((t) => ({ topic: topicName(t), numPartitions: PARTITIONS })),
        300_000,
      );
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      for (const t of missingTopics) await produceToPartitions(producer, topicName(t), Array(PARTITIONS).fill(MESSAGES_PER_PARTITION));
      await producer.disconnect();
    }
    const listed = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
    const missing = Array.from({ length: groups }, (_, g) => g).filter((g) => !listed.has(groupName(g)));
    if (missing.length) await commitGroups(kafka, missing);
    const extra = [...listed].filter((id) => id.startsWith('bench50k-g') && Number(id.slice(10)) >= groups).length;
    if (extra) throw new Error(`the bench broker holds ${extra} groups beyond ${groups}: stop it and delete ${BENCH_BROKER.dataDir}`);
    log(
      `${groups} groups × ${PARTITIONS} partitions on ${TOPICS} topics ready (${missing.length} committed now) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await admin.disconnect();
  }
}

/** Lag the stored snapshot must sum to for the first `groups` groups. */
export function expectedLag(groups: number): number {
  let lag = 0;
  for (let g = 0; g < groups; g++) for (let p = 0; p < PARTITIONS; p++) lag += MESSAGES_PER_PARTITION - committedOf(g, p);
  return lag;
}
