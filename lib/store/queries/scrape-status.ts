// scrape_status: per collector and source, the last attempt, success and error.
import { storePool } from '../pool';

export interface ScrapeStatusView {
  collector: string;
  source: string;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorKind: string | null;
  lastErrorMessage: string | null;
  consecutiveFailures: number;
}

export interface ScrapeStatusWithNotes extends ScrapeStatusView {
  /** Findings of the last successful run that are not failures (e.g. a missing partial index). */
  notes: string[];
}

// What the pages read of a scrape status row (the write-side columns stay out).
const VIEW_COLUMNS = `collector, source, last_attempt_at, last_success_at, last_error_kind, last_error_message,
  consecutive_failures, notes`;

interface ScrapeStatusRowDb {
  collector: string;
  source: string;
  last_attempt_at: Date | null;
  last_success_at: Date | null;
  last_error_kind: string | null;
  last_error_message: string | null;
  consecutive_failures: number;
  notes: unknown;
}

function scrapeStatusFromRow(row: ScrapeStatusRowDb): ScrapeStatusWithNotes {
  return {
    collector: row.collector,
    source: row.source,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastErrorKind: row.last_error_kind,
    lastErrorMessage: row.last_error_message,
    consecutiveFailures: row.consecutive_failures,
    // jsonb written by recordScrapeOutcome as a string array; anything else is ignored.
    notes: Array.isArray(row.notes) ? row.notes.filter((n): n is string => typeof n === 'string') : [],
  };
}

export async function listScrapeStatus(): Promise<ScrapeStatusView[]> {
  const { rows } = await storePool().query<ScrapeStatusRowDb>(`SELECT ${VIEW_COLUMNS} FROM scrape_status ORDER BY collector, source`);
  return rows.map(scrapeStatusFromRow);
}

export interface ScrapeOutcome {
  collector: string;
  source: string;
  attemptAt: Date;
  durationMs: number;
  /** Present when the run failed. */
  error?: { kind: string; message: string };
  notes?: string[];
}

/**
 * Records one run. Success clears the error and the failure streak; failure keeps lastSuccessAt,
 * which is what lets a panel say "unknown since 14:02:10".
 */
export async function recordScrapeOutcome(o: ScrapeOutcome): Promise<void> {
  const failed = o.error !== undefined;
  await storePool().query(
    `INSERT INTO scrape_status AS s
       (collector, source, last_attempt_at, last_success_at, last_error_at, last_error_kind, last_error_message,
        last_duration_ms, consecutive_failures, notes)
     VALUES ($1, $2, $3::timestamptz, CASE WHEN $4::boolean THEN NULL ELSE $3::timestamptz END,
             CASE WHEN $4::boolean THEN $3::timestamptz END, $5, $6, $7, CASE WHEN $4::boolean THEN 1 ELSE 0 END, $8::jsonb)
     ON CONFLICT (collector, source) DO UPDATE SET
       last_attempt_at = EXCLUDED.last_attempt_at,
       last_success_at = CASE WHEN $4::boolean THEN s.last_success_at ELSE EXCLUDED.last_attempt_at END,
       last_error_at = CASE WHEN $4::boolean THEN EXCLUDED.last_attempt_at ELSE s.last_error_at END,
       last_error_kind = EXCLUDED.last_error_kind,
       last_error_message = EXCLUDED.last_error_message,
       last_duration_ms = EXCLUDED.last_duration_ms,
       consecutive_failures = CASE WHEN $4::boolean THEN s.consecutive_failures + 1 ELSE 0 END,
       notes = CASE WHEN $4::boolean THEN s.notes ELSE EXCLUDED.notes END`,
    [
      o.collector,
      o.source,
      o.attemptAt,
      failed,
      o.error?.kind ?? null,
      o.error?.message ?? null,
      Math.round(o.durationMs),
      JSON.stringify(o.notes ?? []),
    ],
  );
}

/** One collector's rows with their notes, for the stage pages (/outbox, /dlq, /indexing, /lag). */
export async function listScrapeStatusOf(collector: string): Promise<ScrapeStatusWithNotes[]> {
  const { rows } = await storePool().query<ScrapeStatusRowDb>(
    `SELECT ${VIEW_COLUMNS} FROM scrape_status WHERE collector = $1 ORDER BY source`,
    [collector],
  );
  return rows.map(scrapeStatusFromRow);
}
