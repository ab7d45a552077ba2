// One Kafka line for a test file: the broker started (or a developer's running one reused, and
// left running), clients connected, and every topic and group the tests made removed afterwards.
// Registers vitest hooks, so call it at the top of a describe block.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { afterAll, beforeAll } from 'vitest';
import { createTopics } from '@/lib/kafka/topics';
import { kafkaStatus, startKafka, stopKafka, type KafkaLine } from '@/scripts/kafka';

export interface TestCluster {
  /** The source name tests give this broker in their config, e.g. kafka-3-9. */
  cluster: string;
  bootstrap: string;
  kafka: Kafka;
  admin: Admin;
  /** Idempotent: tests count messages, and a retried send must not write them twice. */
  producer: Producer;
  /** A name unique to this run, e.g. tf-lag-4-1a2b3c4d-orders. */
  name(what: string): string;
  /** Creates a topic named name(what), usable at once; deleted after the file. */
  topic(what: string, numPartitions: number): Promise<string>;
  /** Commits offsets for a group as a consumer would; the group is deleted after the file. */
  commit(group: string, topic: string, offsets: Record<number, number>): Promise<void>;
}

export function useTestCluster(line: KafkaLine, prefix: string): TestCluster {
  const id = randomUUID().slice(0, 8);
  const topics: string[] = [];
  const groups: string[] = [];
  let startedHere = false;
  const name = (what: string) => `${prefix}-${line}-${id}-${what}`;
  const fixture: TestCluster = {
    cluster: `kafka-${line.replace('.', '-')}`,
    bootstrap: '',
    kafka: undefined as unknown as Kafka, // set in beforeAll, before any test reads it
    admin: undefined as unknown as Admin,
    producer: undefined as unknown as Producer,
    name,
    async topic(what, numPartitions) {
      topics.push(name(what));
      await createTopics(fixture.admin, [{ topic: name(what), numPartitions }]);
      return name(what);
    },
    async commit(group, topic, offsets) {
      if (!groups.includes(group)) groups.push(group);
      await fixture.admin.setOffsets({ groupId: group, topic, partitions: Object.entries(offsets).map(([p, o]) => ({ partition: Number(p), offset: String(o) })) });
    },
  };

  beforeAll(async () => {
    // A developer's running broker is theirs: use it and leave it running.
    startedHere = (await kafkaStatus({ line })) === undefined;
    fixture.bootstrap = (await startKafka({ line, log: () => undefined })).bootstrap;
    fixture.kafka = new Kafka({ brokers: [fixture.bootstrap], clientId: `truthflow-${prefix}-int`, logLevel: logLevel.NOTHING });
    fixture.admin = fixture.kafka.admin();
    await fixture.admin.connect();
    fixture.producer = fixture.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await fixture.producer.connect();
  });

  afterAll(async () => {
    await fixture.admin?.deleteGroups(groups).catch(() => undefined);
    await fixture.admin?.deleteTopics({ topics }).catch(() => undefined);
    await fixture.producer?.disconnect();
    await fixture.admin?.disconnect();
    if (startedHere) await stopKafka({ line });
  });

  return fixture;
}
