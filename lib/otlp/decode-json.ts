// application/json bodies: JSON.parse, the envelope checked with zod (a bad envelope is a 400),
// then each span checked on its own (a bad span becomes a problem, i.e. a partial success).
import { z } from 'zod';
import { jsonAttrs } from './attrs-json';
import { toBigInt } from './int64';
import { jsonRequest, jsonSpan } from './json-schema';
import { MalformedBodyError, type Attrs, type DecodedItem, type DecodedRequest, type DecodedSpan } from './model';
import { hexId, storable } from './text';

const decoder = new TextDecoder('utf-8', { fatal: false });

function span(raw: unknown): DecodedSpan {
  const s = jsonSpan.parse(raw);
  return {
    traceId: hexId(s.traceId ?? ''),
    spanId: hexId(s.spanId ?? ''),
    parentSpanId: hexId(s.parentSpanId ?? ''),
    name: storable(s.name ?? ''),
    kind: s.kind ?? 0,
    startNs: s.startTimeUnixNano == null ? null : toBigInt(s.startTimeUnixNano),
    endNs: s.endTimeUnixNano == null ? null : toBigInt(s.endTimeUnixNano),
    attributes: jsonAttrs(s.attributes),
    events: (s.events ?? []).map((e) => ({
      timeNs: e.timeUnixNano == null ? null : toBigInt(e.timeUnixNano),
      name: storable(e.name ?? ''),
      attributes: jsonAttrs(e.attributes),
    })),
    links: (s.links ?? []).map((l) => ({
      traceId: hexId(l.traceId ?? ''),
      spanId: hexId(l.spanId ?? ''),
      attributes: jsonAttrs(l.attributes),
    })),
    statusCode: s.status?.code ?? 0,
    statusMessage: storable(s.status?.message ?? ''),
  };
}

function problemOf(error: unknown): string {
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    return `${issue?.path.join('.') || 'span'}: ${issue?.message ?? 'invalid'}`;
  }
  // RangeError from nesting that exhausted the stack, or anything else unexpected in one span.
  return (error as Error).message;
}

export function decodeJson(body: Uint8Array): DecodedRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(body));
  } catch (error) {
    throw new MalformedBodyError(`not JSON: ${(error as Error).message}`, { cause: error });
  }
  const envelope = jsonRequest.safeParse(parsed);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    throw new MalformedBodyError(`not an ExportTraceServiceRequest: ${issue?.path.join('.') || 'body'}: ${issue?.message}`);
  }
  const items: DecodedItem[] = [];
  for (const rs of envelope.data.resourceSpans ?? []) {
    let resource: Attrs;
    try {
      resource = jsonAttrs(rs.resource?.attributes);
    } catch (error) {
      throw new MalformedBodyError(`resource attributes: ${problemOf(error)}`, { cause: error });
    }
    for (const ss of rs.scopeSpans ?? []) {
      for (const raw of ss.spans ?? []) {
        try {
          items.push({ resource, span: span(raw) });
        } catch (error) {
          items.push({ problem: problemOf(error) });
        }
      }
    }
  }
  return { items };
}
