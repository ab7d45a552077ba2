// hop_signals: episodes of a signal on one hop (stalled, backlog_growing, threshold, ...), for the
// feature page's incident timeline. The evaluator records what it sees on each run; an episode
// stays open while it is seen again within `gapSeconds`, and otherwise ended when it was last seen.
import type { Finding } from '@/lib/slo/cause';
import { storePool } from '../pool';

export interface HopSignalEpisode {
  hopKind: string;
  hopName: string;
  signal: string;
  startedAt: Date;
  lastSeenAt: Date;
  words: string;
}

/** Extends the open episode of each finding's hop and signal, or starts one. */
export async function recordHopSignals(findings: readonly Finding[], now: Date, gapSeconds: number): Promise<void> {
  const openSince = new Date(now.getTime() - gapSeconds * 1000);
  for (const f of findings) {
    const extended = await storePool().query(
      `UPDATE hop_signals SET last_seen_at = GREATEST(last_seen_at, $4), words = $6
        WHERE hop_kind = $1 AND hop_name = $2 AND signal = $3 AND last_seen_at >= $5`,
      [f.hop.kind, f.hop.name, f.signal, now, openSince, f.words],
    );
    if (extended.rowCount) continue;
    await storePool().query(
      `INSERT INTO hop_signals (hop_kind, hop_name, signal, started_at, last_seen_at, words) VALUES ($1, $2, $3, $4, $4, $5)
       ON CONFLICT (hop_kind, hop_name, signal, started_at) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at`,
      [f.hop.kind, f.hop.name, f.signal, now, f.words],
    );
  }
}

/** Episodes on the given hops that overlap [from, to], oldest first. */
export async function hopSignalsBetween(
  hops: readonly { kind: string; name: string }[],
  from: Date,
  to: Date,
): Promise<HopSignalEpisode[]> {
  if (hops.length === 0) return [];
  const { rows } = await storePool().query<HopSignalEpisode>(
    `SELECT hop_kind AS "hopKind", hop_name AS "hopName", signal, started_at AS "startedAt", last_seen_at AS "lastSeenAt", words
       FROM hop_signals
      WHERE (hop_kind, hop_name) IN (SELECT * FROM unnest($1::text[], $2::text[]))
        AND last_seen_at >= $3 AND started_at <= $4
      ORDER BY started_at
      LIMIT 2000`,
    [hops.map((h) => h.kind), hops.map((h) => h.name), from, to],
  );
  return rows;
}
