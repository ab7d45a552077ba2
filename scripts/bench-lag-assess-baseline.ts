// A frozen copy of the kafka-lag CPU path as it was before it was made cheap (lib/kafka/lag.ts,
// lag-state.ts, verdict.ts, report.ts and exact-lag.ts at commit f769e83), so that
// scripts/bench-lag-assess.ts can print "new vs old" measured in one process, on one machine, on
// the same data. Not used by anything else; do not "fix" it: it is the yardstick. Only the
// offset/time table (lag-seconds.ts) is shared, as both versions use it the same way. This file
// holds the state and verdicts; the rows, samples and exact-lag positions are in
// bench-lag-assess-baseline-rows.ts.
import type { PartitionLag, TopicLag } from '@/lib/kafka/lag';
import type { GroupAssessment, PartitionAssessment } from '@/lib/kafka/lag-state';
import { createOffsetTimeTable, estimateLagSeconds, recordEndOffset, type OffsetTimeTable } from '@/lib/kafka/lag-seconds';
import type { GroupOffsets } from '@/lib/kafka/offsets';
import type { GroupStatus, PartitionStatus, PartitionVerdict, PartitionWindow, GroupVerdict } from '@/lib/kafka/verdict';

interface Tracked<T> {
  value: T;
  seenAt: number;
}

export interface OldLagState {
  tables: Map<string, Tracked<OffsetTimeTable>>;
  windows: Map<string, Tracked<PartitionWindow>>;
  messageTimes: Map<string, Tracked<number>>;
}

const FORGET_AFTER_MS = 30 * 60_000;
const SEP = '\u0000';
export const positionKey = (p: { topic: string; partition: number; committed: number }) =>
  `${p.topic}${SEP}${p.partition}${SEP}${p.committed}`;

export const oldCreateLagState = (): OldLagState => ({ tables: new Map(), windows: new Map(), messageTimes: new Map() });

// ---- lib/kafka/lag.ts
export function oldPartitionLagsOf(group: GroupOffsets, endOffsets: ReadonlyMap<string, ReadonlyMap<number, number>>): PartitionLag[] {
  const topics = [...new Set([...group.committed.keys(), ...group.requiredTopics])].sort();
  const lags: PartitionLag[] = [];
  for (const topic of topics) {
    const ends = endOffsets.get(topic);
    if (!ends) continue;
    const committedByPartition = group.committed.get(topic);
    for (const [partition, end] of [...ends].sort((a, b) => a[0] - b[0])) {
      const committed = committedByPartition?.get(partition) ?? null;
      lags.push({ topic, partition, committed, end, lag: committed === null ? null : Math.max(0, end - committed) });
    }
  }
  return lags;
}

export function topicLagsOf(partitions: readonly PartitionLag[]): TopicLag[] {
  const byTopic = new Map<string, TopicLag>();
  for (const p of partitions) {
    const t = byTopic.get(p.topic) ?? { topic: p.topic, lag: null, partitions: 0, withoutCommit: 0 };
    t.partitions++;
    if (p.lag === null) t.withoutCommit++;
    else t.lag = (t.lag ?? 0) + p.lag;
    byTopic.set(p.topic, t);
  }
  return [...byTopic.values()];
}

// ---- lib/kafka/verdict.ts
function observePartition(window: PartitionWindow | undefined, obs: { committed: number; lag: number; at: number }, size = 10) {
  const w = window ?? { entries: [], size, lag: obs.lag, observedAt: obs.at, caughtUpAt: null };
  if (w.entries.at(-1)?.offset !== obs.committed) {
    w.entries.push({ offset: obs.committed, at: obs.at, lag: obs.lag });
    if (w.entries.length > w.size) w.entries.shift();
  }
  w.lag = obs.lag;
  w.observedAt = obs.at;
  if (obs.lag === 0) w.caughtUpAt = obs.at;
  return w;
}

function evaluatePartition(
  w: PartitionWindow | undefined,
  now: number,
  opts: { consumerActive: boolean; minStopMs?: number },
): PartitionVerdict {
  const first = w?.entries[0];
  const last = w?.entries.at(-1);
  if (!w || !first || !last) return 'unknown';
  if (w.lag === 0) return 'OK';
  if (w.entries.some((e, i) => i > 0 && e.offset < w.entries[i - 1]!.offset)) return 'REWIND';
  const progressAt = Math.max(last.at, w.caughtUpAt ?? -Infinity);
  if (now - progressAt > Math.max(last.at - first.at, opts.minStopMs ?? 5 * 60_000)) return opts.consumerActive ? 'STALL' : 'STOP';
  return laggingThroughout(w, first.at) ? 'WARN' : 'OK';
}

function laggingThroughout(w: PartitionWindow, windowStart: number): boolean {
  if (w.entries.length < 2) return false;
  if (w.entries.some((e) => e.lag === 0) || (w.caughtUpAt !== null && w.caughtUpAt >= windowStart)) return false;
  const lags = [...w.entries.map((e) => e.lag), w.lag];
  return lags.every((lag, i) => i === 0 || lag >= lags[i - 1]!);
}

const SEVERITY: Record<PartitionVerdict, number> = { unknown: -1, OK: 0, WARN: 1, STALL: 2, STOP: 3, REWIND: 4 };
const windowComplete = (w: PartitionWindow | undefined) => (w ? Math.min(1, w.entries.length / w.size) : 0);

function evaluateGroup(partitions: readonly PartitionStatus[]): GroupStatus {
  const judged = partitions.filter((p) => p.verdict !== 'unknown');
  let worst: PartitionStatus | undefined;
  for (const p of partitions) {
    if (
      !worst ||
      SEVERITY[p.verdict] > SEVERITY[worst.verdict] ||
      (SEVERITY[p.verdict] === SEVERITY[worst.verdict] && (p.lag ?? -1) > (worst.lag ?? -1))
    )
      worst = p;
  }
  const verdict: GroupVerdict =
    !worst || judged.length === 0
      ? 'unknown'
      : SEVERITY[worst.verdict] >= SEVERITY.STALL
        ? 'ERR'
        : (worst.verdict as Extract<PartitionVerdict, GroupVerdict>);
  return {
    verdict,
    complete: judged.length ? judged.reduce((sum, p) => sum + p.complete, 0) / judged.length : null,
    worst: worst ? { topic: worst.topic, partition: worst.partition, verdict: worst.verdict, lag: worst.lag } : null,
  };
}

// ---- lib/kafka/lag-state.ts
export function oldRecordEndOffsets(state: OldLagState, endOffsets: ReadonlyMap<string, ReadonlyMap<number, number>>, now: number): void {
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
        tracked.value = createOffsetTimeTable();
        recordEndOffset(tracked.value, end, now);
        for (const read of state.messageTimes.keys()) if (read.startsWith(`${key}${SEP}`)) state.messageTimes.delete(read);
      }
    }
  }
}

const NO_COMMIT: Pick<PartitionAssessment, 'seconds' | 'verdict' | 'complete'> = {
  seconds: { seconds: null, kind: 'unknown' },
  verdict: 'unknown',
  complete: 0,
};

export function oldAssessGroup(
  state: OldLagState,
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

export function oldForgetUnseen(state: OldLagState, now: number, maxAgeMs = FORGET_AFTER_MS): void {
  for (const map of [state.tables, state.windows, state.messageTimes] as Map<string, Tracked<unknown>>[]) {
    for (const [key, tracked] of map) if (now - tracked.seenAt > maxAgeMs) map.delete(key);
  }
}
