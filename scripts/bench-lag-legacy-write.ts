// The lag snapshot writer as it was before COPY (upsert every row from unnest arrays, then delete
// what the run did not see) and before a group's partitions moved into its row: kept only so
// bench:lag measures the old write path as its baseline in the same run. The partitions go to
// the table they had then, made here in the bench's own database (LEGACY_PARTITIONS_TABLE). The
// product writes through lib/store/queries/consumer-snapshot-write.ts.
import type { ConsumerGroupRow, ConsumerPartitionRow } from '@/lib/store/queries/consumer-snapshots';
import { storePool } from '@/lib/store/pool';
import { withTransaction } from '@/lib/sql/transaction';

/** Rows per statement: keeps each statement's parameters to a few MB at 10,000 groups. */
const CHUNK = 20_000;

const UPSERT_GROUPS = `
INSERT INTO consumer_groups (cluster, group_id, state, members, topics, lag_messages, lag_seconds, verdict, worst_partition, window_complete, updated_at, shard, shards)
SELECT $1, g.group_id, g.state, g.members, string_to_array(g.topics, ','), g.lag_messages, g.lag_seconds, g.verdict, g.worst_partition, g.window_complete, $2, $12, $13
  FROM unnest($3::text[], $4::text[], $5::int[], $6::text[], $7::bigint[], $8::float8[], $9::text[], $10::text[], $11::float8[])
       AS g(group_id, state, members, topics, lag_messages, lag_seconds, verdict, worst_partition, window_complete)
ON CONFLICT (cluster, group_id) DO UPDATE SET
  state = EXCLUDED.state, members = EXCLUDED.members, topics = EXCLUDED.topics, lag_messages = EXCLUDED.lag_messages,
  lag_seconds = EXCLUDED.lag_seconds, verdict = EXCLUDED.verdict, worst_partition = EXCLUDED.worst_partition,
  window_complete = EXCLUDED.window_complete, updated_at = EXCLUDED.updated_at, shard = EXCLUDED.shard, shards = EXCLUDED.shards`;

/** consumer_partitions as migrations 20261126010000 and 20261129020000 made it. */
export const LEGACY_PARTITIONS_TABLE = 'legacy_consumer_partitions';
const CREATE_LEGACY_PARTITIONS = `
CREATE TABLE IF NOT EXISTS ${LEGACY_PARTITIONS_TABLE} (
  cluster TEXT NOT NULL, group_id TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL, committed_offset BIGINT,
  end_offset BIGINT NOT NULL, lag_messages BIGINT, lag_seconds DOUBLE PRECISION, lag_seconds_kind TEXT, verdict TEXT NOT NULL,
  updated_at TIMESTAMPTZ(6) NOT NULL, shard INTEGER NOT NULL DEFAULT 0, shards INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (cluster, group_id, topic, partition));
CREATE INDEX IF NOT EXISTS ${LEGACY_PARTITIONS_TABLE}_shard_idx ON ${LEGACY_PARTITIONS_TABLE} (cluster, shards, shard)`;

/** Makes the old partitions table, once per bench database. */
export async function createLegacyTables(): Promise<void> {
  await storePool().query(CREATE_LEGACY_PARTITIONS);
}

const UPSERT_PARTITIONS = `
INSERT INTO ${LEGACY_PARTITIONS_TABLE} (cluster, group_id, topic, partition, committed_offset, end_offset, lag_messages, lag_seconds, lag_seconds_kind, verdict, updated_at, shard, shards)
SELECT $1, p.group_id, p.topic, p.partition, p.committed_offset, p.end_offset, p.lag_messages, p.lag_seconds, p.lag_seconds_kind, p.verdict, $2, $12, $13
  FROM unnest($3::text[], $4::text[], $5::int[], $6::bigint[], $7::bigint[], $8::bigint[], $9::float8[], $10::text[], $11::text[])
       AS p(group_id, topic, partition, committed_offset, end_offset, lag_messages, lag_seconds, lag_seconds_kind, verdict)
ON CONFLICT (cluster, group_id, topic, partition) DO UPDATE SET
  committed_offset = EXCLUDED.committed_offset, end_offset = EXCLUDED.end_offset, lag_messages = EXCLUDED.lag_messages,
  lag_seconds = EXCLUDED.lag_seconds, lag_seconds_kind = EXCLUDED.lag_seconds_kind, verdict = EXCLUDED.verdict,
  updated_at = EXCLUDED.updated_at, shard = EXCLUDED.shard, shards = EXCLUDED.shards`;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

// Kafka topic names are [a-zA-Z0-9._-], so a comma-joined list round-trips through string_to_array;
// a ragged text[][] cannot be passed through unnest.
const groupColumns = (rows: ConsumerGroupRow[]) => [
  rows.map((r) => r.groupId),
  rows.map((r) => r.state),
  rows.map((r) => r.members),
  rows.map((r) => r.topics.join(',')),
  rows.map((r) => r.lagMessages),
  rows.map((r) => r.lagSeconds),
  rows.map((r) => r.verdict),
  rows.map((r) => r.worstPartition),
  rows.map((r) => r.windowComplete),
];

const partitionColumns = (rows: ConsumerPartitionRow[]) => [
  rows.map((r) => r.groupId),
  rows.map((r) => r.topic),
  rows.map((r) => r.partition),
  rows.map((r) => r.committedOffset),
  rows.map((r) => r.endOffset),
  rows.map((r) => r.lagMessages),
  rows.map((r) => r.lagSeconds),
  rows.map((r) => r.lagSecondsKind),
  rows.map((r) => r.verdict),
];

/**
 * Makes the stored snapshot of `cluster` (or of one lag shard of it) exactly these rows. Every
 * written row carries `at`, so rows of groups and partitions that disappeared are the shard's rows
 * with another updated_at. Rows written under another shard count are the old layout: each shard
 * removes them, and the new layout's shards write their groups again within one interval.
 */
export async function upsertConsumerSnapshot(
  cluster: string,
  groups: ConsumerGroupRow[],
  partitions: ConsumerPartitionRow[],
  at: Date,
  shard: { index: number; count: number } = { index: 0, count: 1 },
): Promise<void> {
  const where = [cluster, at, shard.count, shard.index];
  await withTransaction(storePool(), async (client) => {
    for (const rows of chunks(groups)) await client.query(UPSERT_GROUPS, [cluster, at, ...groupColumns(rows), shard.index, shard.count]);
    for (const rows of chunks(partitions))
      await client.query(UPSERT_PARTITIONS, [cluster, at, ...partitionColumns(rows), shard.index, shard.count]);
    for (const table of [LEGACY_PARTITIONS_TABLE, 'consumer_groups']) {
      await client.query(`DELETE FROM ${table} WHERE cluster = $1 AND shards = $3 AND shard = $4 AND updated_at <> $2`, where);
      await client.query(`DELETE FROM ${table} WHERE cluster = $1 AND shards <> $2`, [cluster, shard.count]);
    }
  });
}
