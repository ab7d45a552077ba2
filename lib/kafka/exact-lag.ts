// Exact lag seconds for the few worst partitions (docs/algorithms.md "Exact lag for the worst
// partitions"): the oldest message a group has not consumed is the first one at or after its
// committed offset, so "now − that message's timestamp" is the lag itself, not an estimate from
// offset/time points.
// Reading costs a throwaway consumer group per topic (lib/kafka/read-ranges), so only `count`
// positions are read per run, and a timestamp once read is remembered: a stuck consumer — the
// case that matters most — costs one read, not one per run.
import type { Admin, Kafka } from 'kafkajs';
import { kafkaError } from './errors';
import { positionKey, type LagState, type PartitionAssessment } from './lag-state';
import { readRanges, type OffsetRange } from './read-ranges';
import type { GroupReport } from './report';

/** Messages read past the committed offset: it may be a transaction marker or compacted away. */
const LOOKAHEAD = 20;

/** A group's place in a partition; groups at the same place share one read. */
export interface Position {
  topic: string;
  partition: number;
  committed: number;
  end: number;
}

type Lagging = PartitionAssessment & { committed: number; lag: number; end: number };
const isLagging = (p: PartitionAssessment): p is Lagging => p.committed !== null && p.end !== null && p.lag !== null && p.lag > 0;

/**
 * The `count` worst distinct positions across all groups. The configured consumers' groups come
 * first (they feed the SLOs and the truth-flow strips); within each, the longest estimated lag,
 * a still-unknown estimate ahead of all (nothing else can tell an operator how old that backlog
 * is), then most messages behind.
 */
export function worstPositions(reports: readonly GroupReport[], count: number, configured: ReadonlySet<string> = new Set()): Position[] {
  const byKey = new Map<string, Lagging & { configured: boolean }>();
  for (const { group, assessment } of reports) {
    for (const p of assessment.partitions) {
      if (!isLagging(p)) continue;
      const key = positionKey(p);
      const seen = byKey.get(key);
      if (!seen) byKey.set(key, { ...p, configured: configured.has(group.groupId) });
      else if (configured.has(group.groupId)) seen.configured = true;
    }
  }
  const score = (p: Lagging) => p.seconds.seconds ?? Infinity;
  return [...byKey.values()]
    .sort((a, b) => Number(b.configured) - Number(a.configured) || score(b) - score(a) || b.lag - a.lag)
    .slice(0, count)
    .map((p) => ({ topic: p.topic, partition: p.partition, committed: p.committed, end: p.end }));
}

export interface MessageTimes {
  /** positionKey → epoch ms of the first message at or after the committed offset. */
  times: Map<string, number>;
  notes: string[];
}

/** Reads the first message at or after each position, one throwaway group per topic, in parallel. */
export async function readMessageTimes(
  kafka: Kafka,
  admin: Admin,
  positions: readonly Position[],
  opts: { deadlineMs: number; signal: AbortSignal },
): Promise<MessageTimes> {
  const byTopic = new Map<string, Position[]>();
  for (const p of positions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p]);
  const times = new Map<string, number>();
  const notes: string[] = [];
  await Promise.all(
    [...byTopic].map(async ([topic, wanted]) => {
      const ranges: OffsetRange[] = wanted.map((p) => ({
        partition: p.partition,
        from: p.committed,
        to: Math.min(p.end, p.committed + LOOKAHEAD),
      }));
      try {
        const read = await readRanges(kafka, admin, topic, ranges, { ...opts, keepValues: false });
        for (const p of wanted) {
          const first = read.messages
            .filter((m) => m.partition === p.partition && m.offset >= p.committed && m.offset < p.committed + LOOKAHEAD)
            .sort((a, b) => a.offset - b.offset)[0];
          // A producer may send no timestamp (-1): then the estimate is all there is.
          if (first && first.timestamp > 0) times.set(positionKey(p), first.timestamp);
        }
        const missing = wanted.filter((p) => !times.has(positionKey(p))).length;
        if (!read.complete)
          notes.push(`exact lag seconds: the read of topic "${topic}" stopped at its deadline; estimates kept for ${missing} partition(s)`);
        else if (missing)
          notes.push(
            `exact lag seconds: ${missing} partition(s) of topic "${topic}" had no timestamped message at the committed offset; estimates kept`,
          );
        if (!read.groupDeleted)
          notes.push(
            'exact lag seconds: could not delete the throwaway reader group (needs Delete on the group); the broker drops it later',
          );
      } catch (error) {
        // Lag in messages and the estimates stand on their own; say why the exact figure is missing.
        const failure = kafkaError(error, `reading topic "${topic}"`);
        notes.push(`exact lag seconds unavailable (${failure.kind}: ${failure.message}); estimates kept`);
      }
    }),
  );
  return { times, notes };
}

/** Puts exact figures on every group's partition at a known position; returns how many it set. */
export function applyMessageTimes(reports: readonly GroupReport[], times: ReadonlyMap<string, number>, now: number): number {
  let applied = 0;
  for (const { assessment } of reports) {
    for (const p of assessment.partitions) {
      if (!isLagging(p)) continue;
      const written = times.get(positionKey(p));
      if (written === undefined) continue;
      // A producer clock ahead of ours would give a negative age; the message is as new as can be.
      p.seconds = { seconds: Math.max(0, (now - written) / 1000), kind: 'exact' };
      applied++;
    }
  }
  return applied;
}

/** Timestamps already read, for positions still among the worst; marks them as still in use. */
export function rememberedTimes(state: LagState, positions: readonly Position[], now: number): Map<string, number> {
  const known = new Map<string, number>();
  for (const p of positions) {
    const tracked = state.messageTimes.get(positionKey(p));
    if (!tracked) continue;
    tracked.seenAt = now;
    known.set(positionKey(p), tracked.value);
  }
  return known;
}

export function rememberTimes(state: LagState, times: ReadonlyMap<string, number>, now: number): void {
  for (const [key, value] of times) state.messageTimes.set(key, { value, seenAt: now });
}
