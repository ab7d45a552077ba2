// Reading the replication slots of a monitored Postgres: one consistent look at pg_replication_slots,
// the current WAL position and pg_stat_replication_slots. Read-only, and nothing beyond what the
// pg_monitor role may see. Columns that only newer servers have (wal_status and safe_wal_size from
// 13, the statistics view from 14, inactive_since from 17) are asked for only when the server has
// them, so one collector serves every supported version.
//
// LSNs travel as byte positions (pg_wal_lsn_diff against 0/0) rendered as text: a JS number holds
// them exactly up to 2^53 bytes (8 PiB of WAL), far beyond any server's lifetime.
import type pg from 'pg';
import { z } from 'zod';
import { TruthflowError } from '@/lib/errors';
import { withTransaction } from '@/lib/sql/transaction';

export const WAL_STATUSES = ['reserved', 'extended', 'unreserved', 'lost'] as const;
export type WalStatus = (typeof WAL_STATUSES)[number];

export interface ServerFeatures {
  version: number;
  /** A standby has no current insert position: its receive position stands in for it. */
  inRecovery: boolean;
}

export interface SlotRow {
  slot: string;
  active: boolean;
  /** Byte positions; null when the slot holds no position (never used, or invalidated). */
  restartLsn: number | null;
  confirmedFlushLsn: number | null;
  walStatus: WalStatus | null;
  safeWalSize: number | null;
  /** PostgreSQL 17+: when the slot last stopped being used; null while active or on older servers. */
  inactiveSince: Date | null;
  /** Cumulative since the statistics were last reset; null below PostgreSQL 14. */
  spillBytes: number | null;
  streamBytes: number | null;
}

export interface SlotsReading {
  /** Byte position of the server's WAL at the reading (insert position, or received on a standby). */
  currentLsn: number;
  /** The server's clock, epoch milliseconds: WAL positions are timed by the server that wrote them. */
  at: number;
  slots: SlotRow[];
  features: ServerFeatures;
}

const bytes = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isFinite(n)) ctx.addIssue({ code: 'custom', message: `expected a byte count, found ${v}` });
  return n;
});
const nullableBytes = bytes.nullable();

const slotRowSchema = z.object({
  slot: z.string(),
  active: z.boolean(),
  restart_lsn: nullableBytes,
  confirmed_flush_lsn: nullableBytes,
  wal_status: z.enum(WAL_STATUSES).nullable(),
  safe_wal_size: nullableBytes,
  inactive_since: z.date().nullable(),
  spill_bytes: nullableBytes,
  stream_bytes: nullableBytes,
});

const headSchema = z.object({ version: bytes, in_recovery: z.boolean(), current_lsn: nullableBytes, at: bytes });

const HEAD_SQL = `SELECT current_setting('server_version_num')::int AS version, pg_is_in_recovery() AS in_recovery,
  pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END, '0/0')::text AS current_lsn,
  (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS at`;

/** The slot query for a server version; fixed text chosen from four, no identifier is spliced. */
export function slotsSql(version: number): string {
  const v13 = version >= 130000;
  const v14 = version >= 140000;
  const v17 = version >= 170000;
  return `SELECT s.slot_name::text AS slot, s.active,
  pg_wal_lsn_diff(s.restart_lsn, '0/0')::text AS restart_lsn,
  pg_wal_lsn_diff(s.confirmed_flush_lsn, '0/0')::text AS confirmed_flush_lsn,
  ${v13 ? 's.wal_status' : 'NULL::text'} AS wal_status,
  ${v13 ? 's.safe_wal_size::text' : 'NULL::text'} AS safe_wal_size,
  ${v17 ? 's.inactive_since' : 'NULL::timestamptz'} AS inactive_since,
  ${v14 ? 'st.spill_bytes::text' : 'NULL::text'} AS spill_bytes,
  ${v14 ? 'st.stream_bytes::text' : 'NULL::text'} AS stream_bytes
FROM pg_replication_slots s
${v14 ? 'LEFT JOIN pg_stat_replication_slots st ON st.slot_name = s.slot_name' : ''}
WHERE s.slot_type = 'logical' AND ($1::text[] IS NULL OR s.slot_name = ANY($1::text[]))
ORDER BY s.slot_name`;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new TruthflowError('parse', `${what}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

/** One reading; `slots` undefined reads every logical slot. Runs in one read-only snapshot. */
export async function readSlots(pool: pg.Pool, slots: readonly string[] | undefined): Promise<SlotsReading> {
  return withTransaction(
    pool,
    async (tx) => {
      const head = parse(headSchema, (await tx.query(HEAD_SQL)).rows[0], 'server position');
      if (head.current_lsn === null) throw new TruthflowError('config', 'the server reports no WAL position (a standby receiving nothing)');
      const { rows } = await tx.query(slotsSql(head.version), [slots ? [...slots] : null]);
      return {
        currentLsn: head.current_lsn,
        at: head.at,
        features: { version: head.version, inRecovery: head.in_recovery },
        slots: rows.map((row) => slotFromRow(parse(slotRowSchema, row, 'pg_replication_slots row'))),
      };
    },
    { readOnly: true, isolation: 'repeatable read' },
  );
}

function slotFromRow(r: z.output<typeof slotRowSchema>): SlotRow {
  return {
    slot: r.slot,
    active: r.active,
    restartLsn: r.restart_lsn,
    confirmedFlushLsn: r.confirmed_flush_lsn,
    walStatus: r.wal_status,
    safeWalSize: r.safe_wal_size,
    inactiveSince: r.inactive_since,
    spillBytes: r.spill_bytes,
    streamBytes: r.stream_bytes,
  };
}
