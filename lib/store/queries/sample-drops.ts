// sample_drops: what the collectors' sample buffer lost during a store outage (count and the time
// range of the lost samples), recorded once the store answers again. Slices and the overview read
// it so that a loss is said, never passed off as the monitored system's silence.
import { storePool } from '../pool';

export interface SampleDrop {
  from: Date;
  to: Date;
  samples: number;
}

export async function recordSampleDrop(drop: SampleDrop, recordedAt = new Date()): Promise<void> {
  await storePool().query('INSERT INTO sample_drops (recorded_at, from_ts, to_ts, samples) VALUES ($1, $2, $3, $4)', [
    recordedAt,
    drop.from,
    drop.to,
    drop.samples,
  ]);
}

/** Drops whose range overlaps [from, to), oldest first (bounded). */
export async function sampleDropsBetween(from: Date, to: Date): Promise<SampleDrop[]> {
  const { rows } = await storePool().query<{ from: Date; to: Date; samples: string }>(
    `SELECT from_ts AS "from", to_ts AS "to", samples::text FROM sample_drops
      WHERE to_ts >= $1 AND from_ts < $2 ORDER BY from_ts LIMIT 100`,
    [from, to],
  );
  return rows.map((r) => ({ from: r.from, to: r.to, samples: Number(r.samples) }));
}
