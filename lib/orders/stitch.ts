// One order's spans across traces. Async hops (outbox relay, Kafka consumers) usually start new
// traces, tied together by span links or by carrying the same business key. So: the traces whose
// spans carry the key (a point lookup on span_keys), then all their spans, then traces linked from
// or to those (span_links), a few hops deep, every read bounded so a hot key cannot fetch the
// whole store, and every cap that cuts the timeline short named in the result.
import type pg from 'pg';
import type { KeyHit } from '@/lib/store/queries/span-keys';
import type { LinkingTraces } from '@/lib/store/queries/span-links';
import { lookupByKey, lookupByTraces } from '@/lib/store/queries/span-lookup';
import type { StoredSpan } from '@/lib/store/queries/spans';
import { STITCH_LIMITS, type LimitName, type StitchLimits } from './limits';

export { STITCH_LIMITS } from './limits';

export interface Stitched {
  keyHits: KeyHit[];
  traceIds: string[];
  spans: StoredSpan[];
  /** A limit cut the timeline short: the page says so rather than pretending it is complete. */
  truncated: boolean;
  /** Which limits did (empty when `truncated` is false). */
  limitsHit: LimitName[];
}

type Db = pg.Pool | pg.Client;

export async function stitchOrder(
  orderId: string,
  keyNames: readonly string[],
  db?: Db,
  limits: StitchLimits = STITCH_LIMITS,
): Promise<Stitched> {
  const hit = new Set<LimitName>();
  // Round one asks by key directly (key hits, the keyed traces' spans, the traces linking to them,
  // all in one statement), so that the usual order — three traces, one of them found only through
  // a link — costs two round trips.
  const first = await lookupByKey(
    orderId,
    keyNames,
    {
      keyHits: limits.keyHits,
      traces: limits.traces,
      spans: limits.spans + 1,
      linksPerTrace: limits.linkDepth > 0 ? limits.linksPerTrace : 0,
    },
    db,
  );
  const keyHits = first.keyHits;
  if (keyHits.length >= limits.keyHits) hit.add('keyHits');
  const traces = new Set<string>();
  const spans = new Map<string, StoredSpan>();
  const admit = (ids: Iterable<string>): string[] => {
    const fresh: string[] = [];
    for (const id of ids) {
      if (traces.has(id)) continue;
      if (traces.size >= limits.traces) {
        hit.add('traces');
        break;
      }
      traces.add(id);
      fresh.push(id);
    }
    return fresh;
  };

  admit(keyHits.map((h) => h.traceId));
  let fetched = first.spans.filter((s) => traces.has(s.traceId));
  let linkingIn: LinkingTraces = first.linkingIn;
  for (let depth = 0; ; depth++) {
    if (linkingIn.capped) hit.add('linksPerTrace');
    const room = limits.spans - spans.size;
    if (fetched.length > room) hit.add('spans');
    for (const s of fetched.slice(0, room)) spans.set(`${s.traceId}/${s.spanId}`, s);
    if (depth >= limits.linkDepth) break;
    const linked = [...fetched.flatMap((s) => s.linkedTraceIds), ...linkingIn.traceIds].filter((id) => !traces.has(id));
    if (spans.size >= limits.spans) {
      if (linked.length > 0) hit.add('spans');
      break;
    }
    const frontier = admit(linked);
    if (frontier.length === 0) break;
    // Both directions of the links in one statement: outgoing ones come with the spans, incoming
    // ones need the reverse index (not asked on the last hop).
    ({ spans: fetched, linkingIn } = await lookupByTraces(
      frontier,
      { spans: limits.spans - spans.size + 1, linksPerTrace: depth + 1 < limits.linkDepth ? limits.linksPerTrace : 0 },
      db,
    ));
  }

  const limitsHit = [...hit];
  return {
    keyHits,
    traceIds: [...traces],
    // Equal starts: the longer (enclosing) span first, as a waterfall reads; then by id, so that the
    // order never depends on which index range the rows came from.
    spans: [...spans.values()].sort((a, b) => a.startUs - b.startUs || b.endUs - a.endUs || (a.spanId < b.spanId ? -1 : 1)),
    truncated: limitsHit.length > 0,
    limitsHit,
  };
}
