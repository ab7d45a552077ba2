// Consumer verdicts after Burrow's evaluator (docs/algorithms.md "Consumer verdicts"), adapted to
// an admin-API poller and with its known flaw fixed.
//
// Burrow's window holds the last N *commits* with their commit timestamps, read from
// __consumer_offsets. A poller sees no commits, only the committed offset at each poll, so the
// window here holds the last N *distinct* committed offsets, each stamped with when it was first
// observed: the closest stand-in for a commit time, and the same "progress clock" Burrow reasons
// with. Like Burrow's, the window freezes when the consumer stops; unlike Burrow's, a zero-lag entry
// in it never hides that (Burrow #290, #745): STOP is judged on the time since the last progress.

/** A partition's verdict: Burrow's words, plus unknown for too few observations or no commit. */
export const PARTITION_VERDICTS = ['OK', 'WARN', 'STOP', 'STALL', 'REWIND', 'unknown'] as const;
export type PartitionVerdict = (typeof PARTITION_VERDICTS)[number];
/** A group's verdict: its worst partition's, with STOP, STALL and REWIND folded into ERR. */
export const GROUP_VERDICTS = ['OK', 'WARN', 'ERR', 'unknown'] as const;
export type GroupVerdict = (typeof GROUP_VERDICTS)[number];

export const DEFAULT_WINDOW_SIZE = 10;
/**
 * A consumer may commit rarely (Kafka Streams every 30 s, Flink on checkpoints), and a window that
 * has seen one or two commits spans almost no time; without a floor the first quiet poll would
 * read as STOP.
 */
export const DEFAULT_MIN_STOP_MS = 5 * 60_000;

/** One distinct committed offset: when it was first observed and the lag at that moment. */
export interface CommitEntry {
  offset: number;
  at: number;
  lag: number;
}

export interface PartitionWindow {
  /** Oldest first, at most `size`. */
  entries: CommitEntry[];
  size: number;
  /** Lag at the latest poll. */
  lag: number;
  observedAt: number;
  /** The latest poll that found the consumer caught up; having nothing to consume is not being stuck. */
  caughtUpAt: number | null;
}

export interface Observation {
  committed: number;
  lag: number;
  /** Epoch milliseconds. */
  at: number;
}

/** Folds one poll into the window (created on the first poll); returns the same window. */
export function observePartition(window: PartitionWindow | undefined, obs: Observation, size = DEFAULT_WINDOW_SIZE): PartitionWindow {
  const w = window ?? { entries: [], size, lag: obs.lag, observedAt: obs.at, caughtUpAt: null };
  if (w.entries.at(-1)?.offset !== obs.committed) addEntry(w, obs);
  w.lag = obs.lag;
  w.observedAt = obs.at;
  if (obs.lag === 0) w.caughtUpAt = obs.at;
  return w;
}

/**
 * Appends a distinct committed offset, dropping the oldest beyond `size`. A full window moves its
 * entries down in place and reuses the one it drops: hundreds of thousands of windows would
 * otherwise each make a long-lived object per poll, which keeps the old-generation collector busy.
 */
function addEntry(w: PartitionWindow, obs: Observation): void {
  const { entries } = w;
  if (w.size > 0 && entries.length >= w.size) {
    const reused = entries[0]!;
    for (let i = 1; i < entries.length; i++) entries[i - 1] = entries[i]!;
    reused.offset = obs.committed;
    reused.at = obs.at;
    reused.lag = obs.lag;
    entries[entries.length - 1] = reused;
    return;
  }
  entries.push({ offset: obs.committed, at: obs.at, lag: obs.lag });
  if (entries.length > w.size) entries.shift();
}

export interface VerdictOptions {
  /** Members in the group: a live consumer whose offset does not move is STALL, no consumer at all is STOP. */
  consumerActive: boolean;
  minStopMs?: number;
}

