// application/x-protobuf bodies: ExportTraceServiceRequest read straight from the wire
// (./wire.ts) into DecodedItems, with no intermediate message objects. Bytes that are not a valid
// message (truncated, wrong wire types, nesting beyond the stack) make the whole body malformed;
// odd values inside valid framing are left for normalize.ts to reject span by span.
import { emptyAttrs, wireAttrsInto, wireKeyValueAt } from './attrs-proto';
import {
  MalformedBodyError,
  type Attrs,
  type DecodedEvent,
  type DecodedItem,
  type DecodedLink,
  type DecodedRequest,
  type DecodedSpan,
} from './model';
import { I64, LEN, VARINT, WireReader, wrongType } from './wire';

// Field numbers from opentelemetry/proto/trace/v1/trace.proto (lib/otlp/proto).
function span(r: WireReader, end: number): DecodedSpan {
  const s: DecodedSpan = {
    traceId: '',
    spanId: '',
    parentSpanId: '',
    name: '',
    kind: 0,
    // Absent fixed64 fields read as 0, as protobufjs's defaults did: normalize rejects them.
    startNs: 0n,
    endNs: 0n,
    attributes: emptyAttrs(),
    events: [],
    links: [],
    statusCode: 0,
    statusMessage: '',
  };
  while (r.pos < end) {
    const tag = r.uint32(end);
    const wt = tag & 7;
    const field = tag >>> 3;
    if (field === 9) wireKeyValueAt(s.attributes, r, end, wt);
    else if (field === 1 || field === 2 || field === 4) {
      if (wt !== LEN) throw wrongType(`Span field ${field}`, wt);
      const id = r.hex(end);
      if (field === 1) s.traceId = id;
      else if (field === 2) s.spanId = id;
      else s.parentSpanId = id;
    } else if (field === 5) {
      if (wt !== LEN) throw wrongType('Span.name', wt);
      s.name = r.string(end);
    } else if (field === 6) {
      if (wt !== VARINT) throw wrongType('Span.kind', wt);
      s.kind = r.uint32(end) | 0;
    } else if (field === 7 || field === 8) {
      if (wt !== I64) throw wrongType(`Span field ${field}`, wt);
      if (field === 7) s.startNs = r.fixed64(end);
      else s.endNs = r.fixed64(end);
    } else if (field === 11 || field === 13 || field === 15) {
      if (wt !== LEN) throw wrongType(`Span field ${field}`, wt);
      const to = r.len(end);
      if (field === 11) s.events.push(event(r, to));
      else if (field === 13) s.links.push(link(r, to));
      else status(r, to, s);
    } else r.skip(wt, end);
  }
  return s;
}

function event(r: WireReader, end: number): DecodedEvent {
  const e: DecodedEvent = { timeNs: 0n, name: '', attributes: emptyAttrs() };
  while (r.pos < end) {
    const tag = r.uint32(end);
    const wt = tag & 7;
    if (tag >>> 3 === 1 && wt === I64) e.timeNs = r.fixed64(end);
    else if (tag >>> 3 === 2 && wt === LEN) e.name = r.string(end);
    else if (tag >>> 3 === 3) wireKeyValueAt(e.attributes, r, end, wt);
    else if (tag >>> 3 === 1 || tag >>> 3 === 2) throw wrongType('Span.Event', wt);
    else r.skip(wt, end);
  }
  return e;
}

function link(r: WireReader, end: number): DecodedLink {
  const l: DecodedLink = { traceId: '', spanId: '', attributes: emptyAttrs() };
  while (r.pos < end) {
    const tag = r.uint32(end);
    const wt = tag & 7;
    if (tag >>> 3 === 1 && wt === LEN) l.traceId = r.hex(end);
    else if (tag >>> 3 === 2 && wt === LEN) l.spanId = r.hex(end);
    else if (tag >>> 3 === 4) wireKeyValueAt(l.attributes, r, end, wt);
    else if (tag >>> 3 === 1 || tag >>> 3 === 2) throw wrongType('Span.Link', wt);
    else r.skip(wt, end);
  }
  return l;
}

// A repeated status field replaces the earlier one (as protobufjs did), not merges with it.
function status(r: WireReader, end: number, s: DecodedSpan): void {
  s.statusCode = 0;
  s.statusMessage = '';
  while (r.pos < end) {
    const tag = r.uint32(end);
    const wt = tag & 7;
    if (tag >>> 3 === 2 && wt === LEN) s.statusMessage = r.string(end);
    else if (tag >>> 3 === 3 && wt === VARINT) s.statusCode = r.uint32(end) | 0;
    else if (tag >>> 3 === 2 || tag >>> 3 === 3) throw wrongType('Status', wt);
    else r.skip(wt, end);
  }
}

/** Field `field` of each message of the repeated message field read, handed to `each` with its end. */
function repeated(r: WireReader, end: number, field: number, name: string, each: (to: number) => void): void {
  while (r.pos < end) {
    const tag = r.uint32(end);
    if (tag >>> 3 !== field) r.skip(tag & 7, end);
    else if ((tag & 7) !== LEN) throw wrongType(name, tag & 7);
    else {
      const to = r.len(end);
      each(to);
      r.pos = to;
    }
  }
}

function resourceSpans(r: WireReader, end: number, items: DecodedItem[]): void {
  // One resource object per ResourceSpans, shared by its spans (normalize caches its JSON by it).
  let resource: Attrs = emptyAttrs();
  const spans: DecodedSpan[] = [];
  while (r.pos < end) {
    const tag = r.uint32(end);
    const wt = tag & 7;
    if (tag >>> 3 === 1) {
      if (wt !== LEN) throw wrongType('ResourceSpans.resource', wt);
      // A repeated resource field replaces the earlier one, as protobufjs did.
      resource = wireAttrsInto(emptyAttrs(), r, r.len(end), 1);
    } else if (tag >>> 3 === 2) {
      if (wt !== LEN) throw wrongType('ResourceSpans.scope_spans', wt);
      repeated(r, r.len(end), 2, 'ScopeSpans.spans', (to) => spans.push(span(r, to)));
    } else r.skip(wt, end);
  }
  // Paired after the loop: the resource field may come after the spans on the wire.
  for (const s of spans) items.push({ resource, span: s });
}

export function decodeProtobuf(body: Uint8Array): DecodedRequest {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const items: DecodedItem[] = [];
  try {
    const r = new WireReader(bytes);
    repeated(r, bytes.length, 1, 'ExportTraceServiceRequest.resource_spans', (to) => resourceSpans(r, to, items));
  } catch (error) {
    // Bad framing, and a RangeError when nesting exhausts the stack.
    throw new MalformedBodyError(`not an ExportTraceServiceRequest: ${(error as Error).message}`, { cause: error });
  }
  return { items };
}
