// Reading messages at chosen offsets of a DLQ, without disturbing anyone. kafkajs can only read
// through a consumer group, so each read joins a throwaway group (unique id, never commits: no
// position is ever stored), seeks each partition to the wanted ranges, pauses partitions as they
// finish, leaves, and deletes the group so it does not linger in lag dashboards. Grant the
// collector's principal Read and Delete on groups prefixed READER_GROUP_PREFIX.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, IHeaders, Kafka } from 'kafkajs';
import type { DlqConfig } from '@/lib/config';
import { TruthflowError } from '@/lib/errors';
import { isUnknownTopic, kafkaError } from '@/lib/kafka/errors';
import { cleanText, dlqContextOf, headerBytes, type DlqContext } from './headers';
import { REDACTED, isPiiName, piiMatcher, redactPayload, scrubText, type ShownPayload } from './redact';

export const READER_GROUP_PREFIX = 'truthflow-dlq-reader-';
export const MAX_PEEK = 500;
/** Newest-N across partitions needs up to N per partition; this caps the whole read. */
const MAX_PEEK_READ = 2_000;
const MAX_HEADERS = 32;
/** Keys and values held in memory by one read; past it the read ends early, incomplete. */
export const MAX_READ_BYTES = 32 * 1024 * 1024;

/** Offsets as numbers: Kafka's are int64, but no log reaches 2^53 records. [from, to). */
export interface OffsetRange { partition: number; from: number; to: number }
export interface ReadMessage { partition: number; offset: number; timestamp: number; key: Buffer | null; value: Buffer | null; headers: IHeaders }
export interface ReadResult { messages: ReadMessage[]; complete: boolean; groupDeleted: boolean }
export interface ReadOptions {
  deadlineMs: number;
  signal?: AbortSignal;
  /** false: drop values on arrival (the collector needs headers and timestamps only). */
  keepValues?: boolean;
}

/** A failed Kafka call on a DLQ as a typed error; a missing topic is a configuration problem. */
export function dlqError(error: unknown, dlq: Pick<DlqConfig, 'name' | 'source' | 'topic'>): TruthflowError {
  if (error instanceof TruthflowError) return error;
  if (isUnknownTopic(error)) return new TruthflowError('config', `DLQ topic "${dlq.topic}" does not exist on cluster "${dlq.source}"`, { cause: error });
  return kafkaError(error, `DLQ "${dlq.name}" on cluster "${dlq.source}"`);
}

const abortError = () => new TruthflowError('timeout', 'DLQ read aborted: the run timed out');

/** Sorted, merged ranges per partition, so each partition only ever seeks forward. */
function plan(ranges: OffsetRange[]): Map<number, OffsetRange[]> {
  const byPartition = new Map<number, OffsetRange[]>();
  for (const r of [...ranges].filter((r) => r.to > r.from).sort((a, b) => a.partition - b.partition || a.from - b.from)) {
    const list = byPartition.get(r.partition) ?? [];
    const last = list[list.length - 1];
    if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else list.push({ ...r });
    byPartition.set(r.partition, list);
  }
  return byPartition;
}

/**
 * Reads the given ranges within `deadlineMs`. What arrives before the deadline is returned with
 * `complete: false` rather than thrown away: a partial sample is still worth showing. Errors are
 * thrown as kafkajs gives them; callers classify them with dlqError, knowing the DLQ.
 */
export async function readRanges(kafka: Kafka, admin: Admin, topic: string, ranges: OffsetRange[], opts: ReadOptions): Promise<ReadResult> {
  const wanted = plan(ranges);
  if (wanted.size === 0) return { messages: [], complete: true, groupDeleted: true };
  if (opts.signal?.aborted) throw abortError();
  const groupId = `${READER_GROUP_PREFIX}${randomUUID()}`;
  // No topic auto-creation: reading a DLQ that was just deleted must not bring it back. Read
  // committed (the default), like the admin's end offsets: ranges never reach past the last stable
  // offset, so a transaction left open cannot hold a read until its deadline.
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100, retry: { retries: 1, restartOnFailure: async () => false } });
  const got = new Map<string, ReadMessage>();
  let bytes = 0;
  let joining = false;
  const current = new Map([...wanted.keys()].map((p) => [p, 0]));
  let finish!: (complete: boolean) => void;
  let fail!: (e: unknown) => void;
  const finished = new Promise<boolean>((resolve, reject) => ((finish = resolve), (fail = reject)));
  // Awaited in the race below; this only keeps a failure that comes before the race from counting
  // as unhandled, which would take the whole collectors process down.
  finished.catch(() => undefined);
  const timer = setTimeout(() => finish(false), opts.deadlineMs);
  const onAbort = () => fail(abortError());
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  // Moves a partition past the ranges its reads have covered; kafkajs reports every batch here,
  // even one holding only transaction markers, which never reaches eachBatch.
  const advance = (partition: number, lastOffset: number) => {
    const list = wanted.get(partition);
    let i = current.get(partition);
    if (!list || i === undefined || i >= list.length) return;
    while (i < list.length && lastOffset >= list[i]!.to - 1) i++;
    if (i === current.get(partition)) return;
    current.set(partition, i);
    if (i >= list.length) consumer.pause([{ topic, partitions: [partition] }]);
    else if (list[i]!.from > lastOffset + 1) consumer.seek({ topic, partition, offset: String(list[i]!.from) });
    if ([...current].every(([p, idx]) => idx >= wanted.get(p)!.length)) finish(true);
  };

  const start = async () => {
    consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => advance(payload.partition, Number(payload.lastOffset)));
    await consumer.connect();
    // Earliest, so every batch starts at or before the next offset we want: a fetch that beats our
    // seeks (or an out-of-range reset after retention) reads through our ranges, never past them
    // unseen, which is what lets a batch's last offset mark ranges as done.
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    joining = true;
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        // Any wanted range, not just the current one: one batch may span several.
        const list = wanted.get(batch.partition) ?? [];
        for (const m of batch.messages) {
          const offset = Number(m.offset);
          if (!list.some((r) => offset >= r.from && offset < r.to)) continue;
          const value = opts.keepValues === false ? null : m.value;
          bytes += (m.key?.length ?? 0) + (value?.length ?? 0);
          if (bytes > MAX_READ_BYTES) return finish(false);
          got.set(`${batch.partition}:${offset}`, { partition: batch.partition, offset, timestamp: Number(m.timestamp), key: m.key, value, headers: m.headers ?? {} });
        }
      },
    });
    for (const [partition, list] of wanted) consumer.seek({ topic, partition, offset: String(list[0]!.from) });
  };
  const started = start();
  started.catch(() => undefined); // the race below reports it
  try {
    // The deadline and an abort also cut a connect or join that hangs.
    const complete = await Promise.race([started.then(() => finished), finished]);
    return { messages: [...got.values()], complete, groupDeleted: await leave() };
  } catch (error) {
    await leave();
    throw error;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }

  async function leave(): Promise<boolean> {
    // A join still in flight would otherwise create the group after we deleted it.
    await started.catch(() => undefined);
    await consumer.disconnect().catch(() => undefined);
    if (!joining) return true; // never reached the coordinator: there is no group to delete
    // The coordinator may not have processed the LeaveGroup yet (NON_EMPTY_GROUP): one retry.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await admin.deleteGroups([groupId]);
        return true;
      } catch (error) {
        const groups = (error as { groups?: { error?: { type?: string } }[] }).groups;
        if (groups?.length && groups.every((g) => g.error?.type === 'GROUP_ID_NOT_FOUND')) return true;
        await sleep(300);
      }
    }
    return false; // an empty group without offsets is dropped by the broker on its own later
  }
}