export function evaluatePartition(w: PartitionWindow | undefined, now: number, opts: VerdictOptions): PartitionVerdict {
  const first = w?.entries[0];
  const last = w?.entries.at(-1);
  if (!w || !first || !last) return 'unknown';
  if (w.lag === 0) return 'OK';
  const shape = shapeOf(w.entries);
  if (shape.rewound) return 'REWIND';
  // Burrow's rule: no progress for longer than the window spans. Progress is a new committed offset
  // or being caught up, whatever older entries say.
  const progressAt = Math.max(last.at, w.caughtUpAt ?? -Infinity);
  if (now - progressAt > Math.max(last.at - first.at, opts.minStopMs ?? DEFAULT_MIN_STOP_MS)) {
    // Burrow tells a consumer that stopped committing (STOP) from one committing the same offset
    // (STALL) by commit times; an admin poller sees neither, so membership stands in for "alive".
    return opts.consumerActive ? 'STALL' : 'STOP';
  }
  return laggingThroughout(w, first.at, shape) ? 'WARN' : 'OK';
}

interface WindowShape {
  /** A committed offset lower than the one before it: the group was reset backwards. */
  rewound: boolean;
  /** Every entry behind, and no entry's lag lower than the one before it. */
  lagNeverFell: boolean;
}

/** What the verdict needs from the entries, in one pass: this runs for every partition of every poll. */
function shapeOf(entries: readonly CommitEntry[]): WindowShape {
  let rewound = false;
  let lagNeverFell = entries.length > 0 && entries[0]!.lag !== 0;
  for (let i = 1; i < entries.length; i++) {
    const before = entries[i - 1]!;
    const e = entries[i]!;
    if (e.offset < before.offset) rewound = true;
    if (e.lag === 0 || e.lag < before.lag) lagNeverFell = false;
  }
  return { rewound, lagNeverFell };
}

/**
 * WARN: lag never decreased across the window. A consumer caught up within the window (Burrow's
 * rule 1) is keeping pace with bursts, not too slow; that rule stays here, and only here.
 */
function laggingThroughout(w: PartitionWindow, windowStart: number, shape: WindowShape): boolean {
  if (w.entries.length < 2) return false;
  if (!shape.lagNeverFell || (w.caughtUpAt !== null && w.caughtUpAt >= windowStart)) return false;
  return w.lag >= w.entries.at(-1)!.lag;
}

export interface PartitionStatus {
  topic: string;
  partition: number;
  verdict: PartitionVerdict;
  lag: number | null;
  /** Fraction of the window filled, 0..1. */
  complete: number;
}

export interface GroupStatus {
  verdict: GroupVerdict;
  /** Mean window fill over partitions with a verdict; null when none has one. */
  complete: number | null;
  /** The partition that explains the verdict: most severe, then most lag. */
  worst: { topic: string; partition: number; verdict: PartitionVerdict; lag: number | null } | null;
}

const SEVERITY: Record<PartitionVerdict, number> = { unknown: -1, OK: 0, WARN: 1, STALL: 2, STOP: 3, REWIND: 4 };

export function windowComplete(w: PartitionWindow | undefined): number {
  return w ? Math.min(1, w.entries.length / w.size) : 0;
}

export function evaluateGroup(partitions: readonly PartitionStatus[]): GroupStatus {
  // One pass, no filtered copy: the collector calls this for every group of every run.
  let judged = 0;
  let completeSum = 0;
  let worst: PartitionStatus | undefined;
  for (const p of partitions) {
    if (p.verdict !== 'unknown') {
      judged++;
      completeSum += p.complete;
    }
    if (
      !worst ||
      SEVERITY[p.verdict] > SEVERITY[worst.verdict] ||
      (SEVERITY[p.verdict] === SEVERITY[worst.verdict] && (p.lag ?? -1) > (worst.lag ?? -1))
    ) {
      worst = p;
    }
  }
  const verdict: GroupVerdict =
    !worst || judged === 0
      ? 'unknown'
      : SEVERITY[worst.verdict] >= SEVERITY.STALL
        ? 'ERR'
        : (worst.verdict as Extract<PartitionVerdict, GroupVerdict>);
  return {
    verdict,
    complete: judged ? completeSum / judged : null,
    worst: worst ? { topic: worst.topic, partition: worst.partition, verdict: worst.verdict, lag: worst.lag } : null,
  };
}
