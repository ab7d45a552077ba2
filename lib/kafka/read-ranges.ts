// Reading messages at chosen offsets of a topic, without disturbing anyone: DLQ samples and
// peeks, and the message at a lagging group's committed offset. kafkajs can only read through a
// consumer group, so each read joins a throwaway group (unique id, never commits: no position is
// ever stored), seeks each partition to the wanted ranges, pauses partitions as they finish,
// leaves, and deletes the group so it does not linger in lag dashboards (the lag collector also
// skips these groups). Grant the collector's principal Read and Delete on groups prefixed
// READER_GROUP_PREFIX, and Read on the topics it reads.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, IHeaders, Kafka } from 'kafkajs';
import { TruthflowError } from '@/lib/errors';

export const READER_GROUP_PREFIX = 'truthflow-reader-';
/** Keys and values held in memory by one read; past it the read ends early, incomplete. */
export const MAX_READ_BYTES = 32 * 1024 * 1024;

/** Offsets as numbers: Kafka's are int64, but no log reaches 2^53 records. [from, to). */
export interface OffsetRange {
  partition: number;
  from: number;
  to: number;
}
export interface ReadMessage {
  partition: number;
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}
export interface ReadResult {
  messages: ReadMessage[];
  complete: boolean;
  groupDeleted: boolean;
}
export interface ReadOptions {
  deadlineMs: number;
  signal?: AbortSignal;
  /** false: drop values on arrival (the collector needs headers and timestamps only). */
  keepValues?: boolean;
}

const abortError = () => new TruthflowError('timeout', 'Kafka read aborted: the run timed out');

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
 * thrown as kafkajs gives them; callers classify them, knowing what they read.
 */
export async function readRanges(kafka: Kafka, admin: Admin, topic: string, ranges: OffsetRange[], opts: ReadOptions): Promise<ReadResult> {
  const wanted = plan(ranges);
  if (wanted.size === 0) return { messages: [], complete: true, groupDeleted: true };
  if (opts.signal?.aborted) throw abortError();
  const groupId = `${READER_GROUP_PREFIX}${randomUUID()}`;
  // No topic auto-creation: reading a topic that was just deleted must not bring it back. Read
  // committed (the default), like the admin's end offsets: ranges never reach past the last stable
  // offset, so a transaction left open cannot hold a read until its deadline.
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 100,
    retry: { retries: 1, restartOnFailure: async () => false },
  });
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
          got.set(`${batch.partition}:${offset}`, {
            partition: batch.partition,
            offset,
            timestamp: Number(m.timestamp),
            key: m.key,
            value,
            headers: m.headers ?? {},
          });
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