export interface PeekedMessage extends Omit<DlqContext, 'errorClassSource'> {
  partition: number;
  offset: string;
  /** ISO time of the record, or null when the producer set none. */
  timestamp: string | null;
  key: string | null;
  headers: Record<string, string>;
  payload: ShownPayload;
}

export interface DlqPeek { dlq: string; topic: string; messages: PeekedMessage[]; complete: boolean; notes: string[] }

function shown(m: ReadMessage, dlq: DlqConfig, matcher: ReturnType<typeof piiMatcher>): PeekedMessage {
  const { payload, removed } = redactPayload(m.value, matcher);
  const scrub = (text: string | undefined) => (text === undefined ? undefined : scrubText(text, matcher, removed));
  const headers: Record<string, string> = {};
  for (const name of Object.keys(m.headers).slice(0, MAX_HEADERS)) {
    const text = cleanText(headerBytes(m.headers, name)?.toString('utf8') ?? '', 256) ?? '';
    headers[name] = isPiiName(name, matcher) ? REDACTED : scrub(text)!;
  }
  const { errorClass, errorMessage, original } = dlqContextOf(m.headers, dlq.errorClassHeader);
  return {
    partition: m.partition,
    offset: String(m.offset),
    timestamp: m.timestamp > 0 ? new Date(m.timestamp).toISOString() : null,
    key: m.key ? (scrub(cleanText(m.key.toString('utf8'), 200)) ?? null) : null,
    errorClass: scrub(errorClass)!,
    errorMessage: scrub(errorMessage),
    original,
    headers,
    payload,
  };
}

/** The newest `limit` messages of a DLQ across partitions, PII redacted, nothing committed. */
export async function peekDlq(kafka: Kafka, dlq: DlqConfig, limit = dlq.peekLimit, opts: { admin?: Admin; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<DlqPeek> {
  const n = Math.max(1, Math.min(MAX_PEEK, Math.floor(limit)));
  const admin = opts.admin ?? kafka.admin();
  try {
    if (!opts.admin) await admin.connect();
    const offsets = await admin.fetchTopicOffsets(dlq.topic);
    const tails = offsets.map((o) => ({ partition: o.partition, end: Number(o.high), take: Math.min(n, Number(o.high) - Number(o.low)) }));
    const total = tails.reduce((s, t) => s + t.take, 0);
    const scale = total > MAX_PEEK_READ ? MAX_PEEK_READ / total : 1;
    const ranges = tails.map((t) => ({ partition: t.partition, from: t.end - Math.ceil(t.take * scale), to: t.end }));
    const read = await readRanges(kafka, admin, dlq.topic, ranges, { deadlineMs: opts.timeoutMs ?? 10_000, signal: opts.signal });
    const newest = read.messages.sort((a, b) => b.timestamp - a.timestamp || b.offset - a.offset).slice(0, n);
    const matcher = piiMatcher(dlq.piiFields);
    const notes = [
      ...(read.complete ? [] : ['the read stopped early (deadline or size bound): some newer messages may be missing']),
      ...(scale < 1 ? [`too many partitions to read ${n} from each: read the newest ${MAX_PEEK_READ} in all`] : []),
    ];
    return { dlq: dlq.name, topic: dlq.topic, messages: newest.map((m) => shown(m, dlq, matcher)), complete: read.complete, notes };
  } catch (error) {
    throw dlqError(error, dlq);
  } finally {
    if (!opts.admin) await admin.disconnect().catch(() => undefined);
  }
}
