// DLQ volume: depth, inflow, newest and oldest age, and the error classes of what newly arrived.
//
// Reading messages (for ages and classes) costs a consumer-group join, so it happens only when the
// offsets moved: a quiet DLQ, the normal case, costs one ListOffsets per run and its ages come from
// timestamps remembered in state. When something did move, the run reads through one throwaway
// group (lib/dlq/peek.ts) rather than a member kept across runs: a long-lived member would show up
// as a consumer group in the very cluster we monitor, would need heartbeats between runs, and would
// be left in an unknown state by a run the runner timed out. The join costs the broker's
// group.initial.rebalance.delay.ms (3 s by default), paid only on runs where the DLQ changed.
import type { DlqConfig, TruthflowConfig } from '@/lib/config';
import { errorClassOf } from '@/lib/dlq/headers';
import { dlqError } from '@/lib/dlq/peek';
import { readRanges, type OffsetRange, type ReadMessage } from '@/lib/kafka/read-ranges';
import { TruthflowError } from '@/lib/errors';
import { isUnknownTopic } from '@/lib/kafka/errors';
import { SERIES } from '@/lib/series-names';
import type { CollectContext, JobOutput, Collector, SampleInput } from './types';

/** Newly arrived messages whose headers are read per run. */
export const MAX_CLASS_SAMPLE = 200;
/** Distinct error classes kept as labels per run; the rest are counted as "other". */
export const MAX_CLASSES = 20;
export const OTHER_CLASS = 'other';

/** The record timestamp found at a partition edge, and the edge offset (start, or end) it belongs to. */
interface Stamp {
  edge: number;
  ts: number;
}
/**
 * Edges are read a few offsets deep: a transactional producer (Spring with transactions) ends
 * every partition with a commit marker, which is an offset without a record.
 */
export const EDGE_WINDOW = 4;
export interface DlqState {
  /** End offset per partition and when it was read; undefined before the first successful run. */
  previous?: { at: number; ends: Map<number, number> };
  /** Per partition: timestamp of the first record from start (oldest) and the last before end (newest). */
  oldest: Map<number, Stamp>;
  newest: Map<number, Stamp>;
}

interface Partition {
  partition: number;
  start: number;
  end: number;
}

/**
 * Splits the sample budget over partitions in proportion to what arrived in each, newest first.
 * Every partition with arrivals gets at least one, so many partitions may overshoot by a few.
 */
function classRanges(parts: Partition[], prev: Map<number, number>): { ranges: OffsetRange[]; arrived: number } {
  const fresh = parts.map((p) => ({ ...p, from: Math.max(p.start, prev.get(p.partition) ?? 0) })).filter((p) => p.end > p.from);
  const arrived = fresh.reduce((s, p) => s + p.end - p.from, 0);
  const share = Math.min(1, MAX_CLASS_SAMPLE / Math.max(1, arrived));
  const ranges = fresh.map((p) => ({ partition: p.partition, from: p.end - Math.max(1, Math.floor((p.end - p.from) * share)), to: p.end }));
  return { ranges, arrived };
}

function countClasses(messages: ReadMessage[], dlq: DlqConfig): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) {
    const cls = errorClassOf(m.headers, dlq.errorClassHeader);
    const label = counts.has(cls) || counts.size < MAX_CLASSES ? cls : OTHER_CLASS;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}

/**
 * Remembers timestamps read at partition edges and forgets those whose edge moved. The first and
 * last record of an edge window are trusted only when the read completed; an exact edge always.
 */
function updateStamps(state: DlqState, parts: Partition[], messages: ReadMessage[], complete: boolean): void {
  for (const p of parts) {
    if (state.oldest.get(p.partition)?.edge !== p.start) state.oldest.delete(p.partition);
    if (state.newest.get(p.partition)?.edge !== p.end) state.newest.delete(p.partition);
    const dated = messages.filter((m) => m.partition === p.partition && m.timestamp > 0).sort((a, b) => a.offset - b.offset);
    const first = dated.find((m) => m.offset < p.start + EDGE_WINDOW);
    const last = dated.findLast((m) => m.offset >= p.end - EDGE_WINDOW);
    if (first && (complete || first.offset === p.start)) state.oldest.set(p.partition, { edge: p.start, ts: first.timestamp });
    if (last && (complete || last.offset === p.end - 1)) state.newest.set(p.partition, { edge: p.end, ts: last.timestamp });
  }
}

