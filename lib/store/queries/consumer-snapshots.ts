// consumer_groups: the latest lag snapshot of each cluster, one row per group with its partitions
// as arrays, stored so the groups page can page and sort thousands of groups in SQL. This module
// reads it; the writer, which replaces a cluster's snapshot as a whole, is
// consumer-snapshot-write.ts (re-exported here so callers keep one module for the table).
import { storePool } from '../pool';
import type { ConsumerGroupRow, ConsumerPartitionRow } from './consumer-snapshot-write';
import { GROUP_VERDICTS, type GroupVerdict } from '@/lib/kafka/verdict';
import type { GroupSort, SortDir } from '@/lib/sql/order';

export { replaceConsumerSnapshot, type ConsumerGroupRow, type ConsumerPartitionRow } from './consumer-snapshot-write';

/** A group as stored: what the collector wrote, plus its cluster and the snapshot's time. */
export interface ListedGroup extends ConsumerGroupRow {
  cluster: string;
  updatedAt: Date;
}

export interface StoredConsumerSnapshot {
  groups: ListedGroup[];
  partitions: (ConsumerPartitionRow & { updatedAt: Date })[];
}

// bigint columns arrive as text: pg cannot know they fit a JavaScript number (offsets do).
interface ConsumerGroupRowDb {
  cluster: string;
  group_id: string;
  state: string;
  members: number;
  topics: string[] | null;
  lag_messages: string | null;
  lag_seconds: number | null;
  verdict: string;
  worst_partition: string | null;
  window_complete: number | null;
  updated_at: Date;
}

/** A group row with its partitions' arrays, element i of each describing the same partition. */
interface GroupWithPartitionsRowDb extends ConsumerGroupRowDb {
  partition_topics: string[] | null;
  partition_numbers: number[] | null;
  committed_offsets: (string | null)[] | null;
  end_offsets: string[] | null;
  partition_lags: (string | null)[] | null;
  partition_lag_seconds: (number | null)[] | null;
  lag_seconds_kinds: (string | null)[] | null;
  partition_verdicts: string[] | null;
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

function groupFromRow(r: ConsumerGroupRowDb): ListedGroup {
  return {
    cluster: r.cluster,
    groupId: r.group_id,
    state: r.state,
    members: r.members,
    topics: r.topics ?? [],
    lagMessages: num(r.lag_messages),
    lagSeconds: r.lag_seconds,
    verdict: r.verdict,
    worstPartition: r.worst_partition,
    windowComplete: r.window_complete,
    updatedAt: r.updated_at,
  };
}

function partitionsFromRow(r: GroupWithPartitionsRowDb): (ConsumerPartitionRow & { updatedAt: Date })[] {
  const topics = r.partition_topics ?? [];
  const lengths = [
    r.partition_numbers,
    r.committed_offsets,
    r.end_offsets,
    r.partition_lags,
    r.partition_lag_seconds,
    r.lag_seconds_kinds,
    r.partition_verdicts,
  ].map((a) => a?.length ?? 0);
  // The writer fills every array from the same partitions; arrays of different lengths are a damaged row.
  if (lengths.some((n) => n !== topics.length))
    throw new Error(
      `consumer_groups row ${r.cluster}/${r.group_id}: partition arrays of different lengths (${[topics.length, ...lengths]})`,
    );
  return topics.map((topic, i) => ({
    groupId: r.group_id,
    topic,
    partition: r.partition_numbers![i]!,
    committedOffset: num(r.committed_offsets![i]!),
    endOffset: Number(r.end_offsets![i]!),
    lagMessages: num(r.partition_lags![i]!),
    lagSeconds: r.partition_lag_seconds![i]!,
    lagSecondsKind: r.lag_seconds_kinds![i]!,
    verdict: r.partition_verdicts![i]!,
    updatedAt: r.updated_at,
  }));
}

/** One group's stored snapshot (or every group of the cluster), for checks and the lag API. */
export async function readConsumerSnapshot(cluster: string, groupId?: string): Promise<StoredConsumerSnapshot> {
  const filter = groupId === undefined ? '' : ' AND group_id = $2';
  const params = groupId === undefined ? [cluster] : [cluster, groupId];
  const { rows } = await storePool().query<GroupWithPartitionsRowDb>(
    `SELECT * FROM consumer_groups WHERE cluster = $1${filter} ORDER BY group_id`,
    params,
  );
  return { groups: rows.map(groupFromRow), partitions: rows.flatMap(partitionsFromRow) };
}

// ---- Reads for the groups page: paged, sorted and filtered in SQL, so 10,000 groups never leave
// the store at once. Sort columns and directions come from a fixed map below; user input reaches
// SQL only as bound values.

/** The store never hands out more than this many groups per request. */
export const MAX_GROUP_PAGE_SIZE = 100;

export interface GroupListQuery {
  cluster?: string;
  verdict?: GroupVerdict;
  /** Group id prefix (case-sensitive, as Kafka group ids are). */
  prefix?: string;
  sort: GroupSort;
  dir: SortDir;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface GroupPage {
  groups: ListedGroup[];
  /** Groups matching cluster and prefix, per verdict (the verdict filter is not applied here). */
  verdictCounts: Record<GroupVerdict, number>;
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
    pool.query<ConsumerGroupRowDb>(
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
  const verdictCounts: Record<GroupVerdict, number> = { OK: 0, WARN: 0, ERR: 0, unknown: 0 };
  for (const { verdict, n } of counts.rows) {
    // A verdict this version does not know (written by a newer collector) counts as unknown.
    const key = (GROUP_VERDICTS as readonly string[]).includes(verdict) ? (verdict as GroupVerdict) : 'unknown';
    verdictCounts[key] += n;
  }
  const all = Object.values(verdictCounts).reduce((a, b) => a + b, 0);
  return { groups: rows.rows.map(groupFromRow), verdictCounts, total: q.verdict === undefined ? all : verdictCounts[q.verdict] };
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
