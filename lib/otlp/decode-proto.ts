// application/x-protobuf bodies: ExportTraceServiceRequest decoded by protobufjs, then flattened
// into DecodedItems. Bytes that are not a valid message (truncated, wrong wire types, nesting
// beyond the stack) make the whole body malformed; odd values inside valid framing are left for
// normalize.ts to reject span by span.
import { protoAttrs, type ProtoKeyValue } from './attrs-proto';
import { toBigInt } from './int64';
import { MalformedBodyError, type DecodedItem, type DecodedRequest, type DecodedSpan } from './model';
import { otlpTypes } from './protos';
import { storable } from './text';

interface ProtoSpan {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  parentSpanId?: Uint8Array;
  name?: string;
  kind?: number;
  startTimeUnixNano?: unknown;
  endTimeUnixNano?: unknown;
  attributes?: ProtoKeyValue[];
  events?: { timeUnixNano?: unknown; name?: string; attributes?: ProtoKeyValue[] }[];
  links?: { traceId?: Uint8Array; spanId?: Uint8Array; attributes?: ProtoKeyValue[] }[];
  status?: { code?: number; message?: string } | null;
}

interface ProtoRequest {
  resourceSpans?: { resource?: { attributes?: ProtoKeyValue[] } | null; scopeSpans?: { spans?: ProtoSpan[] }[] }[];
}

// A view, not a copy: ids are the bulk of the byte fields in a request.
const hex = (bytes: Uint8Array | undefined): string =>
  bytes && bytes.length ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex') : '';

function span(s: ProtoSpan): DecodedSpan {
  return {
    traceId: hex(s.traceId),
    spanId: hex(s.spanId),
    parentSpanId: hex(s.parentSpanId),
    name: storable(s.name ?? ''),
    kind: s.kind ?? 0,
    startNs: toBigInt(s.startTimeUnixNano),
    endNs: toBigInt(s.endTimeUnixNano),
    attributes: protoAttrs(s.attributes),
    events: (s.events ?? []).map((e) => ({
      timeNs: toBigInt(e.timeUnixNano),
      name: storable(e.name ?? ''),
      attributes: protoAttrs(e.attributes),
    })),
    links: (s.links ?? []).map((l) => ({ traceId: hex(l.traceId), spanId: hex(l.spanId), attributes: protoAttrs(l.attributes) })),
    statusCode: s.status?.code ?? 0,
    statusMessage: storable(s.status?.message ?? ''),
  };
}

export function decodeProtobuf(body: Uint8Array): DecodedRequest {
  let message: ProtoRequest;
  try {
    // As a Buffer, protobufjs reads strings with Node's native UTF-8 decoder instead of its own JS one.
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    message = otlpTypes().ExportTraceServiceRequest.decode(bytes) as ProtoRequest;
  } catch (error) {
    // protobufjs throws on bad framing, and a RangeError when nesting exhausts the stack.
    throw new MalformedBodyError(`not an ExportTraceServiceRequest: ${(error as Error).message}`, { cause: error });
  }
  const items: DecodedItem[] = [];
  for (const rs of message.resourceSpans ?? []) {
    const resource = protoAttrs(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) items.push({ resource, span: span(s) });
    }
  }
  return { items };
}
