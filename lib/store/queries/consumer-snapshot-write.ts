// Writing consumer_groups: the latest lag snapshot of a cluster, one row per group with its
// partitions as arrays, replaced as a whole by every kafka-lag run (or shard by shard, when the
// cluster is split into lag shards): delete the shard's rows and COPY the new ones in, inside one
// transaction, so a reader never sees half a snapshot.
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
  worst_partition, window_complete, updated_at, shard, shards, partition_topics, partition_numbers, committed_offsets,
  end_offsets, partition_lags, partition_lag_seconds, lag_seconds_kinds, partition_verdicts) FROM STDIN`;

// COPY text format: tab-separated, \N for NULL, backslash escapes for backslash, tab, newline, CR.
// A group id may hold any of them; numbers never do.
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
// A null that reached a required field goes as \N, so Postgres refuses it as an INSERT would
// (NOT NULL) instead of the text "null" being stored.
const text = (v: string) =>
  (v as string | null | undefined) == null ? '\\N' : /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v;
const nullable = (v: string | number | null) => (v === null ? '\\N' : typeof v === 'number' ? String(v) : text(v));
// Array literals inside COPY text. Topic names are [a-zA-Z0-9._-] and kinds and verdicts are
// fixed words, so quoting each element is all they need; quoted, a topic named NULL stays a name.
const wordArray = (words: readonly string[]) => `{${words.map((w) => `"${w}"`).join(',')}}`;
const element = (v: string | number | null, quote: boolean) => (v === null ? 'NULL' : quote ? `"${v}"` : String(v));

const byTopicThenPartition = (a: ConsumerPartitionRow, b: ConsumerPartitionRow) =>
  a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;

/**
 * The eight array columns of one group's row, element i of each from its i-th partition in topic
 * then partition order (the collector's order already; sorted here only when it is not). One pass
 * of string appends: at 200,000 partitions per snapshot, eight map/join rounds per group were
 * most of the writer's own time.
 */
function partitionColumns(partitions: readonly ConsumerPartitionRow[]): string {
  const sorted = partitions.every((p, i) => i === 0 || byTopicThenPartition(partitions[i - 1]!, p) < 0)
    ? partitions
    : [...partitions].sort(byTopicThenPartition);
  const columns = ['', '', '', '', '', '', '', ''];
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i]!;
    const sep = i === 0 ? '' : ',';
    columns[0] += sep + element(p.topic, true);
    columns[1] += sep + element(p.partition, false);
    columns[2] += sep + element(p.committedOffset, false);
    columns[3] += sep + element(p.endOffset, false);
    columns[4] += sep + element(p.lagMessages, false);
    columns[5] += sep + element(p.lagSeconds, false);
    columns[6] += sep + element(p.lagSecondsKind, true);
    columns[7] += sep + element(p.verdict, true);
  }
  return `{${columns.join('}\t{')}}`;
}

/** Partitions by group id; a partition whose group is not in the snapshot is a caller's mistake, refused. */
function partitionsByGroup(groups: readonly ConsumerGroupRow[], partitions: readonly ConsumerPartitionRow[]) {
  const byGroup = new Map<string, ConsumerPartitionRow[]>(groups.map((g) => [g.groupId, []]));
  for (const p of partitions) {
    const own = byGroup.get(p.groupId);
    if (!own) throw new Error(`consumer snapshot: partition ${p.topic}[${p.partition}] names group ${p.groupId}, which is not in it`);
    own.push(p);
  }
  return byGroup;
}

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
  const written = `\t${at.toISOString()}\t${shard.index}\t${shard.count}\t`;
  const byGroup = partitionsByGroup(groups, partitions);
  const groupText = copyChunks(
    groups,
    (r) =>
      `${c}\t${text(r.groupId)}\t${text(r.state)}\t${r.members}\t${wordArray(r.topics)}\t${nullable(r.lagMessages)}\t` +
      `${nullable(r.lagSeconds)}\t${text(r.verdict)}\t${nullable(r.worstPartition)}\t${nullable(r.windowComplete)}` +
      `${written}${partitionColumns(byGroup.get(r.groupId)!)}\n`,
  );
  await inTurn(() => write(cluster, groupText, shard));
}

async function write(cluster: string, groupText: Buffer[], shard: { index: number; count: number }): Promise<void> {
  await withTransaction(storePool(), async (client) => {
    // The snapshot is derived and rewritten every run: a crash may lose the last one, never make it
    // half. Not waiting for the WAL flush at commit spares every run's writers that wait.
    await client.query(`SET LOCAL synchronous_commit TO off`);
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('truthflow.consumer-snapshot'), hashtext($1))`, [
      `${cluster}:${shard.index}/${shard.count}`,
    ]);
    await client.query(`DELETE FROM consumer_groups WHERE cluster = $1 AND shards = $2 AND shard = $3`, [
      cluster,
      shard.count,
      shard.index,
    ]);
    // `<>` cannot bound an index scan: each shard would walk every row of the cluster to find none.
    const otherLayout = `cluster = $1 AND (shards < $2 OR shards > $2)`;
    const { rowCount } = await client.query(`SELECT 1 FROM consumer_groups WHERE ${otherLayout} LIMIT 1`, [cluster, shard.count]);
    if (rowCount) {
      // Every shard of the new layout wants these rows gone: one at a time, so they never deadlock.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('truthflow.consumer-snapshot'), hashtext($1))`, [cluster]);
      await client.query(`DELETE FROM consumer_groups WHERE ${otherLayout}`, [cluster, shard.count]);
    }
    if (groupText.length) await copyFrom(client, COPY_GROUPS, groupText);
  });
}