// kafkajs keeps cluster metadata for minutes and does not refresh it on these: a moved leader, or
// a deleted topic it once looked up (which makes every lookup say "unknown topic", see
// lib/kafka/offsets.ts). Only a fresh client forgets, so such a failure gets one retry on a new one.
const STALE_METADATA = new Set(['NOT_LEADER_FOR_PARTITION', 'LEADER_NOT_AVAILABLE', 'UNKNOWN_TOPIC_OR_PARTITION']);
function isStaleMetadata(error: unknown): boolean {
  for (let e = error as { type?: string; cause?: unknown } | undefined, i = 0; e && i < 8; e = e.cause as typeof e, i++) {
    if (e.type && STALE_METADATA.has(e.type)) return true;
  }
  return false;
}

/** Start and end offset of every partition of the DLQ topic. */
async function partitionsOf(ctx: CollectContext<DlqConfig, DlqState>): Promise<Partition[]> {
  const dlq = ctx.target;
  for (let attempt = 0; ; attempt++) {
    try {
      const admin = await ctx.clients.kafkaAdmin(dlq.source);
      const offsets = await admin.fetchTopicOffsets(dlq.topic);
      return offsets.map((o) => ({ partition: o.partition, start: Number(o.low), end: Number(o.high) }));
    } catch (error) {
      if (attempt > 0 || !isStaleMetadata(error)) throw dlqError(error, dlq);
      if (isUnknownTopic(error)) {
        const topics = await ctx.clients
          .kafkaAdmin(dlq.source)
          .then((admin) => admin.listTopics())
          .catch((e: unknown) => Promise.reject(dlqError(e, dlq)));
        if (!topics.includes(dlq.topic)) {
          // A DLQ deleted after an earlier run poisons this client for every collector sharing it.
          await ctx.clients.discard(dlq.source);
          throw new TruthflowError('config', `DLQ topic "${dlq.topic}" does not exist on cluster "${dlq.source}"`);
        }
      }
      await ctx.clients.discard(dlq.source);
    }
  }
}

