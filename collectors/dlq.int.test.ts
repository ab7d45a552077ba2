// The DLQ collector against real brokers of both lines: exact depth, no inflow on the first run,
// error classes counted only for what arrived since, ages from real record timestamps, a peek with
// PII redacted that leaves no group behind, and the faults an operator will meet.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, Partitioners, type Admin, type IHeaders, type Message } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type DlqConfig, type TruthflowConfig } from '@/lib/config';
import { CONNECT, SPRING } from '@/lib/dlq/headers';
import { peekDlq } from '@/lib/dlq/peek';
import { READER_GROUP_PREFIX } from '@/lib/kafka/read-ranges';
import { createTopics } from '@/lib/kafka/topics';
import { createLogger } from '@/lib/log';
import { SERIES } from '@/lib/series-names';
import { kafkaStatus, startKafka, stopKafka, type KafkaLine } from '@/scripts/kafka';
import { createClients, type Clients } from '@/lib/sources/clients';
import { dlqCollector, MAX_CLASS_SAMPLE, type DlqState } from './dlq';
import type { JobOutput } from './types';

const log = createLogger('test');

function configFor(brokers: string, topic: string): TruthflowConfig {
  return parseConfig(
    `sources:\n  events: { kind: kafka, brokers: "${brokers}" }\n` +
      `dlqs:\n  - { name: orders-dlq, source: events, topic: "${topic}", errorClassHeader: x-error-class, piiFields: [email, address], showKeys: true }\n` +
      'collectors: { intervalSeconds: 10, timeoutSeconds: 8 }\n',
    {},
  );
}

const int32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const spring = (cls: string, email: string): IHeaders => ({
  [SPRING.fqcn]: cls,
  [SPRING.message]: `rejected order for ${email}`,
  [SPRING.topic]: 'orders',
  [SPRING.partition]: int32(1),
});
const connect = (cls: string): IHeaders => ({
  [CONNECT.fqcn]: cls,
  [CONNECT.topic]: 'customers',
  [CONNECT.partition]: '0',
  [CONNECT.offset]: '5',
});
const msg = (partition: number, ago: number, headers: IHeaders, email: string): Message => ({
  partition,
  key: `order-${randomUUID()}`,
  timestamp: String(Date.now() - ago * 1000),
  headers: { ...headers, 'x-customer-email': email },
  value: JSON.stringify({ orderId: randomUUID(), customer: { email, address: { city: 'Springfield' } }, total: 12.5 }),
});

