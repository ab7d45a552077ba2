// One consistent reading of an outbox: every measuring query runs in one REPEATABLE READ, READ ONLY
// transaction, so the backlog, the publish window and now() all describe the same instant.
import type pg from 'pg';
import type { OutboxConfig } from '@/lib/config';
import { TruthflowError } from '@/lib/errors';
import { quoteTable } from '@/lib/sql/identifiers';
import { withTransaction } from '@/lib/sql/transaction';
import { DESCRIBE_TABLE_SQL, SLOT_LAG_SQL, type OutboxQueries, type TableInfo } from './sql';

export interface BacklogRow {
  /** Aggregate type; '' for rows without one; null for the folded "other" bucket or no split. */
  type: string | null;
  unsent: number;
  /** Seconds since the oldest unsent row was created; null when unknown (no created-at column). */
  age: number | null;
}

export interface Reading {
  backlog: BacklogRow[];
  /** The database's now() as text (microseconds kept), the start of the next publish window. */
  dbNow: string;
  published?: { rows: number; elapsedSeconds: number };
  /** undefined: no slot configured; null: the slot does not exist or holds no position. */
  slotLagBytes?: number | null;
}

export async function describeTable(client: pg.PoolClient, table: string): Promise<TableInfo> {
  const { rows } = await client.query<TableInfo>(DESCRIBE_TABLE_SQL, [quoteTable(table)]);
  const info = rows[0];
  if (!info) throw new TruthflowError('config', `table ${quoteTable(table)} does not exist (or this role cannot see it)`);
  return info;
}

function checkSignal(signal: AbortSignal): void {
  // pg cannot cancel on a signal; the statement_timeout bounds each query, this bounds the run.
  if (signal.aborted) throw new TruthflowError('timeout', 'run aborted after the collector timeout');
}

export async function readOutbox(
  client: pg.PoolClient,
  outbox: OutboxConfig,
  queries: OutboxQueries,
  previousDbNow: string | undefined,
  signal: AbortSignal,
): Promise<Reading> {
  return withTransaction(
    client,
    async (tx) => {
      checkSignal(signal);
      const backlog = await tx.query<{ type: string | null; unsent: string; age: number | null }>(
        queries.backlog.text,
        queries.backlog.values,
      );
      const dbNow = (await tx.query<{ now: string }>('SELECT now()::text AS now')).rows[0]!.now;
      const reading: Reading = {
        backlog: backlog.rows.map((r) => ({ type: r.type, unsent: Number(r.unsent), age: r.age })),
        dbNow,
      };
      if (queries.published && previousDbNow !== undefined) {
        checkSignal(signal);
        const q = queries.published(previousDbNow);
        const row = (await tx.query<{ published: string; elapsed: number }>(q.text, q.values)).rows[0]!;
        reading.published = { rows: Number(row.published), elapsedSeconds: row.elapsed };
      }
      if (outbox.layout === 'delete-after-publish' && outbox.replicationSlot !== undefined) {
        checkSignal(signal);
        const { rows } = await tx.query<{ lag_bytes: number | null }>(SLOT_LAG_SQL, [outbox.replicationSlot]);
        reading.slotLagBytes = rows[0]?.lag_bytes ?? null;
      }
      return reading;
    },
    { isolation: 'repeatable read', readOnly: true },
  );
}
