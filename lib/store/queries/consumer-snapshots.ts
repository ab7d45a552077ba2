// consumer_groups and consumer_partitions: the latest lag snapshot of each cluster, replaced as a
// whole by every kafka-lag run so the groups page can page and sort thousands of groups in SQL.
// Writes are set-based (unnest arrays, upsert, then delete what this run did not see) inside one
// transaction, so a reader never sees half a snapshot.
import type pg from 'pg';
import { storePool } from '../pool';

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

/** Rows per statement: keeps each statement's parameters to a few MB at 10,000 groups. */
const CHUNK = 20_000;

const UPSERT_GROUPS = `
INSERT INTO consumer_groups (cluster, group_id, state, members, topics, lag_messages, lag_seconds, verdict, worst_partition, window_complete, updated_at)
SELECT $1, g.group_id, g.state, g.members, string_to_array(g.topics, ','), g.lag_messages, g.lag_seconds, g.verdict, g.worst_partition, g.window_complete, $2
  FROM unnest($3::text[], $4::text[], $5::int[], $6::text[], $7::bigint[], $8::float8[], $9::text[], $10::text[], $11::float8[])
       AS g(group_id, state, members, topics, lag_messages, lag_seconds, verdict, worst_partition, window_complete)
ON CONFLICT (cluster, group_id) DO UPDATE SET
  state = EXCLUDED.state, members = EXCLUDED.members, topics = EXCLUDED.topics, lag_messages = EXCLUDED.lag_messages,
  lag_seconds = EXCLUDED.lag_seconds, verdict = EXCLUDED.verdict, worst_partition = EXCLUDED.worst_partition,
  window_complete = EXCLUDED.window_complete, updated_at = EXCLUDED.updated_at`;

const UPSERT_PARTITIONS = `
INSERT INTO consumer_partitions (cluster, group_id, topic, partition, committed_offset, end_offset, lag_messages, lag_seconds, lag_seconds_kind, verdict, updated_at)
SELECT $1, p.group_id, p.topic, p.partition, p.committed_offset, p.end_offset, p.lag_messages, p.lag_seconds, p.lag_seconds_kind, p.verdict, $2
  FROM unnest($3::text[], $4::text[], $5::int[], $6::bigint[], $7::bigint[], $8::bigint[], $9::float8[], $10::text[], $11::text[])
       AS p(group_id, topic, partition, committed_offset, end_offset, lag_messages, lag_seconds, lag_seconds_kind, verdict)
ON CONFLICT (cluster, group_id, topic, partition) DO UPDATE SET
  committed_offset = EXCLUDED.committed_offset, end_offset = EXCLUDED.end_offset, lag_messages = EXCLUDED.lag_messages,
  lag_seconds = EXCLUDED.lag_seconds, lag_seconds_kind = EXCLUDED.lag_seconds_kind, verdict = EXCLUDED.verdict,
  updated_at = EXCLUDED.updated_at`;

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
 * Makes the stored snapshot of `cluster` exactly these rows. Every written row carries `at`, so
 * rows of groups and partitions that disappeared are the ones with another updated_at.
 */
