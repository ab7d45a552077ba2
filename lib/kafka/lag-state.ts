// What the kafka-lag collector remembers between runs of one cluster: the (end offset, time)
// tables per topic-partition, shared by all groups, the verdict windows per group-partition, and
// the message timestamps read for exact lag seconds (lib/kafka/exact-lag).
// Both are bounded per entry and forgotten when their partition has not been seen for a while, so
// a cluster's churn of groups and topics cannot grow the process without limit.
// A big cluster has 200,000 group-partitions a run: state is nested group → topic → partition so
// that a run builds no key strings, and forgetting walks groups, not every partition.
import { inPartitionOrder, lagOf, topicsOf, type PartitionLag } from './lag';
import { createOffsetTimeTable, estimateLagSeconds, recordEndOffset, type LagSeconds, type OffsetTimeTable } from './lag-seconds';
import type { GroupOffsets } from './offsets';
import {
  evaluateGroup,
  evaluatePartition,
  observePartition,
  windowComplete,
  type GroupStatus,
  type PartitionVerdict,
  type PartitionWindow,
  type VerdictOptions,
} from './verdict';

export interface Tracked<T> {
  value: T;
  seenAt: number;
}

/** One group's verdict windows; a window's own observedAt says when its partition was last seen. */
export interface GroupWindows {
  /** topic → partition → window. */
  topics: Map<string, Map<number, PartitionWindow>>;
  /** Windows held, over all topics. */
  size: number;
  /** The latest run that assessed the group, and how many of its windows that run observed. */
  seenAt: number;
  observed: number;
}

export interface LagState {
  /** topic → partition → offset/time table. */
  tables: Map<string, Map<number, Tracked<OffsetTimeTable>>>;
  /** groupId → its windows. */
  groups: Map<string, GroupWindows>;
  /** No group was last assessed before this: until it is old, forgetUnseen need not walk the groups. */
  groupsSeenSince: number;
  /** Groups holding windows their latest run did not observe: all forgetUnseen walks otherwise. */
  staleGroups: Set<string>;
  /** Epoch ms of the first message at or after a committed offset, keyed by exact-lag positionKey. */
  messageTimes: Map<string, Tracked<number>>;
}

/** A partition not seen for this long (group deleted, topic gone) is forgotten. */
export const FORGET_AFTER_MS = 30 * 60_000;

export function createLagState(): LagState {
  return { tables: new Map(), groups: new Map(), groupsSeenSince: Infinity, staleGroups: new Set(), messageTimes: new Map() };
}

const SEP = '\u0000';
/** A group's place in a partition, the key of a remembered message timestamp. */
export const positionKey = (p: { topic: string; partition: number; committed: number }) =>
  `${p.topic}${SEP}${p.partition}${SEP}${p.committed}`;
/** The committed offset a positionKey names. */
export const positionOffset = (key: string) => Number(key.slice(key.lastIndexOf(SEP) + 1));

