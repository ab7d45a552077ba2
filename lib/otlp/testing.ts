// Builders for OTLP request bodies in tests, the fuzz corpus and the benchmark: JSON as the spec
// writes it (hex ids, integer enums, int64 as strings), protobuf through the same .proto files.
import { randomBytes } from 'node:crypto';
import { otlpTypes } from './protos';

export const newTraceId = () => randomBytes(16).toString('hex');
export const newSpanId = () => randomBytes(8).toString('hex');

export type JsonValue = { stringValue: string } | { intValue: string } | { boolValue: boolean } | { doubleValue: number };

export interface SpanSpec {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number;
  /** Milliseconds since the epoch. */
  startMs?: number;
  durationMs?: number;
  attributes?: Record<string, string | number | boolean>;
  links?: { traceId: string; spanId: string }[];
  status?: { code: number; message?: string };
}

const value = (v: string | number | boolean): JsonValue =>
  typeof v === 'string' ? { stringValue: v } : typeof v === 'boolean' ? { boolValue: v } : Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };

const nanos = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

/** One span in OTLP/JSON form. */
export function jsonSpan(spec: SpanSpec = {}): Record<string, unknown> {
  const start = spec.startMs ?? Date.now();
  return {
    traceId: spec.traceId ?? newTraceId(),
    spanId: spec.spanId ?? newSpanId(),
    ...(spec.parentSpanId ? { parentSpanId: spec.parentSpanId } : {}),
    name: spec.name ?? 'work',
    kind: spec.kind ?? 1,
    startTimeUnixNano: nanos(start),
    endTimeUnixNano: nanos(start + (spec.durationMs ?? 5)),
    attributes: Object.entries(spec.attributes ?? {}).map(([key, v]) => ({ key, value: value(v) })),
    links: spec.links ?? [],
    status: spec.status ?? { code: 0 },
  };
}

/** An ExportTraceServiceRequest object (JSON form) with one resource per service. */
export function exportRequest(byService: Record<string, Record<string, unknown>[]>): { resourceSpans: unknown[] } {
  return {
    resourceSpans: Object.entries(byService).map(([service, spans]) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [{ scope: { name: 'truthflow-test' }, spans }],
    })),
  };
}

const hexToBytes = (v: unknown) => (typeof v === 'string' ? Buffer.from(v, 'hex') : v);

/** The same request as protobuf bytes (JSON hex ids become bytes, as the mapping says). */
export function toProtobuf(request: { resourceSpans: unknown[] }): Uint8Array {
  const converted = {
    resourceSpans: (request.resourceSpans as { resource: unknown; scopeSpans: { spans: Record<string, unknown>[] }[] }[]).map((rs) => ({
      ...rs,
      scopeSpans: rs.scopeSpans.map((ss) => ({
        ...ss,
        spans: ss.spans.map((s) => ({
          ...s,
          traceId: hexToBytes(s.traceId),
          spanId: hexToBytes(s.spanId),
          parentSpanId: hexToBytes(s.parentSpanId),
          links: ((s.links as Record<string, unknown>[]) ?? []).map((l) => ({ ...l, traceId: hexToBytes(l.traceId), spanId: hexToBytes(l.spanId) })),
        })),
      })),
    })),
  };
  const type = otlpTypes().ExportTraceServiceRequest;
  return type.encode(type.fromObject(converted)).finish();
}