export async function replaceConsumerSnapshot(cluster: string, groups: ConsumerGroupRow[], partitions: ConsumerPartitionRow[], at: Date): Promise<void> {
  const client = await storePool().connect();
  try {
    await client.query('BEGIN');
    for (const rows of chunks(groups)) await client.query(UPSERT_GROUPS, [cluster, at, ...groupColumns(rows)]);
    for (const rows of chunks(partitions)) await client.query(UPSERT_PARTITIONS, [cluster, at, ...partitionColumns(rows)]);
    await client.query('DELETE FROM consumer_partitions WHERE cluster = $1 AND updated_at <> $2', [cluster, at]);
    await client.query('DELETE FROM consumer_groups WHERE cluster = $1 AND updated_at <> $2', [cluster, at]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface StoredConsumerSnapshot {
  groups: (ConsumerGroupRow & { updatedAt: Date })[];
  partitions: (ConsumerPartitionRow & { updatedAt: Date })[];
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/** One group's stored snapshot (or every group of the cluster), for checks and the lag API. */
export async function readConsumerSnapshot(cluster: string, groupId?: string): Promise<StoredConsumerSnapshot> {
  const pool: pg.Pool = storePool();
  const filter = groupId === undefined ? '' : ' AND group_id = $2';
  const params = groupId === undefined ? [cluster] : [cluster, groupId];
  const [groups, partitions] = await Promise.all([
    pool.query(`SELECT * FROM consumer_groups WHERE cluster = $1${filter} ORDER BY group_id`, params),
    pool.query(`SELECT * FROM consumer_partitions WHERE cluster = $1${filter} ORDER BY group_id, topic, partition`, params),
  ]);
  return {
    groups: groups.rows.map((r) => ({
      groupId: r.group_id,
      state: r.state,
      members: r.members,
      topics: r.topics,
      lagMessages: num(r.lag_messages),
      lagSeconds: r.lag_seconds,
      verdict: r.verdict,
      worstPartition: r.worst_partition,
      windowComplete: r.window_complete,
      updatedAt: r.updated_at,
    })),
    partitions: partitions.rows.map((r) => ({
      groupId: r.group_id,
      topic: r.topic,
      partition: r.partition,
      committedOffset: num(r.committed_offset),
      endOffset: Number(r.end_offset),
      lagMessages: num(r.lag_messages),
      lagSeconds: r.lag_seconds,
      lagSecondsKind: r.lag_seconds_kind,
      verdict: r.verdict,
      updatedAt: r.updated_at,
    })),
  };
}

// ---- Reads for the groups page: paged, sorted and filtered in SQL, so 10,000 groups never leave
// the store at once. Sort columns and directions come from a fixed map below; user input reaches
// SQL only as bound values.

export type GroupSort = 'lag' | 'lagSeconds' | 'group' | 'verdict';
export type SortDir = 'asc' | 'desc';
export const GROUP_VERDICTS = ['OK', 'WARN', 'ERR', 'unknown'] as const;
export type GroupVerdictName = (typeof GROUP_VERDICTS)[number];
/** The store never hands out more than this many groups per request. */
export const MAX_GROUP_PAGE_SIZE = 100;

export interface GroupListQuery {
  cluster?: string;
  verdict?: GroupVerdictName;
  /** Group id prefix (case-sensitive, as Kafka group ids are). */
  prefix?: string;
  sort: GroupSort;
  dir: SortDir;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface ListedGroup extends ConsumerGroupRow {
  cluster: string;
  updatedAt: Date;
}

export interface GroupPage {
  groups: ListedGroup[];
  /** Groups matching cluster and prefix, per verdict (the verdict filter is not applied here). */
  verdictCounts: Record<GroupVerdictName, number>;
  /** Groups matching every filter. */
  total: number;
}

// Unknown is not zero: NULL lags sort after every known lag in both directions, and the
// tie-breakers make the order total, so a row never shows up on two pages.
const SEVERITY = `CASE verdict WHEN 'ERR' THEN 3 WHEN 'WARN' THEN 2 WHEN 'OK' THEN 1 END`;
const ORDER_BY: Record<GroupSort, Record<SortDir, string>> = {
  lag: {
    desc: 'lag_messages DESC NULLS LAST, cluster, group_id',
    asc: 'lag_messages ASC NULLS LAST, cluster, group_id',
  },
  lagSeconds: {
    desc: 'lag_seconds DESC NULLS LAST, cluster, group_id',
    asc: 'lag_seconds ASC NULLS LAST, cluster, group_id',
  },
  group: { asc: 'group_id ASC, cluster ASC', desc: 'group_id DESC, cluster DESC' },
  verdict: {
    desc: `${SEVERITY} DESC NULLS LAST, lag_messages DESC NULLS LAST, cluster, group_id`,
    asc: `${SEVERITY} ASC NULLS LAST, lag_messages DESC NULLS LAST, cluster, group_id`,
  },
};

function groupFilters(q: Pick<GroupListQuery, 'cluster' | 'prefix'>): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.cluster !== undefined) where.push(`cluster = $${params.push(q.cluster)}`);
  // starts_with needs no LIKE escaping: "%" and "_" in a group id are just characters.
  if (q.prefix) where.push(`starts_with(group_id, $${params.push(q.prefix)})`);
  return { where, params };
}

const whereClause = (where: string[]) => (where.length ? `WHERE ${where.join(' AND ')}` : '');

function listedGroup(r: Record<string, unknown>): ListedGroup {
  return {
    cluster: r.cluster as string,
    groupId: r.group_id as string,
    state: r.state as string,
    members: r.members as number,
    topics: (r.topics as string[] | null) ?? [],
    lagMessages: num(r.lag_messages as string | null),
    lagSeconds: r.lag_seconds as number | null,
    verdict: r.verdict as string,
    worstPartition: r.worst_partition as string | null,
    windowComplete: r.window_complete as number | null,
    updatedAt: r.updated_at as Date,
  };
}

/** One page of groups plus the counts the pager and the verdict filter need; two statements, run together. */
export async function listConsumerGroups(q: GroupListQuery): Promise<GroupPage> {
  const size = Math.max(1, Math.min(MAX_GROUP_PAGE_SIZE, Math.floor(q.pageSize)));
  const offset = (Math.max(1, Math.floor(q.page)) - 1) * size;
  const base = groupFilters(q);
  const page = groupFilters(q);
  if (q.verdict !== undefined) page.where.push(`verdict = $${page.params.push(q.verdict)}`);
  const limit = page.params.push(size);
  const skip = page.params.push(offset);
  const pool = storePool();
  const [rows, counts] = await Promise.all([
    pool.query(
      `SELECT cluster, group_id, state, members, topics, lag_messages, lag_seconds, verdict, worst_partition, window_complete, updated_at
         FROM consumer_groups ${whereClause(page.where)}
        ORDER BY ${ORDER_BY[q.sort][q.dir]}
        LIMIT $${limit} OFFSET $${skip}`,
      page.params,
    ),
    pool.query<{ verdict: string; n: number }>(
      `SELECT verdict, count(*)::int AS n FROM consumer_groups ${whereClause(base.where)} GROUP BY verdict`,
      base.params,
    ),
  ]);
  const verdictCounts: Record<GroupVerdictName, number> = { OK: 0, WARN: 0, ERR: 0, unknown: 0 };
  for (const { verdict, n } of counts.rows) {
    // A verdict this version does not know (written by a newer collector) counts as unknown.
    const key = (GROUP_VERDICTS as readonly string[]).includes(verdict) ? (verdict as GroupVerdictName) : 'unknown';
    verdictCounts[key] += n;
  }
  const all = Object.values(verdictCounts).reduce((a, b) => a + b, 0);
  return { groups: rows.rows.map(listedGroup), verdictCounts, total: q.verdict === undefined ? all : verdictCounts[q.verdict] };
}

export interface ClusterSnapshotSummary {
  cluster: string;
  groups: number;
  /** When the newest snapshot of this cluster was written. */
  snapshotAt: Date;
}

/** Every cluster with a stored snapshot, for the cluster filter and the data-age line. */
export async function listSnapshotClusters(): Promise<ClusterSnapshotSummary[]> {
  const { rows } = await storePool().query<{ cluster: string; groups: number; snapshot_at: Date }>(
    `SELECT cluster, count(*)::int AS groups, max(updated_at) AS snapshot_at FROM consumer_groups GROUP BY cluster ORDER BY cluster`,
  );
  return rows.map((r) => ({ cluster: r.cluster, groups: r.groups, snapshotAt: r.snapshot_at }));
}
