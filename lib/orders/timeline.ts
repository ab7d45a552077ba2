// The waterfall's structure: lanes by store, hops (one service's work in one trace) and the gaps
// between hops, labelled with where the change waited ("3.2 s in Kafka topic order-events").
import type { Gap, Hop, Lane, Timeline, TimelineSpan } from './types';
import { formatDuration, laneLabel, topicOfLane } from './words';

const SPAN_KIND_PRODUCER = 4;
const SPAN_KIND_CONSUMER = 5;

export function lanesOf(spans: readonly TimelineSpan[]): Lane[] {
  const lanes = new Map<string, Lane>();
  for (const s of spans) {
    let lane = lanes.get(s.lane);
    if (!lane) lanes.set(s.lane, (lane = { name: s.lane, label: laneLabel(s.lane), spanIds: [] }));
    lane.spanIds.push(s.spanId);
  }
  return [...lanes.values()]; // in order of first activity, since spans come sorted by start
}

export function hopsOf(spans: readonly TimelineSpan[]): Hop[] {
  const hops = new Map<string, Hop>();
  for (const s of spans) {
    const key = `${s.traceId}/${s.serviceName}`;
    const hop = hops.get(key);
    if (!hop) hops.set(key, { service: s.serviceName, traceId: s.traceId, startUs: s.startUs, endUs: s.endUs, spanIds: [s.spanId] });
    else {
      hop.startUs = Math.min(hop.startUs, s.startUs);
      hop.endUs = Math.max(hop.endUs, s.endUs);
      hop.spanIds.push(s.spanId);
    }
  }
  return [...hops.values()].sort((a, b) => a.startUs - b.startUs || a.endUs - b.endUs);
}

/** Where the change waited between `prev` ending and `next` starting. */
export function gapLabel(prev: readonly TimelineSpan[], next: readonly TimelineSpan[], nextService: string, us: number): string {
  const d = formatDuration(us);
  const consumed = next.find((s) => s.kind === SPAN_KIND_CONSUMER && topicOfLane(s.lane));
  if (consumed) return `${d} in Kafka topic ${topicOfLane(consumed.lane)}`;
  const published = next.some((s) => s.kind === SPAN_KIND_PRODUCER && s.lane.startsWith('kafka'));
  if (published && prev.some((s) => s.lane === 'postgres')) return `${d} in the Postgres outbox`;
  return `${d} before ${nextService} started`;
}

export function buildTimeline(spans: readonly TimelineSpan[]): Timeline {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const spansOf = (hop: Hop) => hop.spanIds.map((id) => byId.get(id)!).filter(Boolean);
  const hops = hopsOf(spans);
  const gaps: Gap[] = [];
  // A gap is time when no hop was running: overlapping hops (synchronous calls) leave none.
  let reach: Hop | undefined;
  for (const hop of hops) {
    if (reach && hop.startUs > reach.endUs) {
      gaps.push({
        startUs: reach.endUs,
        endUs: hop.startUs,
        label: gapLabel(spansOf(reach), spansOf(hop), hop.service, hop.startUs - reach.endUs),
      });
    }
    if (!reach || hop.endUs > reach.endUs) reach = hop;
  }
  return {
    startUs: spans.length ? Math.min(...spans.map((s) => s.startUs)) : 0,
    endUs: spans.length ? Math.max(...spans.map((s) => s.endUs)) : 0,
    lanes: lanesOf(spans),
    hops,
    gaps,
  };
}