describe.each<KafkaLine>(['4', '3.9'])('dlq collector on kafka %s', (line) => {
  const topic = `truthflow-dlq-int-${randomUUID()}`;
  let startedHere = false;
  let kafka: Kafka;
  let admin: Admin;
  let config: TruthflowConfig;
  let dlq: DlqConfig;
  let clients: Clients;
  let state: DlqState;
  const created: string[] = [];
  /** A uniquely named topic of this test, deleted in afterAll even when an assertion failed. */
  const newTopic = async (kind: string, partitions: number) => {
    const name = `truthflow-dlq-${kind}-${randomUUID()}`;
    created.push(name);
    await createTopics(admin, [{ topic: name, numPartitions: partitions }]);
    return name;
  };
  const collect = (over: Partial<DlqConfig> = {}, st: DlqState = state): Promise<JobOutput> =>
    dlqCollector.collect({
      target: { ...dlq, ...over },
      config,
      clients,
      now: () => new Date(),
      signal: new AbortController().signal,
      state: st,
      log,
    });
  const valueOf = (r: JobOutput, metric: string) => r.samples.filter((s) => s.metric === metric).map((s) => s.value);
  const classes = (r: JobOutput) =>
    Object.fromEntries(r.samples.filter((s) => s.metric === SERIES.dlqErrorClassMessages).map((s) => [s.labels.error_class, s.value]));

  beforeAll(async () => {
    startedHere = (await kafkaStatus({ line })) === undefined;
    const broker = await startKafka({ line, log: () => undefined });
    kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'truthflow-dlq-int', logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 3 }]);
    config = configFor(broker.bootstrap, topic);
    dlq = config.dlqs[0]!;
    clients = createClients(config);
    state = dlqCollector.initialState(dlq);
  });

  afterAll(async () => {
    await clients?.closeAll();
    // One by one: a topic a test already deleted must not keep the others alive.
    for (const t of [topic, ...created]) await admin?.deleteTopics({ topics: [t] }).catch(() => undefined);
    await admin?.disconnect();
    if (startedHere) await stopKafka({ line });
  });

  it('measures depth, inflow, ages and the classes of new messages only', async () => {
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    // Backlog before the first run: its classes must never be counted.
    await producer.send({
      topic,
      messages: [
        msg(0, 120, spring('old.BacklogError', 'ann@example.com'), 'ann@example.com'),
        ...[0, 1, 1, 2, 2].map((p) => msg(p, 60, { 'x-error-class': 'old.Backlog' }, 'ann@example.com')),
      ],
    });

    const first = await collect();
    expect(valueOf(first, SERIES.dlqDepthMessages)).toEqual([6]);
    expect(valueOf(first, SERIES.dlqInflowPerMinute)).toEqual([]); // unknown, not 0
    expect(classes(first)).toEqual({});
    expect(valueOf(first, SERIES.dlqOldestAgeSeconds)[0]).toBeGreaterThanOrEqual(119);
    expect(valueOf(first, SERIES.dlqOldestAgeSeconds)[0]).toBeLessThan(180);
    expect(valueOf(first, SERIES.dlqNewestAgeSeconds)[0]).toBeGreaterThanOrEqual(59);
    expect(valueOf(first, SERIES.dlqNewestAgeSeconds)[0]).toBeLessThan(120);

    await sleep(1_000);
    const fresh = [
      msg(0, 7, spring('java.lang.IllegalStateException', 'bob@example.com'), 'bob@example.com'),
      msg(1, 6, spring('java.lang.IllegalStateException', 'bob@example.com'), 'bob@example.com'),
      msg(
        2,
        5,
        {
          [SPRING.fqcn]: 'org.springframework.kafka.listener.ListenerExecutionFailedException',
          [SPRING.causeFqcn]: 'java.lang.IllegalStateException',
        },
        'bob@example.com',
      ),
      msg(0, 4, connect('org.apache.kafka.connect.errors.DataException'), 'bob@example.com'),
      msg(1, 3, connect('org.apache.kafka.connect.errors.DataException'), 'bob@example.com'),
      msg(2, 2, { 'x-error-class': 'com.acme.PriceMismatch', [SPRING.fqcn]: 'ignored.BecauseConfiguredWins' }, 'bob@example.com'),
      msg(2, 1, {}, 'bob@example.com'),
    ];
    await producer.send({ topic, messages: fresh });
    await producer.disconnect();

    const second = await collect();
    expect(valueOf(second, SERIES.dlqDepthMessages)).toEqual([13]);
    expect(valueOf(second, SERIES.dlqInflowPerMinute)[0]).toBeGreaterThan(0);
    expect(classes(second)).toEqual({
      'java.lang.IllegalStateException': 3,
      'org.apache.kafka.connect.errors.DataException': 2,
      'com.acme.PriceMismatch': 1,
      unknown: 1,
    });
    expect(second.notes ?? []).toEqual([]);
    expect(valueOf(second, SERIES.dlqNewestAgeSeconds)[0]).toBeLessThan(30);
    expect(valueOf(second, SERIES.dlqOldestAgeSeconds)[0]).toBeGreaterThanOrEqual(120);

    // Nothing moved: inflow is a measured 0 now, no classes, and ages come from remembered stamps.
    const third = await collect();
    expect(valueOf(third, SERIES.dlqDepthMessages)).toEqual([13]);
    expect(valueOf(third, SERIES.dlqInflowPerMinute)).toEqual([0]);
    expect(classes(third)).toEqual({});
    expect(valueOf(third, SERIES.dlqOldestAgeSeconds)).toHaveLength(1);

    const peek = await peekDlq(kafka, dlq, 4);
    expect(peek.complete).toBe(true);
    expect(peek.messages.map((m) => m.key)).toEqual(
      fresh
        .slice(-4)
        .reverse()
        .map((m) => m.key),
    );
    expect(peek.messages.map((m) => m.errorClass)).toEqual([
      'unknown',
      'com.acme.PriceMismatch',
      'org.apache.kafka.connect.errors.DataException',
      'org.apache.kafka.connect.errors.DataException',
    ]);
    const whole = JSON.stringify(peek);
    expect(whole).not.toContain('bob@example.com');
    expect(whole).not.toContain('Springfield');
    expect(peek.messages[0]!.headers['x-customer-email']).toBe('[redacted]');

    const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
    expect(groups.filter((g) => g.startsWith(READER_GROUP_PREFIX))).toEqual([]);
  });

  it('bounds the error-class sample and says so', async () => {
    const busy = await newTopic('busy', 3);
    const st = dlqCollector.initialState(dlq);
    expect(valueOf(await collect({ topic: busy }, st), SERIES.dlqDepthMessages)).toEqual([0]);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const counts = [150, 60, 40];
    await producer.send({
      topic: busy,
      messages: counts.flatMap((n, p) => Array.from({ length: n }, () => ({ partition: p, value: 'x', headers: connect('c.Busy') }))),
    });
    await producer.disconnect();
    const run = await collect({ topic: busy }, st);
    expect(classes(run)).toEqual({ 'c.Busy': MAX_CLASS_SAMPLE });
    expect(run.notes).toEqual([`error classes sampled from ${MAX_CLASS_SAMPLE} of 250 new messages`]);
  });

  it('knows the ages of a transactional DLQ, and an open transaction does not stall a run', async () => {
    const txTopic = await newTopic('tx', 1);
    const producer = kafka.producer({
      transactionalId: `truthflow-dlq-int-${randomUUID()}`,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    try {
      const committed = await producer.transaction();
      await committed.send({ topic: txTopic, messages: [msg(0, 30, {}, 'ann@example.com'), msg(0, 20, {}, 'ann@example.com')] });
      await committed.commit();
      // The coordinator writes the commit marker after answering: wait until it is stable.
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(100)) {
        if ((await admin.fetchTopicOffsets(txTopic))[0]?.high === '3') break;
      }
      const st = dlqCollector.initialState(dlq);
      const first = await collect({ topic: txTopic }, st);
      expect(valueOf(first, SERIES.dlqDepthMessages)).toEqual([3]); // two records and the commit marker's offset
      expect(valueOf(first, SERIES.dlqNewestAgeSeconds)[0]).toBeGreaterThanOrEqual(19);
      expect(valueOf(first, SERIES.dlqNewestAgeSeconds)[0]).toBeLessThan(29);
      expect(valueOf(first, SERIES.dlqOldestAgeSeconds)[0]).toBeGreaterThanOrEqual(29);

      // A record in a transaction still open is not in the DLQ yet, and must not hold the run up.
      const open = await producer.transaction();
      await open.send({ topic: txTopic, messages: [msg(0, 1, { 'x-error-class': 'tx.Pending' }, 'ann@example.com')] });
      const started = Date.now();
      const second = await collect({ topic: txTopic }, st);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(second.notes ?? []).toEqual([]);
      expect(valueOf(second, SERIES.dlqDepthMessages)).toEqual([3]);
      expect(classes(second)).toEqual({});
      await open.commit();
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(100)) {
        if ((await admin.fetchTopicOffsets(txTopic))[0]?.high === '5') break;
      }
      const third = await collect({ topic: txTopic }, st);
      expect(classes(third)).toEqual({ 'tx.Pending': 1 });
      expect(valueOf(third, SERIES.dlqNewestAgeSeconds)[0]).toBeLessThan(15);
    } finally {
      await producer.disconnect();
    }
  });

  it('fails as a timeout when the runner aborts the read, leaving no reader group', async () => {
    const aborted = new AbortController();
    aborted.abort();
    const run = dlqCollector.collect({
      target: dlq,
      config,
      clients,
      now: () => new Date(),
      signal: aborted.signal,
      state: dlqCollector.initialState(dlq),
      log,
    });
    await expect(run).rejects.toMatchObject({ kind: 'timeout' });
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
    expect(groups.filter((g) => g.startsWith(READER_GROUP_PREFIX))).toEqual([]);
  });

  it('reports an unknown topic as a config problem and does not create it', async () => {
    const missing = `truthflow-dlq-missing-${randomUUID()}`;
    await expect(collect({ topic: missing }, dlqCollector.initialState(dlq))).rejects.toMatchObject({
      kind: 'config',
      message: `DLQ topic "${missing}" does not exist on cluster "events"`,
    });
    expect(await admin.listTopics()).not.toContain(missing);
  });

  it('reports a DLQ deleted after earlier runs as a config problem, and the shared client recovers', async () => {
    const doomed = await newTopic('doomed', 1);
    const later = await newTopic('later', 2);
    const st = dlqCollector.initialState(dlq);
    expect(valueOf(await collect({ topic: doomed }, st), SERIES.dlqDepthMessages)).toEqual([0]);
    await admin.deleteTopics({ topics: [doomed] });
    created.splice(created.indexOf(doomed), 1);
    for (const deadline = Date.now() + 30_000; (await admin.listTopics()).includes(doomed) && Date.now() < deadline;) await sleep(200);
    await expect(collect({ topic: doomed }, st)).rejects.toMatchObject({
      kind: 'config',
      message: `DLQ topic "${doomed}" does not exist on cluster "events"`,
    });
    // The client that once looked the deleted topic up fails every lookup of a topic new to it.
    expect(valueOf(await collect({ topic: later }, dlqCollector.initialState(dlq)), SERIES.dlqDepthMessages)).toEqual([0]);
  });
});
