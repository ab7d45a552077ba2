// One order's spans across traces. Async hops (outbox relay, Kafka consumers) usually start new
// traces, tied together by span links or by carrying the same business key. So: the traces whose
// spans carry the key (a point lookup on span_keys), then all their spans, then traces linked from
// or to those, a few hops deep, everything bounded so a hot key cannot fetch the whole store.
import type pg from 'pg';
import { findKeyHits, type KeyHit } from '@/lib/store/queries/span-keys';
import { spansOfKeyedTraces, spansOfTraces, tracesLinkingTo, tracesLinkingToKeyed, type StoredSpan } from '@/lib/store/queries/spans';

export const STITCH_LIMITS = {
  keyHits: 1_000,
  traces: 200,
  spans: 2_000,
  /** Link hops followed beyond the traces that carry the key. */
  linkDepth: 3,
};

export interface Stitched {
  keyHits: KeyHit[];
  traceIds: string[];
  spans: StoredSpan[];
  /** A limit cut the timeline short: the page says so rather than pretending it is complete. */
  truncated: boolean;
}

type Db = pg.Pool | pg.Client;

export async function stitchOrder(orderId: string, keyNames: readonly string[], db?: Db, limits = STITCH_LIMITS): Promise<Stitched> {
  // Round one asks by key directly (three statements at once), so that the usual order — three
  // traces, one of them found only through a link — costs two round trips, not three.
  const [keyHits, keyedSpans, keyedLinkingIn] = await Promise.all([
    findKeyHits(orderId, keyNames, limits.keyHits, db),
    spansOfKeyedTraces(orderId, keyNames, limits.traces, limits.spans + 1, db),
    limits.linkDepth > 0 ? tracesLinkingToKeyed(orderId, keyNames, limits.traces, limits.traces, db) : Promise.resolve([]),
  ]);
  let truncated = keyHits.length >= limits.keyHits;
  const traces = new Set<string>();
  const spans = new Map<string, StoredSpan>();
  const admit = (ids: Iterable<string>): string[] => {
    const fresh: string[] = [];
    for (const id of ids) {
      if (traces.has(id)) continue;
      if (traces.size >= limits.traces) {
        truncated = true;
        break;
      }
      traces.add(id);
      fresh.push(id);
    }
    return fresh;
  };

  admit(keyHits.map((h) => h.traceId));
  let fetched = keyedSpans.filter((s) => traces.has(s.traceId));
  let linkingIn = keyedLinkingIn;
  for (let depth = 0; ; depth++) {
    const room = limits.spans - spans.size;
    if (fetched.length > room) truncated = true;
    for (const s of fetched.slice(0, room)) spans.set(`${s.traceId}/${s.spanId}`, s);
    if (depth >= limits.linkDepth) break;
    const linked = [...fetched.flatMap((s) => s.linkedTraceIds), ...linkingIn].filter((id) => !traces.has(id));
    if (spans.size >= limits.spans) {
      truncated ||= linked.length > 0;
      break;
    }
    const frontier = admit(linked);
    if (frontier.length === 0) break;
    // Both directions of the links at once: outgoing ones come with the spans, incoming ones need
    // the reverse index.
    [fetched, linkingIn] = await Promise.all([
      spansOfTraces(frontier, limits.spans - spans.size + 1, db),
      depth + 1 < limits.linkDepth ? tracesLinkingTo(frontier, limits.traces, db) : Promise.resolve([]),
    ]);
  }

  return {
    keyHits,
    traceIds: [...traces],
    // Equal starts: the longer (enclosing) span first, as a waterfall reads.
    spans: [...spans.values()].sort((a, b) => a.startUs - b.startUs || b.endUs - a.endUs),
    truncated,
  };
}
