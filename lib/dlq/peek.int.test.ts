// peekDlq against real brokers: newest N across uneven partitions, payload kinds, bounds, and
// proof that reading leaves the application's own consumer group exactly as it was.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Admin, type Message } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type DlqConfig } from '@/lib/config';
import { kafkaStatus, startKafka, stopKafka, type KafkaLine } from '@/scripts/kafka';
import { READER_GROUP_PREFIX } from '@/lib/kafka/read-ranges';
import { createTopics } from '@/lib/kafka/topics';
import { MAX_PEEK, peekDlq } from './peek';

function dlqFor(topic: string): DlqConfig {
  const yaml = `sources:\n  events: { kind: kafka, brokers: "127.0.0.1:1" }\ndlqs:\n  - { name: d, source: events, topic: "${topic}", piiFields: [email], showKeys: true }\n`;
  return parseConfig(yaml, {}).dlqs[0]!;
}

const json = (partition: number, ago: number, n: number): Message => ({
  partition,
  key: `k-${partition}-${n}`,
  timestamp: String(Date.now() - ago * 1000),
  value: JSON.stringify({ n, email: `user${n}@example.com` }),
});

describe.each<KafkaLine>(['4', '3.9'])('peekDlq on kafka %s', (line) => {
  const topic = `truthflow-peek-int-${randomUUID()}`;
  let startedHere = false;
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    startedHere = (await kafkaStatus({ line })) === undefined;
    const broker = await startKafka({ line, log: () => undefined });
    // Retries as lib/sources/connections.ts sets them, so failures surface as fast as they would there.
    kafka = new Kafka({
      brokers: [broker.bootstrap],
      clientId: 'truthflow-peek-int',
      logLevel: logLevel.NOTHING,
      retry: { retries: 1, initialRetryTime: 200 },
    });
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 3 }]);
  });

  afterAll(async () => {
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
    if (startedHere) await stopKafka({ line });
  });

  it('is empty and complete on an empty topic', async () => {
    expect(await peekDlq(kafka, dlqFor(topic), 5)).toEqual({ dlq: 'd', topic, messages: [], complete: true, notes: [] });
  });

  it('returns the newest N across uneven partitions and leaves an application group untouched', async () => {
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => json(0, 100 - i, i)) }); // ages 100..91 s
    await producer.send({ topic, messages: [json(1, 5, 10), json(1, 4, 11), json(1, 3, 12)] });
    await producer.send({
      topic,
      messages: [
        { partition: 2, key: 'text', timestamp: String(Date.now() - 50_000), value: 'failed: email=eve@example.com, retry later' },
        { partition: 2, key: 'bin', timestamp: String(Date.now() - 40_000), value: Buffer.from([0, 1, 2, 3, 0x65, 0x76, 0x65]) },
      ],
    });
    await producer.disconnect();

    // An application's group that has read and committed part of the DLQ.
    const groupId = `truthflow-peek-int-app-${randomUUID()}`;
    await admin.setOffsets({
      groupId,
      topic,
      partitions: [
        { partition: 0, offset: '4' },
        { partition: 1, offset: '1' },
      ],
    });
    const before = await admin.fetchOffsets({ groupId, topics: [topic] });

    const peek = await peekDlq(kafka, dlqFor(topic), 6);
    expect(peek.complete).toBe(true);
    expect(peek.messages.map((m) => m.key)).toEqual(['k-1-12', 'k-1-11', 'k-1-10', 'bin', 'text', 'k-0-9']);
    expect(peek.messages[5]).toMatchObject({
      partition: 0,
      offset: '9',
      errorClass: 'unknown',
      payload: { kind: 'json', value: { n: 9, email: '[redacted]' } },
    });
    expect(peek.messages[3]!.payload).toMatchObject({ kind: 'binary', bytes: 7 });
    expect(peek.messages[4]!.payload).toMatchObject({ kind: 'text', text: 'failed: email=[redacted], retry later' });
    expect(JSON.stringify(peek)).not.toMatch(/@example\.com/);

    expect(await admin.fetchOffsets({ groupId, topics: [topic] })).toEqual(before);
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
    expect(groups).toContain(groupId);
    expect(groups.filter((g) => g.startsWith(READER_GROUP_PREFIX))).toEqual([]);
    await admin.deleteGroups([groupId]);
  });

  it('bounds the limit and reads all of a small DLQ', async () => {
    const peek = await peekDlq(kafka, dlqFor(topic), 10_000);
    expect(peek.messages).toHaveLength(15);
    expect(MAX_PEEK).toBe(500);
    // By default keys (customer or order ids, often) are not shown.
    const hidden = await peekDlq(kafka, { ...dlqFor(topic), showKeys: false }, 3);
    expect(hidden.messages.map((m) => m.key)).toEqual(['[redacted]', '[redacted]', '[redacted]']);
    expect((await peekDlq(kafka, dlqFor(topic), 0)).messages).toHaveLength(1);
  });

  it('reports an unknown topic as a config problem', async () => {
    const missing = `truthflow-peek-missing-${randomUUID()}`;
    await expect(peekDlq(kafka, dlqFor(missing), 5)).rejects.toMatchObject({ kind: 'config' });
    expect(await admin.listTopics()).not.toContain(missing);
  });
});
