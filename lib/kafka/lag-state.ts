// What the kafka-lag collector remembers between runs of one cluster: the (end offset, time)
// tables per topic-partition, shared by all groups, the verdict windows per group-partition, and
// the message timestamps read for exact lag seconds (lib/kafka/exact-lag).
// Both are bounded per entry and forgotten when their partition has not been seen for a while, so
// a cluster's churn of groups and topics cannot grow the process without limit.
import type { PartitionLag } from './lag';
import { createOffsetTimeTable, estimateLagSeconds, recordEndOffset, type LagSeconds, type OffsetTimeTable } from './lag-seconds';
import {
  evaluateGroup,
  evaluatePartition,
  observePartition,
  windowComplete,
  type GroupStatus,
  type PartitionVerdict,
  type PartitionWindow,
} from './verdict';

export interface Tracked<T> {
  value: T;
  seenAt: number;
}

export interface LagState {
  tables: Map<string, Tracked<OffsetTimeTable>>;
  windows: Map<string, Tracked<PartitionWindow>>;
  /** Epoch ms of the first message at or after a committed offset, keyed by exact-lag positionKey. */
  messageTimes: Map<string, Tracked<number>>;
}

/** A partition not seen for this long (group deleted, topic gone) is forgotten. */
export const FORGET_AFTER_MS = 30 * 60_000;

export function createLagState(): LagState {
  return { tables: new Map(), windows: new Map(), messageTimes: new Map() };
}

const SEP = '\u0000';
/** A group's place in a partition, the key of a remembered message timestamp. */
export const positionKey = (p: { topic: string; partition: number; committed: number }) =>
  `${p.topic}${SEP}${p.partition}${SEP}${p.committed}`;

export function recordEndOffsets(state: LagState, endOffsets: ReadonlyMap<string, ReadonlyMap<number, number>>, now: number): void {
  for (const [topic, partitions] of endOffsets) {
    for (const [partition, end] of partitions) {
      const key = `${topic}${SEP}${partition}`;
      let tracked = state.tables.get(key);
      if (!tracked) {
        tracked = { value: createOffsetTimeTable(), seenAt: now };
        state.tables.set(key, tracked);
      }
      tracked.seenAt = now;
      const newest = tracked.value.points.at(-1);
      if (!recordEndOffset(tracked.value, end, now) && newest && end < newest.offset) {
        // The end offset went backwards: the topic was deleted and recreated. Its history is
        // meaningless now; start a fresh table rather than refuse every point from here on.
        tracked.value = createOffsetTimeTable();
        recordEndOffset(tracked.value, end, now);
        for (const read of state.messageTimes.keys()) if (read.startsWith(`${key}${SEP}`)) state.messageTimes.delete(read);
      }
    }
  }
}

export interface PartitionAssessment extends PartitionLag {
  seconds: LagSeconds;
  verdict: PartitionVerdict;
  /** Fraction of the verdict window filled, 0..1. */
  complete: number;
}

export interface GroupAssessment {
  partitions: PartitionAssessment[];
  status: GroupStatus;
}

const NO_COMMIT: Pick<PartitionAssessment, 'seconds' | 'verdict' | 'complete'> = {
  seconds: { seconds: null, kind: 'unknown' },
  verdict: 'unknown',
  complete: 0,
};

/** Lag seconds and verdicts for one group's partitions; call after recordEndOffsets for this run. */
export function assessGroup(
  state: LagState,
  groupId: string,
  members: number | null,
  lags: readonly PartitionLag[],
  now: number,
): GroupAssessment {
  const partitions = lags.map((p): PartitionAssessment => {
    if (p.committed === null || p.lag === null) return { ...p, ...NO_COMMIT };
    const table = state.tables.get(`${p.topic}${SEP}${p.partition}`)?.value;
    const seconds = table ? estimateLagSeconds(table, p.committed, now) : NO_COMMIT.seconds;
    const key = `${groupId}${SEP}${p.topic}${SEP}${p.partition}`;
    const tracked = state.windows.get(key);
    const window = observePartition(tracked?.value, { committed: p.committed, lag: p.lag, at: now });
    if (tracked) tracked.seenAt = now;
    else state.windows.set(key, { value: window, seenAt: now });
    const verdict = evaluatePartition(window, now, { consumerActive: (members ?? 0) > 0 });
    return { ...p, seconds, verdict, complete: windowComplete(window) };
  });
  return { partitions, status: evaluateGroup(partitions) };
}

export function forgetUnseen(state: LagState, now: number, maxAgeMs = FORGET_AFTER_MS): void {
  for (const map of [state.tables, state.windows, state.messageTimes] as Map<string, Tracked<unknown>>[]) {
    for (const [key, tracked] of map) if (now - tracked.seenAt > maxAgeMs) map.delete(key);
  }
}
