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

export async function writeHeartbeat(who: HeartbeatIdentity, now: Date): Promise<void> {
  await storePool().query(
    `INSERT INTO collector_heartbeats (process_id, hostname, pid, version, started_at, beat_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (process_id) DO UPDATE SET beat_at = EXCLUDED.beat_at`,
    [who.processId, who.hostname, who.pid, who.version, who.startedAt, now],
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
}

interface LatestHeartbeatRowDb {
  process_id: string;
  beat_at: Date;
  age: number;
  /** count(*) is bigint, which pg hands over as text. */
  processes: string;
}

function heartbeatFromRow(row: LatestHeartbeatRowDb): LatestHeartbeat {
  return { processId: row.process_id, beatAt: row.beat_at, ageSeconds: Math.max(0, row.age), processes: Number(row.processes) };
}

export async function latestHeartbeat(): Promise<LatestHeartbeat | null> {
  const { rows } = await storePool().query<LatestHeartbeatRowDb>(
    `SELECT process_id, beat_at,
            EXTRACT(EPOCH FROM (now() - beat_at))::float8 AS age,
            (SELECT count(*) FROM collector_heartbeats WHERE beat_at > now() - interval '5 minutes') AS processes
       FROM collector_heartbeats ORDER BY beat_at DESC LIMIT 1`,
  );
  const row = rows[0];
  return row ? heartbeatFromRow(row) : null;
}