export function recordEndOffsets(state: LagState, endOffsets: ReadonlyMap<string, ReadonlyMap<number, number>>, now: number): void {
  for (const [topic, partitions] of endOffsets) {
    let tables = state.tables.get(topic);
    if (!tables) state.tables.set(topic, (tables = new Map()));
    for (const [partition, end] of partitions) {
      let tracked = tables.get(partition);
      if (!tracked) {
        tracked = { value: createOffsetTimeTable(), seenAt: now };
        tables.set(partition, tracked);
      }
      tracked.seenAt = now;
      const newest = tracked.value.points.at(-1);
      if (!recordEndOffset(tracked.value, end, now) && newest && end < newest.offset) {
        // The end offset went backwards: the topic was deleted and recreated. Its history is
        // meaningless now; start a fresh table rather than refuse every point from here on.
        tracked.value = createOffsetTimeTable();
        recordEndOffset(tracked.value, end, now);
        const prefix = `${topic}${SEP}${partition}${SEP}`;
        for (const read of state.messageTimes.keys()) if (read.startsWith(prefix)) state.messageTimes.delete(read);
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
  const assessor = new GroupAssessor(state, groupId, members, now);
  for (const p of lags) assessor.add(p.topic, p.partition, p.committed, p.end, p.lag);
  return assessor.result();
}

/** assessGroup(state, group.groupId, group.members, partitionLagsOf(group, endOffsets), now) without the PartitionLag copies. */
export function assessGroupOffsets(
  state: LagState,
  group: GroupOffsets,
  endOffsets: ReadonlyMap<string, ReadonlyMap<number, number>>,
  now: number,
): GroupAssessment {
  const assessor = new GroupAssessor(state, group.groupId, group.members, now);
  // partitionLagsOf's walk, inlined: no PartitionLag objects and no callback per partition.
  for (const topic of topicsOf(group)) {
    const ends = endOffsets.get(topic);
    if (!ends) continue;
    const committedByPartition = group.committed.get(topic);
    for (const [partition, end] of inPartitionOrder(ends)) {
      const committed = committedByPartition?.get(partition) ?? null;
      assessor.add(topic, partition, committed, end, lagOf(committed, end));
    }
  }
  return assessor.result();
}

/**
 * Assesses one group's partitions in topic order. The group's windows are looked up once per
 * group and the tables and windows of a topic once per topic, not once per partition.
 */
class GroupAssessor {
  private readonly partitions: PartitionAssessment[] = [];
  private readonly verdictOptions: VerdictOptions;
  private group: GroupWindows | undefined;
  private topic: string | undefined;
  private tables: Map<number, Tracked<OffsetTimeTable>> | undefined;
  private windows: Map<number, PartitionWindow> | undefined;

  constructor(
    private readonly state: LagState,
    private readonly groupId: string,
    members: number | null,
    private readonly now: number,
  ) {
    this.verdictOptions = { consumerActive: (members ?? 0) > 0 };
    this.group = state.groups.get(groupId);
    if (this.group) markAssessed(this.group, now);
  }

  add(topic: string, partition: number, committed: number | null, end: number, lag: number | null): void {
    if (committed === null || lag === null) {
      this.partitions.push({ topic, partition, committed, end, lag, seconds: NO_COMMIT.seconds, verdict: 'unknown', complete: 0 });
      return;
    }
    if (topic !== this.topic) this.enterTopic(topic);
    const table = this.tables?.get(partition)?.value;
    const seconds = table ? estimateLagSeconds(table, committed, this.now) : NO_COMMIT.seconds;
    const window = this.observe(topic, partition, committed, lag);
    const verdict = evaluatePartition(window, this.now, this.verdictOptions);
    this.partitions.push({ topic, partition, committed, end, lag, seconds, verdict, complete: windowComplete(window) });
  }

  result(): GroupAssessment {
    if (this.group && this.group.size > this.group.observed) this.state.staleGroups.add(this.groupId);
    return { partitions: this.partitions, status: evaluateGroup(this.partitions) };
  }

  private enterTopic(topic: string): void {
    this.topic = topic;
    this.tables = this.state.tables.get(topic);
    this.windows = this.group?.topics.get(topic);
  }

  private observe(topic: string, partition: number, committed: number, lag: number): PartitionWindow {
    const windows = this.windows ?? this.createWindows(topic);
    const known = windows.get(partition);
    const group = this.group!;
    // Counted once per run, however often a partition comes up: what forgetUnseen compares with size.
    if (known?.observedAt !== this.now) group.observed++;
    const window = observePartition(known, { committed, lag, at: this.now });
    if (!known) {
      windows.set(partition, window);
      group.size++;
    }
    return window;
  }

  private createWindows(topic: string): Map<number, PartitionWindow> {
    if (!this.group) {
      this.group = { topics: new Map(), size: 0, seenAt: this.now, observed: 0 };
      this.state.groups.set(this.groupId, this.group);
      this.state.groupsSeenSince = Math.min(this.state.groupsSeenSince, this.now);
    }
    const windows = new Map<number, PartitionWindow>();
    this.group.topics.set(topic, windows);
    this.windows = windows;
    return windows;
  }
}

function markAssessed(group: GroupWindows, now: number): void {
  if (group.seenAt === now) return;
  group.seenAt = now;
  group.observed = 0;
}

/**
 * Forgets what has not been seen for maxAgeMs. A group's windows all go with it when the group
 * was not assessed for that long. Groups' last-seen times only grow, so all groups are walked only
 * when the oldest of them, as of the last walk, has grown old: about once per maxAgeMs on a steady
 * cluster. Other runs walk only the stale groups: those holding windows their latest run did not
 * observe (a topic the group stopped reading, a partition gone).
 */
export function forgetUnseen(state: LagState, now: number, maxAgeMs = FORGET_AFTER_MS): void {
  const old = (seenAt: number) => now - seenAt > maxAgeMs;
  if (old(state.groupsSeenSince)) forgetGroups(state, old);
  else for (const groupId of state.staleGroups) pruneStaleGroup(state, groupId, old);
  for (const [topic, tables] of state.tables) {
    for (const [partition, tracked] of tables) if (old(tracked.seenAt)) tables.delete(partition);
    if (tables.size === 0) state.tables.delete(topic);
  }
  for (const [key, tracked] of state.messageTimes) if (old(tracked.seenAt)) state.messageTimes.delete(key);
}

function forgetGroups(state: LagState, old: (seenAt: number) => boolean): void {
  let oldest = Infinity;
  for (const [groupId, group] of state.groups) {
    if (old(group.seenAt)) forgetGroup(state, groupId);
    else if (pruneStaleGroup(state, groupId, old)) oldest = Math.min(oldest, group.seenAt);
  }
  state.groupsSeenSince = oldest;
}

/** Drops a stale group's windows last observed too long ago; returns whether the group is still held. */
function pruneStaleGroup(state: LagState, groupId: string, old: (seenAt: number) => boolean): boolean {
  const group = state.groups.get(groupId);
  if (!group || group.size <= group.observed) {
    state.staleGroups.delete(groupId);
    return group !== undefined;
  }
  for (const [topic, windows] of group.topics) {
    for (const [partition, window] of windows) {
      if (!old(window.observedAt)) continue;
      windows.delete(partition);
      group.size--;
    }
    if (windows.size === 0) group.topics.delete(topic);
  }
  if (group.size > 0) return true;
  forgetGroup(state, groupId);
  return false;
}

function forgetGroup(state: LagState, groupId: string): void {
  state.groups.delete(groupId);
  state.staleGroups.delete(groupId);
}
