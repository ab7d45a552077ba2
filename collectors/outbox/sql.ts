// The SQL the outbox collector sends, built from config identifiers (always quoted) with every
// value a bound parameter. Layout rules: docs/algorithms.md "The two outbox layouts".
import type { OutboxConfig } from '@/lib/config';
import { TruthflowError } from '@/lib/errors';
import { MAX_IDENTIFIER_BYTES, quoteIdent, quoteTable } from '@/lib/sql/identifiers';

/** Aggregate types reported by name; the rest are summed as "other" so label sets stay bounded. */
export const TOP_AGGREGATE_TYPES = 10;
export const OTHER_AGGREGATE_TYPE = 'other';

export interface Query {
  text: string;
  values: unknown[];
}

/** The table as the monitored database resolved it (search_path applied), and its columns. */
export interface TableInfo {
  oid: string;
  schema: string;
  table: string;
  columns: string[];
}

// to_regclass returns NULL rather than raising for a missing table, so "does not exist" becomes a
// config error we word ourselves. The name goes in as a bound, quoted string: case is preserved.
export const DESCRIBE_TABLE_SQL = `
  SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS table,
         array(SELECT a.attname::text FROM pg_attribute a
               WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.oid = to_regclass($1)`;

// Logical (Debezium) slots confirm with confirmed_flush_lsn; physical slots only have restart_lsn.
// A standby has no current WAL position of its own, so it measures against what it replayed.
export const SLOT_LAG_SQL = `
  SELECT pg_wal_lsn_diff(
           CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END,
           coalesce(confirmed_flush_lsn, restart_lsn))::float8 AS lag_bytes
  FROM pg_replication_slots WHERE slot_name = $1`;

export interface OutboxQueries {
  /** Rows: { type: string | null (null = "other"), unsent: int8 text, age: float8 | null }. */
  backlog: Query;
  /** Marked-sent only: rows whose sent_at falls in (since, now()], and the seconds elapsed. */
  published?: (since: string) => Query;
  splitByType: boolean;
  ageKnown: boolean;
  qualifiedTable: string;
  /** The index that makes each query selective, named in a note when the plan scans the table. */
  backlogIndexHint: string;
  publishedIndexHint?: string;
}

function requireColumn(info: TableInfo, column: string, role: string): string {
  if (!info.columns.includes(column)) {
    const table = quoteTable(info);
    throw new TruthflowError('config', `column "${column}" (${role}) does not exist in table ${table}`);
  }
  return quoteIdent(column);
}

function indexName(table: string, suffix: string): string {
  // Unquoted in the hint, so lowercase it; keep the whole name within the identifier limit.
  return `${table.toLowerCase().slice(0, MAX_IDENTIFIER_BYTES - suffix.length)}${suffix}`;
}

export function buildQueries(outbox: OutboxConfig, info: TableInfo): OutboxQueries {
  const table = quoteTable(info);
  const marked = outbox.layout === 'marked-sent';
  const sentAt = marked ? requireColumn(info, outbox.columns.sentAt, 'sentAt') : undefined;
  const createdName = outbox.columns.createdAt;
  const createdAt = createdName === undefined ? undefined : requireColumn(info, createdName, 'createdAt');
  // The aggregate type column has a default name, so a table without it is normal, not an error.
  const typeName = outbox.columns.aggregateType;
  const aggregateType = info.columns.includes(typeName) ? quoteIdent(typeName) : undefined;

  const where = sentAt ? `WHERE ${sentAt} IS NULL` : '';
  // Age by the monitored database's clock: the same clock that stamped created_at (usually).
  const oldest = createdAt ? `min(${createdAt})` : 'NULL::timestamptz';
  const age = (expr: string) => `EXTRACT(EPOCH FROM now() - ${expr})::float8`;
  const backlog: Query = aggregateType
    ? {
        // One scan: group by type, keep the top N by backlog, fold the rest into NULL ("other").
        text: `
          WITH per_type AS (
            SELECT ${aggregateType}::text AS type, count(*) AS n, ${oldest} AS oldest
            FROM ${table} ${where} GROUP BY 1
          ), ranked AS (
            SELECT type, n, oldest, row_number() OVER (ORDER BY n DESC, type NULLS LAST) AS rank FROM per_type
          )
          SELECT CASE WHEN rank <= $1 THEN coalesce(type, '') END AS type,
                 sum(n)::int8::text AS unsent, ${age('min(oldest)')} AS age
          FROM ranked GROUP BY 1`,
        values: [TOP_AGGREGATE_TYPES],
      }
    : { text: `SELECT NULL::text AS type, count(*)::int8::text AS unsent, ${age(oldest)} AS age FROM ${table} ${where}`, values: [] };

  const hints = {
    backlogIndexHint: sentAt
      ? `CREATE INDEX CONCURRENTLY ${indexName(info.table, '_unsent_idx')} ON ${table} (${createdAt}) WHERE ${sentAt} IS NULL`
      : '',
    publishedIndexHint: sentAt ? `CREATE INDEX CONCURRENTLY ${indexName(info.table, '_sent_at_idx')} ON ${table} (${sentAt})` : undefined,
  };
  // A relay stamps sent_at with its transaction's start time, so a row stamped just before our
  // previous snapshot but committed after it falls in no window. Relay transactions last
  // milliseconds, so the undercount is small; shifting the window back would delay every rate.
  const published = sentAt
    ? (since: string): Query => ({
        text: `SELECT count(*)::int8::text AS published, EXTRACT(EPOCH FROM now() - $1::timestamptz)::float8 AS elapsed
               FROM ${table} WHERE ${sentAt} > $1::timestamptz AND ${sentAt} <= now()`,
        values: [since],
      })
    : undefined;
  return {
    backlog,
    published,
    splitByType: aggregateType !== undefined,
    ageKnown: createdAt !== undefined,
    qualifiedTable: table,
    ...hints,
  };
}
