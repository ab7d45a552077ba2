// Kafka plumbing shared by the shop's services: one client per service (its own client id shows up
// in the broker's group descriptions), kafkajs logs routed into pino, and the topics created once.
import { Kafka, logLevel, type Admin, type Consumer, type LogEntry } from 'kafkajs';
import type { Logger } from '@/lib/log';
import { createTopics } from '@/lib/kafka/topics';
import type { ShopNames } from './config';

export function createShopKafka(brokers: string[], clientId: string, log: Logger): Kafka {
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    // Short retries: while the broker is down the services' own loops back off and report it,
    // instead of kafkajs sitting in a long silent retry.
    retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      // Stack traces of connection errors would drown the shop's own lines during a broker outage.
      const { message, stack: _stack, ...extra } = entry.log;
      // kafkajs reports every retried request as an error; for the shop they are warnings.
      const level = entry.level <= logLevel.ERROR ? 'warn' : 'info';
      log[level]({ kafkajs: entry.namespace, ...extra }, message);
    },
  });
}

/**
 * Consumer timing for a demo that must recover visibly within seconds: a 10 s session (a member
 * lost in a broker restart is evicted after 10 s, not 45), commits every second so the lag
 * Truthflow reads is fresh. Long waits inside a batch heartbeat in slices (patientSleep).
 */
export const CONSUMER_TIMING = {
  sessionTimeout: 10_000,
  heartbeatInterval: 1_000,
  autoCommitInterval: 1_000,
  maxWaitTimeInMs: 500,
  allowAutoTopicCreation: false,
} as const;

/** order events are keyed by order id over 3 partitions, so lag is per partition as in real shops. */
export function shopTopics(names: ShopNames) {
  return [
    { topic: names.orderTopic, numPartitions: 3 },
    { topic: names.catalogTopic, numPartitions: 1 },
    { topic: names.dlqTopic, numPartitions: 1 },
  ];
}

/** Creates the missing topics and waits until they have leaders; existing topics are left alone. */
export async function ensureTopics(kafka: Kafka, names: ShopNames): Promise<void> {
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = shopTopics(names).filter((t) => !existing.has(t.topic));
    if (missing.length) await createTopics(admin, missing);
  } finally {
    await admin.disconnect();
  }
}

export interface Supervised {
  consumer(): Consumer;
  stop(): Promise<void>;
}

/**
 * Runs a consumer and keeps it running: kafkajs restarts a crashed consumer by itself only when
 * the error was retriable, and a demo that silently stops consuming would teach the wrong lesson.
 * `run` subscribes and calls consumer.run; each (re)start gets a fresh consumer from `create`.
 */
export async function superviseConsumer(
  create: () => Consumer,
  run: (consumer: Consumer) => Promise<void>,
  log: Logger,
  restartDelayMs = 5_000,
): Promise<Supervised> {
  let stopped = false;
  let current: Consumer = create();
  let timer: NodeJS.Timeout | undefined;
  const later = () => {
    if (!stopped) timer = setTimeout(() => void start(false), restartDelayMs);
  };

  async function start(first: boolean): Promise<void> {
    if (stopped) return;
    if (!first) {
      await current.disconnect().catch(() => undefined);
      current = create();
    }
    const consumer = current;
    consumer.on(consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload;
      log.warn({ err: error, restart }, 'consumer crashed');
      if (!restart && consumer === current) later();
    });
    try {
      await consumer.connect();
      await run(consumer);
    } catch (error) {
      log.warn({ err: error }, `consumer could not start; retrying in ${restartDelayMs} ms`);
      later();
    }
  }

  await start(true);
  return {
    consumer: () => current,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current.disconnect().catch(() => undefined);
    },
  };
}
