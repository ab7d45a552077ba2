// Redrive: reading the selected dead letters and sending them back to where they came from. The
// plan (redrive-plan.ts) decides per message; this file reads (a throwaway reader group, nothing
// committed) and sends with an idempotent producer (acks from all in-sync replicas, so a retried
// send is not written twice), at most `ratePerSecond`, stopping at the first failed send so an
// unhealthy cluster is not hammered. Key, value and headers travel unchanged but for the count.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import type { DlqConfig } from '@/lib/config';
import type { RedriveConfig } from '@/lib/config/schema-redrive';
import { TruthflowError } from '@/lib/errors';
import { readRanges, type OffsetRange, type ReadMessage } from '@/lib/kafka/read-ranges';
import { dlqError } from './peek';
import { matchesSelection, planItem, redrivenHeaders, type RedriveItem, type RedriveSelection } from './redrive-plan';

/** Messages read per partition, per message a request may send, when filtering by class or key. */
const SCAN_FACTOR = 10;

export interface RedriveResultItem extends RedriveItem {
  result: 'planned' | 'sent' | 'refused' | 'failed';
  targetPartition: number | null;
  targetOffset: number | null;
  detail: string | null;
}

export interface RedriveOutcome {
  dlq: string;
  topic: string;
  dryRun: boolean;
  /** false: the read hit its deadline, so fewer messages may have been selected than exist. */
  complete: boolean;
  items: RedriveResultItem[];
}

export interface RedriveOptions {
  deadlineMs: number;
  signal?: AbortSignal;
}

type Enabled = DlqConfig & { redrive: RedriveConfig };

async function select(kafka: Kafka, dlq: Enabled, selection: RedriveSelection, opts: RedriveOptions) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const filtering = selection.errorClass !== undefined || selection.key !== undefined;
    const span = dlq.redrive.maxPerRequest * (filtering ? SCAN_FACTOR : 1);
    const ranges: OffsetRange[] = (await admin.fetchTopicOffsets(dlq.topic))
      .filter((o) => selection.partition === undefined || o.partition === selection.partition)
      .map((o) => {
        const [low, high] = [Number(o.low), Number(o.high)];
        const to = Math.min(high, selection.toOffset ?? high);
        const from = Math.max(low, selection.fromOffset ?? to - span);
        // A range is read from its start, bounded either way: never more than `span` messages.
        return { partition: o.partition, from, to: Math.min(to, from + span) };
      });
    const read = await readRanges(kafka, admin, dlq.topic, ranges, { deadlineMs: opts.deadlineMs, signal: opts.signal, keepValues: true });
    const messages = read.messages
      .filter((m) => matchesSelection(m, selection, dlq.errorClassHeader))
      .sort((a, b) => a.partition - b.partition || a.offset - b.offset)
      .slice(0, dlq.redrive.maxPerRequest);
    return { messages, complete: read.complete };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function send(kafka: Kafka, dlq: Enabled, planned: Array<{ message: ReadMessage; item: RedriveItem }>, signal?: AbortSignal) {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  const gapMs = 1000 / dlq.redrive.ratePerSecond;
  const out: RedriveResultItem[] = [];
  let failed: string | null = null;
  try {
    for (const { message, item } of planned) {
      const none = { targetPartition: null, targetOffset: null };
      if (item.action === 'refuse') {
        out.push({ ...item, ...none, result: 'refused', detail: item.reason });
        continue;
      }
      if (failed !== null || signal?.aborted) {
        out.push({ ...item, ...none, result: 'refused', detail: `not sent: ${failed ?? 'the request was cancelled'}` });
        continue;
      }
      const started = Date.now();
      try {
        const [meta] = await producer.send({
          topic: item.targetTopic!,
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers: redrivenHeaders(message.headers, item.redriveCount) }],
        });
        out.push({
          ...item,
          result: 'sent',
          targetPartition: meta?.partition ?? null,
          targetOffset: meta ? Number(meta.baseOffset) : null,
          detail: null,
        });
      } catch (error) {
        failed = `an earlier send failed (${(error as Error).message})`;
        out.push({ ...item, ...none, result: 'failed', detail: (error as Error).message });
      }
      await sleep(Math.max(0, gapMs - (Date.now() - started)));
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  return out;
}

/** Plans (dryRun) or carries out a redrive. Throws a TruthflowError (with a kind) when the cluster fails. */
export async function redriveDlq(
  kafka: Kafka,
  dlq: DlqConfig,
  selection: RedriveSelection,
  dryRun: boolean,
  opts: RedriveOptions,
): Promise<RedriveOutcome> {
  const redrive = dlq.redrive;
  if (!redrive?.enabled) throw new TruthflowError('config', `redrive is not enabled for DLQ ${dlq.name}`);
  const enabled = { ...dlq, redrive };
  try {
    const { messages, complete } = await select(kafka, enabled, selection, opts);
    const planned = messages.map((message) => ({ message, item: planItem(message, redrive, dlq.topic, dlq.errorClassHeader) }));
    const items = dryRun
      ? planned.map(({ item }): RedriveResultItem => ({
          ...item,
          result: 'planned',
          targetPartition: null,
          targetOffset: null,
          detail: item.reason,
        }))
      : await send(kafka, enabled, planned, opts.signal);
    return { dlq: dlq.name, topic: dlq.topic, dryRun, complete, items };
  } catch (error) {
    throw error instanceof TruthflowError ? error : dlqError(error, dlq);
  }
}
