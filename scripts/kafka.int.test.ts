// Proves each broker line the launcher starts is a real Kafka: messages round-trip through it
// with kafkajs, and starting it again reuses the running broker.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaStatus, startKafka, stopKafka, type KafkaLine, type RunningKafka } from './kafka';

const MESSAGES = [
  { key: 'order-1', value: 'created' },
  { key: 'order-2', value: 'paid' },
  { key: 'order-1', value: 'shipped' },
];

/**
 * kafkajs' `waitForLeaders` retries only LEADER_NOT_AVAILABLE, but a KRaft broker briefly answers
 * UNKNOWN_TOPIC_OR_PARTITION for a topic it has just created (kafkajs#1563), so poll for a leader.
 */
async function createTopic(admin: Admin, topic: string, timeoutMs = 30_000): Promise<void> {
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: false });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
    const partitions = metadata?.topics[0]?.partitions ?? [];
    if (partitions.length > 0 && partitions.every((p) => p.leader >= 0)) return;
    await sleep(200);
  }
  throw new Error(`topic ${topic} has no leader after ${timeoutMs / 1000} s`);
}

/** Collects `count` messages or fails after `timeoutMs`, so a broken broker cannot hang the suite. */
async function consume(consumer: Consumer, topic: string, count: number, timeoutMs = 60_000) {
  const received: { key: string; value: string }[] = [];
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`got ${received.length} of ${count} messages`)), timeoutMs);
    void consumer
      .run({
        eachMessage: async ({ message }) => {
          received.push({ key: String(message.key), value: String(message.value) });
          if (received.length === count) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  return received;
}

describe.each<KafkaLine>(['4', '3.9'])('kafka line %s', (line) => {
  let broker: RunningKafka;
  let startedHere = false;

  beforeAll(async () => {
    // A developer's already running broker is theirs: use it, and leave it running afterwards.
    startedHere = (await kafkaStatus({ line })) === undefined;
    broker = await startKafka({ line, log: () => undefined });
  });

  afterAll(async () => {
    if (startedHere) await stopKafka({ line });
  });

  it('round-trips keys and values through a new topic and consumer group', async () => {
    const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'truthflow-kafka-int', logLevel: logLevel.NOTHING });
    const suffix = randomUUID();
    const topic = `truthflow-int-${suffix}`;
    const admin = kafka.admin();
    await admin.connect();
    await createTopic(admin, topic);
    await admin.disconnect();

    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic, messages: MESSAGES });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `truthflow-int-${suffix}` });
    await consumer.connect();
    try {
      expect(await consume(consumer, topic, MESSAGES.length)).toEqual(MESSAGES);
    } finally {
      await consumer.disconnect();
    }
  });

  it('reports its version and reuses the running broker on a second start', async () => {
    expect(broker.version.startsWith(line === '4' ? '4.' : '3.9.')).toBe(true);
    expect(broker.bootstrap).toBe(`127.0.0.1:${broker.port}`);
    const again = await startKafka({ line, log: () => undefined });
    expect(again.pid).toBe(broker.pid);
    expect(await kafkaStatus({ line })).toEqual(broker);
  });
});
