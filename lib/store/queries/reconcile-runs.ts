// reconcile_runs and reconcile_mismatches: one row per reconciliation run with its counts and
// budget use, and the bounded sample of keys it found mismatched. Written by the reconcile
// evaluator, read by the consistency pages.
import { withTransaction } from '@/lib/sql/transaction';
import { storePool } from '../pool';

export interface ReconcileRunWrite {
  reconciliation: string;
  startedAt: Date;
  finishedAt: Date;
  windowFrom: Date;
  cutoff: Date;
  historyFrom: Date | null;
  historyTo: Date | null;
  nextHistoryCursor: Date | null;
  sourceRows: number;
  targetRows: number;
  missing: number;
  extra: number;
  stale: number;
  pendingExtra: number;
  oldestMismatchAt: Date | null;
  queries: number;
  rowsFetched: number;
  budgetQueries: number;
  budgetRows: number;
  cutShort: boolean;
  note: string | null;
  completeness: number | null;
}

export interface ReconcileMismatchRow {
  key: string;
  reason: string;
  sourceVersion: string | null;
  targetVersion: string | null;
  since: Date;
}

export interface ReconcileRunRow extends ReconcileRunWrite {
  id: string;
}

/** Runs older than this are dropped when a newer one is written; the trend reads far less. */
const KEEP_DAYS = 30;

const RUN_COLUMNS = `id::text AS id, reconciliation, started_at AS "startedAt", finished_at AS "finishedAt",
  window_from AS "windowFrom", cutoff, history_from AS "historyFrom", history_to AS "historyTo",
  next_history_cursor AS "nextHistoryCursor", source_rows AS "sourceRows", target_rows AS "targetRows",
  missing, extra, stale, pending_extra AS "pendingExtra", oldest_mismatch_at AS "oldestMismatchAt",
  queries, rows_fetched AS "rowsFetched", budget_queries AS "budgetQueries", budget_rows AS "budgetRows",
  cut_short AS "cutShort", note, completeness`;

type RunDbRow = Omit<ReconcileRunRow, 'sourceRows' | 'targetRows' | 'rowsFetched' | 'budgetRows'> & {
  sourceRows: string;
  targetRows: string;
  rowsFetched: string;
  budgetRows: string;
};

export function reconcileRunFromRow(row: RunDbRow): ReconcileRunRow {
  return {
    ...row,
    sourceRows: Number(row.sourceRows),
    targetRows: Number(row.targetRows),
    rowsFetched: Number(row.rowsFetched),
    budgetRows: Number(row.budgetRows),
  };
}

export async function insertReconcileRun(run: ReconcileRunWrite, mismatches: readonly ReconcileMismatchRow[]): Promise<string> {
  return withTransaction(storePool(), async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO reconcile_runs (reconciliation, started_at, finished_at, window_from, cutoff, history_from, history_to,
         next_history_cursor, source_rows, target_rows, missing, extra, stale, pending_extra, oldest_mismatch_at,
         queries, rows_fetched, budget_queries, budget_rows, cut_short, note, completeness)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
       RETURNING id::text AS id`,
      [
        run.reconciliation,
        run.startedAt,
        run.finishedAt,
        run.windowFrom,
        run.cutoff,
        run.historyFrom,
        run.historyTo,
        run.nextHistoryCursor,
        run.sourceRows,
        run.targetRows,
        run.missing,
        run.extra,
        run.stale,
        run.pendingExtra,
        run.oldestMismatchAt,
        run.queries,
        run.rowsFetched,
        run.budgetQueries,
        run.budgetRows,
        run.cutShort,
        run.note,
        run.completeness,
      ],
    );
    const id = rows[0]!.id;
    if (mismatches.length > 0) {
      await client.query(
        `INSERT INTO reconcile_mismatches (run_id, key, reason, source_version, target_version, since)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
         ON CONFLICT DO NOTHING`,
        [
          id,
          mismatches.map((m) => m.key),
          mismatches.map((m) => m.reason),
          mismatches.map((m) => m.sourceVersion),
          mismatches.map((m) => m.targetVersion),
          mismatches.map((m) => m.since),
        ],
      );
    }
    await client.query(
      `DELETE FROM reconcile_runs WHERE reconciliation = $1 AND started_at < $2::timestamptz - make_interval(days => $3)`,
      [run.reconciliation, run.startedAt, KEEP_DAYS],
    );
    return id;
  });
}

/** The newest run of each reconciliation. */
export async function latestReconcileRuns(): Promise<ReconcileRunRow[]> {
  const { rows } = await storePool().query<RunDbRow>(
    `SELECT DISTINCT ON (reconciliation) ${RUN_COLUMNS} FROM reconcile_runs ORDER BY reconciliation, started_at DESC, id DESC`,
  );
  return rows.map(reconcileRunFromRow);
}

/** Runs of one reconciliation since a time, oldest first, at most `limit` (the newest ones). */
export async function reconcileRunsSince(reconciliation: string, since: Date, limit: number): Promise<ReconcileRunRow[]> {
  const { rows } = await storePool().query<RunDbRow>(
    `SELECT * FROM (SELECT ${RUN_COLUMNS} FROM reconcile_runs WHERE reconciliation = $1 AND started_at >= $2
                      ORDER BY started_at DESC, id DESC LIMIT $3) r
      ORDER BY "startedAt", id::bigint`,
    [reconciliation, since, limit],
  );
  return rows.map(reconcileRunFromRow);
}

/** The history cursor the newest run of a reconciliation left for the next one. */
export async function lastHistoryCursor(reconciliation: string): Promise<Date | null> {
  const { rows } = await storePool().query<{ cursor: Date | null }>(
    `SELECT next_history_cursor AS cursor FROM reconcile_runs WHERE reconciliation = $1 ORDER BY started_at DESC, id DESC LIMIT 1`,
    [reconciliation],
  );
  return rows[0]?.cursor ?? null;
}

/** The mismatched keys of one run, oldest first. */
export async function reconcileMismatches(runId: string, limit: number): Promise<ReconcileMismatchRow[]> {
  const { rows } = await storePool().query<ReconcileMismatchRow>(
    `SELECT key, reason, source_version AS "sourceVersion", target_version AS "targetVersion", since
       FROM reconcile_mismatches WHERE run_id = $1 ORDER BY since, key LIMIT $2`,
    [runId, limit],
  );
  return rows;
}

export interface KeyFinding extends ReconcileMismatchRow {
  reconciliation: string;
  runId: string;
  /** When the run that found it finished: "confirmed by the 14:05 run". */
  foundAt: Date;
}

/** What the newest run of each reconciliation says about one key (the order page's check); none when it is consistent. */
export async function findingsForKey(key: string): Promise<KeyFinding[]> {
  const { rows } = await storePool().query<KeyFinding>(
    `SELECT DISTINCT ON (r.reconciliation) r.reconciliation, r.id::text AS "runId", r.finished_at AS "foundAt",
            m.key, m.reason, m.source_version AS "sourceVersion", m.target_version AS "targetVersion", m.since
       FROM (SELECT DISTINCT ON (reconciliation) id, reconciliation, finished_at FROM reconcile_runs
              ORDER BY reconciliation, started_at DESC, id DESC) r
       JOIN reconcile_mismatches m ON m.run_id = r.id AND m.key = $1
      ORDER BY r.reconciliation`,
    [key],
  );
  return rows;
}
