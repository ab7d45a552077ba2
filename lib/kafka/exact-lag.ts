// Exact lag seconds for the few worst partitions (docs/algorithms.md "Exact lag for the worst
// partitions"): the oldest message a group has not consumed is the first one at or after its
// committed offset, so "now − that message's timestamp" is the lag itself, not an estimate from
// offset/time points.
// Reading costs a throwaway consumer group per topic (lib/kafka/read-ranges), so only `count`
// positions are read per run, and a timestamp once read is remembered: a stuck consumer — the
// case that matters most — costs one read, not one per run.
import type { Admin, Kafka } from 'kafkajs';
import { kafkaError } from './errors';
import { positionKey, positionOffset, type LagState, type PartitionAssessment } from './lag-state';
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
 * is), then most messages behind; a tie goes to the position met first.
 * The collector asks for a handful out of 200,000 partitions, so this keeps the `count` best in a
 * short sorted list rather than keying and sorting them all. That relies on what assessGroup
 * guarantees: one position has one end offset and one estimate in every group of a run.
 */
export function worstPositions(reports: readonly GroupReport[], count: number, configured: ReadonlySet<string> = new Set()): Position[] {
  if (count <= 0) return [];
  const configuredAt = configuredPositions(reports, configured);
  const worst = new Worst(count);
  for (const { group, assessment } of reports) {
    const ofConfiguredGroup = configured.has(group.groupId);
    for (const p of assessment.partitions) {
      if (!isLagging(p)) continue;
      worst.offer(p, ofConfiguredGroup || configuredAt.has(p));
    }
  }
  return worst.positions();
}

/** Lagging positions of configured groups: a position shared with one ranks as configured in every group. */
function configuredPositions(reports: readonly GroupReport[], configured: ReadonlySet<string>): PositionSet {
  const positions = new PositionSet();
  if (configured.size === 0) return positions;
  for (const { group, assessment } of reports) {
    if (!configured.has(group.groupId)) continue;
    for (const p of assessment.partitions) if (isLagging(p)) positions.add(p);
  }
  return positions;
}

/**
 * Positions by offset, partition and topic. Asked about every partition of a run, it builds no key
 * strings, and the offset alone (a number on the partition itself) answers no for almost all.
 */
class PositionSet {
  private readonly byOffset = new Map<number, Map<number, Set<string>>>();

  add(p: Lagging): void {
    let partitions = this.byOffset.get(p.committed);
    if (!partitions) this.byOffset.set(p.committed, (partitions = new Map()));
    let topics = partitions.get(p.partition);
    if (!topics) partitions.set(p.partition, (topics = new Set()));
    topics.add(p.topic);
  }

  has(p: Lagging): boolean {
    return this.byOffset.get(p.committed)?.get(p.partition)?.has(p.topic) ?? false;
  }
}

interface Ranked {
  p: Lagging;
  configured: boolean;
  score: number;
}

/** The best `count` distinct positions seen so far, best first. */
class Worst {
  private readonly ranked: Ranked[] = [];

  constructor(private readonly count: number) {}

  offer(p: Lagging, configured: boolean): void {
    const last = this.ranked.length === this.count ? this.ranked.at(-1) : undefined;
    // Most partitions stop here, reading nothing beyond the partition itself.
    if (last && !ranksAbove(p, configured, last)) return;
    if (this.ranked.some((r) => r.p.topic === p.topic && r.p.partition === p.partition && r.p.committed === p.committed)) return;
    let at = this.ranked.length;
    while (at > 0 && ranksAbove(p, configured, this.ranked[at - 1]!)) at--;
    this.ranked.splice(at, 0, { p, configured, score: scoreOf(p) });
    if (this.ranked.length > this.count) this.ranked.pop();
  }

  positions(): Position[] {
    return this.ranked.map(({ p }) => ({ topic: p.topic, partition: p.partition, committed: p.committed, end: p.end }));
  }
}

/** Strictly worse lag than `b`'s: on a tie the position met first keeps its place. */
function ranksAbove(p: Lagging, configured: boolean, b: Ranked): boolean {
  if (configured !== b.configured) return configured;
  const score = scoreOf(p);
  if (score !== b.score) return score > b.score;
  return p.lag > b.p.lag;
}

/** The estimated lag in seconds; a still-unknown estimate ranks above all. */
const scoreOf = (p: Lagging) => p.seconds.seconds ?? Infinity;

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
  if (times.size === 0) return 0;
  // Only partitions at a read offset need their positionKey built.
  const offsets = new Set([...times.keys()].map(positionOffset));
  let applied = 0;
  for (const { assessment } of reports) {
    for (const p of assessment.partitions) {
      if (!isLagging(p) || !offsets.has(p.committed)) continue;
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
