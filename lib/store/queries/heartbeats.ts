// collector_heartbeats: one row per collectors process, rewritten every few seconds; the health
// route reads the newest beat.
import { storePool } from '../pool';

export interface HeartbeatIdentity {
  processId: string;
  hostname: string;
  pid: number;
  version: string;
  startedAt: Date;
}

/** `overdueSeconds`: how late this process's most overdue job is (0 when every job ran on time). */
export async function writeHeartbeat(who: HeartbeatIdentity, now: Date, overdueSeconds = 0): Promise<void> {
  await storePool().query(
    `INSERT INTO collector_heartbeats (process_id, hostname, pid, version, started_at, beat_at, overdue_seconds)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (process_id) DO UPDATE SET beat_at = EXCLUDED.beat_at, overdue_seconds = EXCLUDED.overdue_seconds`,
    [who.processId, who.hostname, who.pid, who.version, who.startedAt, now, overdueSeconds],
  );
}

export async function removeHeartbeat(processId: string): Promise<void> {
  await storePool().query('DELETE FROM collector_heartbeats WHERE process_id = $1', [processId]);
}

export interface LatestHeartbeat {
  processId: string;
  beatAt: Date;
  /** Seconds since the newest beat, measured by the store's clock so app and store skew cannot lie. */
  ageSeconds: number;
  processes: number;
  /** The most overdue job among processes beating in the last minute: a live process whose jobs stall. */
  overdueSeconds: number;
}

interface LatestHeartbeatRowDb {
  process_id: string;
  beat_at: Date;
  age: number;
  /** count(*) is bigint, which pg hands over as text. */
  processes: string;
  overdue: number | null;
}

function heartbeatFromRow(row: LatestHeartbeatRowDb): LatestHeartbeat {
  return {
    processId: row.process_id,
    beatAt: row.beat_at,
    ageSeconds: Math.max(0, row.age),
    processes: Number(row.processes),
    overdueSeconds: row.overdue ?? 0,
  };
}

export async function latestHeartbeat(): Promise<LatestHeartbeat | null> {
  const { rows } = await storePool().query<LatestHeartbeatRowDb>(
    `SELECT process_id, beat_at,
            EXTRACT(EPOCH FROM (now() - beat_at))::float8 AS age,
            (SELECT count(*) FROM collector_heartbeats WHERE beat_at > now() - interval '5 minutes') AS processes,
            (SELECT max(overdue_seconds) FROM collector_heartbeats WHERE beat_at > now() - interval '1 minute')::float8 AS overdue
       FROM collector_heartbeats ORDER BY beat_at DESC LIMIT 1`,
  );
  const row = rows[0];
  return row ? heartbeatFromRow(row) : null;
}

/** Retention: beats of processes that stopped without removing theirs (killed, host lost). */
export async function deleteHeartbeatsBefore(cutoff: Date, batchSize: number): Promise<number> {
  const result = await storePool().query(
    'DELETE FROM collector_heartbeats WHERE process_id = ANY (ARRAY(SELECT process_id FROM collector_heartbeats WHERE beat_at < $1 LIMIT $2))',
    [cutoff, batchSize],
  );
  return result.rowCount ?? 0;
}