async function collect(ctx: CollectContext<DlqConfig, DlqState>): Promise<JobOutput> {
  const { target: dlq, state } = ctx;
  const labels = { dlq: dlq.name };
  const parts = await partitionsOf(ctx);
  const now = ctx.now().getTime();
  const notes: string[] = [];
  const samples: SampleInput[] = [];
  // kafkajs asks for end offsets read-committed: the end is the last stable offset, so records of
  // a transaction still open count once committed, and commit markers count as offsets.
  const depth = parts.reduce((s, p) => s + Math.max(0, p.end - p.start), 0);
  samples.push({ metric: SERIES.dlqDepthMessages, labels, value: depth });

  let prev = state.previous;
  if (prev && parts.some((p) => p.end < (prev!.ends.get(p.partition) ?? 0))) {
    notes.push('end offsets went backwards (topic recreated?): inflow restarts next run');
    prev = undefined;
  }
  // Unknown is not zero: without a previous point (first run, or after a reset) no inflow sample.
  let inflow: number | undefined;
  if (prev && now > prev.at) {
    const arrived = parts.reduce((s, p) => s + p.end - (prev!.ends.get(p.partition) ?? 0), 0);
    inflow = arrived / ((now - prev.at) / 60_000);
    samples.push({ metric: SERIES.dlqInflowPerMinute, labels, value: inflow });
  }

  const nonEmpty = parts.filter((p) => p.end > p.start);
  const cls = prev ? classRanges(nonEmpty, prev.ends) : { ranges: [], arrived: 0 };
  const ranges: OffsetRange[] = [...cls.ranges];
  for (const p of nonEmpty) {
    if (state.oldest.get(p.partition)?.edge !== p.start)
      ranges.push({ partition: p.partition, from: p.start, to: Math.min(p.end, p.start + EDGE_WINDOW) });
    if (state.newest.get(p.partition)?.edge !== p.end)
      ranges.push({ partition: p.partition, from: Math.max(p.start, p.end - EDGE_WINDOW), to: p.end });
  }
  let messages: ReadMessage[] = [];
  let complete = true;
  if (ranges.length > 0) {
    // Leaves a quarter of the run's timeout for leaving and deleting the reader group.
    const deadlineMs = ctx.config.collectors.timeoutSeconds * 1000 * 0.75;
    try {
      const admin = await ctx.clients.kafkaAdmin(dlq.source);
      const read = await readRanges(ctx.clients.kafka(dlq.source), admin, dlq.topic, ranges, {
        deadlineMs,
        signal: ctx.signal,
        keepValues: false,
      });
      messages = read.messages;
      complete = read.complete;
      if (!read.complete) notes.push('message read stopped early (deadline or size bound): ages or classes may be partial');
      if (!read.groupDeleted)
        notes.push('could not delete the throwaway reader group (needs Delete on the group); the broker drops it later');
    } catch (error) {
      complete = false;
      if (ctx.signal.aborted) throw dlqError(error, dlq);
      // Depth and inflow came from the admin API and stand on their own; a read that failed (say,
      // no Read ACL on reader groups) leaves only ages and classes unknown, and says why.
      const failure = dlqError(error, dlq);
      notes.push(`could not read messages (${failure.kind}: ${failure.message}): ages and error classes unknown`);
    }
  }

  updateStamps(state, nonEmpty, messages, complete);
  const ages = (stamps: Map<number, Stamp>, pick: (ts: number[]) => number) => {
    // A partition whose edge could not be read might hold the extreme: then the age is unknown.
    const ts = nonEmpty.map((p) => stamps.get(p.partition)?.ts);
    return ts.length > 0 && ts.every((t) => t !== undefined) ? Math.max(0, (now - pick(ts as number[])) / 1000) : undefined;
  };
  // An empty DLQ has no message to be old: no age sample, and the depth of 0 says why.
  const newestAge = ages(state.newest, (ts) => Math.max(...ts));
  const oldestAge = ages(state.oldest, (ts) => Math.min(...ts));
  if (newestAge !== undefined) samples.push({ metric: SERIES.dlqNewestAgeSeconds, labels, value: newestAge });
  if (oldestAge !== undefined) samples.push({ metric: SERIES.dlqOldestAgeSeconds, labels, value: oldestAge });
  if (depth > 0 && (newestAge === undefined || oldestAge === undefined))
    notes.push('message ages unknown: edge messages could not be read');

  const inClassRanges = (m: ReadMessage) => cls.ranges.some((r) => r.partition === m.partition && m.offset >= r.from && m.offset < r.to);
  const sampled = messages.filter(inClassRanges);
  const counts = countClasses(sampled, dlq);
  for (const [errorClass, n] of counts)
    samples.push({ metric: SERIES.dlqErrorClassMessages, labels: { ...labels, error_class: errorClass }, value: n });
  if (cls.arrived > sampled.length) notes.push(`error classes sampled from ${sampled.length} of ${cls.arrived} new messages`);

  state.previous = { at: now, ends: new Map(parts.map((p) => [p.partition, p.end])) };
  const classes = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c}×${n}`)
    .join(', ');
  const summary = [
    `depth ${depth} over ${parts.length} partitions`,
    inflow === undefined ? 'inflow unknown (no previous run)' : `inflow ${inflow.toFixed(1)}/min`,
    newestAge === undefined ? undefined : `newest ${Math.round(newestAge)} s`,
    oldestAge === undefined ? undefined : `oldest ${Math.round(oldestAge)} s`,
    classes ? `new: ${classes}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return { samples, summary, notes: notes.length ? notes : undefined };
}

export const dlqCollector: Collector<DlqConfig, DlqState> = {
  name: 'dlq',
  targets: (config: TruthflowConfig) => config.dlqs,
  initialState: () => ({ oldest: new Map(), newest: new Map() }),
  collect,
};
