// Writing consumer_groups and consumer_partitions: the latest lag snapshot of a cluster, replaced
// as a whole by every kafka-lag run (or shard by shard, when the cluster is split into lag shards):
// delete the shard's rows and COPY the new ones in, inside one transaction, so a reader never
// sees half a snapshot.
import { withTransaction } from '../../sql/transaction';
import { storePool } from '../pool';
import { copyFrom } from './span-copy';

/** One group as a kafka-lag run measured it. */
export interface ConsumerGroupRow {
  groupId: string;
  state: string;
  members: number;
  topics: string[];
  lagMessages: number | null;
  lagSeconds: number | null;
  verdict: string;
  worstPartition: string | null;
  windowComplete: number | null;
}

/** One partition of a group as a kafka-lag run measured it. */
export interface ConsumerPartitionRow {
  groupId: string;
  topic: string;
  partition: number;
  committedOffset: number | null;
  endOffset: number;
  lagMessages: number | null;
  lagSeconds: number | null;
  lagSecondsKind: string | null;
  verdict: string;
}

/**
 * Snapshot writes one process runs at once. A process holding many lag shards finishes their
 * runs together; unqueued, their writes would take every pooled connection and time out waiting
 * for one (5 s) on a busy store, losing the snapshots. Two keep both cores of a small store busy.
 */
const WRITES_AT_ONCE = 2;
let writing = 0;
const queued: (() => void)[] = [];

async function inTurn<T>(write: () => Promise<T>): Promise<T> {
  if (writing >= WRITES_AT_ONCE) await new Promise<void>((resolve) => queued.push(resolve));
  writing++;
  try {
    return await write();
  } finally {
    writing--;
    queued.shift()?.();
  }
}

/** Rows per COPY chunk: bounds the text held at once to about a megabyte. */
const CHUNK = 10_000;

const COPY_GROUPS = `COPY consumer_groups (cluster, group_id, state, members, topics, lag_messages, lag_seconds, verdict,
  worst_partition, window_complete, updated_at, shard, shards) FROM STDIN`;
const COPY_PARTITIONS = `COPY consumer_partitions (cluster, group_id, topic, partition, committed_offset, end_offset, lag_messages,
  lag_seconds, lag_seconds_kind, verdict, updated_at, shard, shards) FROM STDIN`;

// COPY text format: tab-separated, \N for NULL, backslash escapes for backslash, tab, newline, CR.
// A group id may hold any of them; numbers never do.
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
// A null that reached a required field goes as \N, so Postgres refuses it as an INSERT would
// (NOT NULL) instead of the text "null" being stored.
const text = (v: string) =>
  (v as string | null | undefined) == null ? '\\N' : /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v;
const nullable = (v: string | number | null) => (v === null ? '\\N' : typeof v === 'number' ? String(v) : text(v));
// Topic names are [a-zA-Z0-9._-]; quoting each element keeps a topic named NULL a name.
const topicArray = (topics: readonly string[]) => `{${topics.map((t) => `"${t}"`).join(',')}}`;

function copyChunks<T>(rows: readonly T[], line: (row: T) => string): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    let chunk = '';
    for (let j = i; j < Math.min(rows.length, i + CHUNK); j++) chunk += line(rows[j]!);
    out.push(Buffer.from(chunk));
  }
  return out;
}

/**
 * Makes the stored snapshot of `cluster` (or of one lag shard of it) exactly these rows: the
 * shard's rows are deleted and the new ones copied in (COPY), in one transaction, so a reader
 * sees the old snapshot or the new one, never half. Replacing costs a fraction of upserting
 * 200,000 rows one conflict check at a time, and groups or partitions that vanished go with the
 * delete. Two writers of the same shard (a lease moving mid-write) queue on a transaction lock
 * instead of colliding on keys. Rows written under another shard count are the old layout: each
 * shard removes them, and the new layout's shards write their groups again within one interval.
 */
export async function replaceConsumerSnapshot(
  cluster: string,
  groups: ConsumerGroupRow[],
  partitions: ConsumerPartitionRow[],
  at: Date,
  shard: { index: number; count: number } = { index: 0, count: 1 },
): Promise<void> {
  const c = text(cluster);
  const tail = `\t${at.toISOString()}\t${shard.index}\t${shard.count}\n`;
  const groupText = copyChunks(
    groups,
    (r) =>
      `${c}\t${text(r.groupId)}\t${text(r.state)}\t${r.members}\t${topicArray(r.topics)}\t${nullable(r.lagMessages)}\t` +
      `${nullable(r.lagSeconds)}\t${text(r.verdict)}\t${nullable(r.worstPartition)}\t${nullable(r.windowComplete)}${tail}`,
  );
  const partitionText = copyChunks(
    partitions,
    (r) =>
      `${c}\t${text(r.groupId)}\t${text(r.topic)}\t${r.partition}\t${nullable(r.committedOffset)}\t${r.endOffset}\t` +
      `${nullable(r.lagMessages)}\t${nullable(r.lagSeconds)}\t${nullable(r.lagSecondsKind)}\t${text(r.verdict)}${tail}`,
  );
  await inTurn(() => write(cluster, groupText, partitionText, shard));
}

async function write(
  cluster: string,
  groupText: Buffer[],
  partitionText: Buffer[],
  shard: { index: number; count: number },
): Promise<void> {
  await withTransaction(storePool(), async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('truthflow.consumer-snapshot'), hashtext($1))`, [
      `${cluster}:${shard.index}/${shard.count}`,
    ]);
    for (const table of ['consumer_partitions', 'consumer_groups'])
      await client.query(`DELETE FROM ${table} WHERE cluster = $1 AND shards = $2 AND shard = $3`, [cluster, shard.count, shard.index]);
    // `<>` cannot bound an index scan: each shard would walk every row of the cluster to find none.
    const otherLayout = `cluster = $1 AND (shards < $2 OR shards > $2)`;
    const { rowCount } = await client.query(`SELECT 1 FROM consumer_groups WHERE ${otherLayout} LIMIT 1`, [cluster, shard.count]);
    if (rowCount) {
      // Every shard of the new layout wants these rows gone: one at a time, so they never deadlock.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('truthflow.consumer-snapshot'), hashtext($1))`, [cluster]);
      for (const table of ['consumer_partitions', 'consumer_groups'])
        await client.query(`DELETE FROM ${table} WHERE ${otherLayout}`, [cluster, shard.count]);
    }
    if (groupText.length) await copyFrom(client, COPY_GROUPS, groupText);
    if (partitionText.length) await copyFrom(client, COPY_PARTITIONS, partitionText);
  });
}
