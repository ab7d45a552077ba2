// Helpers for tests and benchmarks that need real Kafka data: topics whose partitions have leaders,
// messages placed on chosen partitions, Kafka's own consumer-group CLI to compare lag with, and a
// collector driven against a real cluster.
import { execFile } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, Producer } from 'kafkajs';
import { createClients } from '@/collectors/clients';
import type { CollectResult, Collector } from '@/collectors/types';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { javaCommand, kafkaClasspath, type KafkaLine } from '@/scripts/kafka/lines';

export { createTopics, type TopicSpec } from '../kafka/topics';

/**
 * Sends counts[p] messages to partition p of `topic`, in batches. Give it an idempotent producer:
 * kafkajs resends a whole request when part of it fails (a fresh topic's leaders still settling),
 * and without idempotence the partitions that did succeed get their messages twice.
 */
export async function produceToPartitions(producer: Producer, topic: string, counts: readonly number[], batch = 500): Promise<void> {
  const messages = counts.flatMap((count, partition) => Array.from({ length: count }, (_, i) => ({ partition, key: `k${i}`, value: `m${i}` })));
  for (let i = 0; i < messages.length; i += batch) await producer.send({ topic, messages: messages.slice(i, i + batch) });
}

export interface CliLagRow {
  group: string;
  topic: string;
  partition: number;
  /** null where the CLI prints "-" (no committed offset). */
  current: number | null;
  end: number | null;
  lag: number | null;
}

const numOrNull = (cell: string | undefined): number | null => (cell === undefined || cell === '-' ? null : Number(cell));

/** Parses the table of `kafka-consumer-groups --describe` (one header per group, blank lines between). */
export function parseConsumerGroupsDescribe(stdout: string): CliLagRow[] {
  const rows: CliLagRow[] = [];
  for (const line of stdout.split('\n')) {
    const cells = line.trim().split(/\s+/);
    if (cells.length < 6 || cells[0] === 'GROUP' || !/^\d+$/.test(cells[2] ?? '')) continue;
    rows.push({ group: cells[0]!, topic: cells[1]!, partition: Number(cells[2]), current: numOrNull(cells[3]), end: numOrNull(cells[4]), lag: numOrNull(cells[5]) });
  }
  return rows;
}

// The JVM options Kafka's own kafka-run-class.sh gives its command-line tools.
const CLI_JVM = ['-Xmx256M', '-server', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35', '-Djava.awt.headless=true'];

export interface CliDescribe {
  rows: CliLagRow[];
  wallMs: number;
}

/** Runs Kafka's ConsumerGroupCommand --describe for some groups, or all of them. */
export function describeGroupsWithCli(line: KafkaLine, bootstrap: string, groups: readonly string[] | 'all'): Promise<CliDescribe> {
  const which = groups === 'all' ? ['--all-groups'] : groups.flatMap((g) => ['--group', g]);
  const args = [...CLI_JVM, '-cp', kafkaClasspath(line), 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', '--bootstrap-server', bootstrap, '--describe', ...which];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(javaCommand(), args, { maxBuffer: 256 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) => {
      const wallMs = performance.now() - started;
      if (error) reject(new Error(`ConsumerGroupCommand failed: ${error.message}\n${stderr}`));
      else resolve({ rows: parseConsumerGroupsDescribe(stdout), wallMs });
    });
  });
}

/** A TCP port nothing listens on right now (the OS picks it), for a test's own broker. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls the group's description until `ready` holds, e.g. "one member joined". */
export async function waitForGroup(admin: Admin, groupId: string, ready: (state: string, members: number) => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const group = (await admin.describeGroups([groupId])).groups[0];
    if (group && ready(group.state, group.members.length)) return;
    await sleep(250);
  }
  throw new Error(`group ${groupId} did not reach the expected state within ${timeoutMs / 1000} s`);
}

export interface ConsumerSpec {
  name: string;
  group: string;
  topics: string[];
}

export interface KafkaTestOptions {
  sasl?: { username: string; password: string };
  /**
   * 0 by default: exact figures come from real message timestamps, which a test's fake clock
   * cannot move, so tests of the offset/time estimates keep them off.
   */
  exactLagPartitions?: number;
  timeoutSeconds?: number;
}

/** A parsed config (through the real zod schema) with one kafka source; a SASL password comes from env, as it must. */
export function kafkaTestConfig(cluster: string, brokers: string, consumers: ConsumerSpec[], opts: KafkaTestOptions = {}): TruthflowConfig {
  const { sasl, exactLagPartitions = 0, timeoutSeconds = 5 } = opts;
  const auth = sasl && { sasl: { mechanism: 'plain', username: sasl.username, password: '${TF_KAFKA_PASSWORD}' } };
  const doc = {
    sources: { [cluster]: { kind: 'kafka', brokers: [brokers], clientId: 'truthflow-int', exactLagPartitions, ...auth } },
    consumers: consumers.map((c) => ({ ...c, source: cluster })),
    collectors: { intervalSeconds: 10, timeoutSeconds },
  };
  return parseConfig(JSON.stringify(doc), { TF_KAFKA_PASSWORD: sasl?.password ?? '' });
}

/** A collector driven as the runner drives it: real clients, state kept across runs, a clock the test moves. */
export function collectorHarness<T extends { name: string }, S>(collector: Collector<T, S>, config: TruthflowConfig, targetName: string) {
  const target = collector.targets(config).find((t) => t.name === targetName);
  if (!target) throw new Error(`${collector.name} has no target ${targetName}`);
  const clients = createClients(config);
  const state = collector.initialState(target);
  const log = createLogger(`${collector.name}-test`);
  let clock = Date.now();
  return {
    advance: (ms: number) => void (clock += ms),
    collect: (timeoutMs = 5_000): Promise<CollectResult> =>
      collector.collect({ target, config, clients, state, now: () => new Date(clock), signal: AbortSignal.timeout(timeoutMs), log }),
    close: () => clients.closeAll(),
  };
}

export const sampleValue = (result: CollectResult, metric: string, labels: Record<string, string>): number | undefined =>
  result.samples.find((s) => s.metric === metric && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
