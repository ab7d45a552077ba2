// Decoded spans to store rows, one verdict per span: a span with a bad id or impossible times is
// rejected alone (reported as partial success), the rest are stored. Business-key attributes
// become span_keys rows here.
import type { SpanKeyRow } from '@/lib/store/queries/span-keys';
import type { SpanRow } from '@/lib/store/queries/spans';
import type { AttrValue, Attrs, DecodedRequest, DecodedSpan } from './model';
import { deriveStage } from './stage';
import { isValidId } from './text';

// Spans outside these bounds come from unset clocks or garbage, not from a real system.
const MIN_NS = BigInt(Date.UTC(2000, 0, 1)) * 1_000_000n;
const MAX_NS = BigInt(Date.UTC(2200, 0, 1)) * 1_000_000n;
/** Longer values are not order ids; keeping them out of the key index keeps its entries small. */
export const MAX_KEY_VALUE_LENGTH = 256;
const MAX_KEYS_PER_ATTRIBUTE = 64;
const MAX_PROBLEMS_LISTED = 5;
const UNKNOWN_SERVICE = 'unknown_service';
const PARENT = /^[0-9a-f]{16}$/;

export interface Normalized {
  spans: SpanRow[];
  keys: SpanKeyRow[];
  /** Spans in the request, accepted or not. */
  total: number;
  rejected: number;
  /** Why spans were rejected, for partial_success.error_message. */
  errorMessage: string;
}

function problemOf(s: DecodedSpan): string | undefined {
  if (!isValidId(s.traceId, 32)) return 'trace_id must be 16 bytes (32 hex digits), not all zero';
  if (!isValidId(s.spanId, 16)) return 'span_id must be 8 bytes (16 hex digits), not all zero';
  if (s.parentSpanId !== '' && !PARENT.test(s.parentSpanId)) return 'parent_span_id must be empty or 8 bytes (16 hex digits)';
  if (!Number.isInteger(s.kind) || s.kind < 0 || s.kind > 5) return `kind must be 0..5, found ${s.kind}`;
  if (!Number.isInteger(s.statusCode) || s.statusCode < 0 || s.statusCode > 2) return `status.code must be 0..2, found ${s.statusCode}`;
  if (s.startNs === null || s.startNs < MIN_NS || s.startNs >= MAX_NS) return 'start_time_unix_nano missing or outside 2000..2200';
  if (s.endNs === null || s.endNs >= MAX_NS) return 'end_time_unix_nano missing or outside 2000..2200';
  if (s.endNs < s.startNs) return 'end_time_unix_nano is before start_time_unix_nano';
  for (const l of s.links) {
    if (!isValidId(l.traceId, 32) || !isValidId(l.spanId, 16)) return 'a link has an invalid trace_id or span_id';
  }
  return undefined;
}

function keyValueOf(v: AttrValue): string | undefined {
  const text = typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isInteger(v) ? String(v) : undefined;
  return text && text.length <= MAX_KEY_VALUE_LENGTH ? text : undefined;
}

const isString = (v: string | undefined): v is string => v !== undefined;

function keyValuesOf(value: AttrValue | undefined): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    const one = keyValueOf(value);
    return one === undefined ? [] : [one];
  }
  // A batch consumer may carry all its order ids in one array attribute.
  return [...new Set(value.slice(0, MAX_KEYS_PER_ATTRIBUTE).map(keyValueOf).filter(isString))];
}

const serviceOf = (resource: Attrs): string => {
  const name = resource['service.name'];
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : UNKNOWN_SERVICE;
};

/** One resource is shared by every span of its batch: its JSON is built once, not per span. */
const resourceJson = new WeakMap<Attrs, string>();
function jsonOf(resource: Attrs): string {
  let json = resourceJson.get(resource);
  if (json === undefined) resourceJson.set(resource, (json = JSON.stringify(resource)));
  return json;
}

const EMPTY_LIST = '[]';

function row(span: DecodedSpan, resource: Attrs): SpanRow {
  const serviceName = serviceOf(resource);
  const zeroParent = /^0+$/.test(span.parentSpanId);
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId === '' || zeroParent ? null : span.parentSpanId,
    name: span.name,
    kind: span.kind,
    serviceName,
    startUs: Number(span.startNs! / 1000n),
    endUs: Number(span.endNs! / 1000n),
    statusCode: span.statusCode,
    statusMessage: span.statusMessage === '' ? null : span.statusMessage,
    stage: deriveStage(span.attributes, serviceName),
    attributes: JSON.stringify(span.attributes),
    resource: jsonOf(resource),
    events:
      span.events.length === 0
        ? EMPTY_LIST
        : JSON.stringify(span.events.map((e) => ({ name: e.name, timeUnixNano: e.timeNs?.toString() ?? null, attributes: e.attributes }))),
    links: span.links.length === 0 ? EMPTY_LIST : JSON.stringify(span.links),
    linkedTraceIds: span.links.length === 0 ? [] : [...new Set(span.links.map((l) => l.traceId))],
  };
}

export function normalize(request: DecodedRequest, businessKeys: readonly string[]): Normalized {
  const spans: SpanRow[] = [];
  const keys: SpanKeyRow[] = [];
  const problems: string[] = [];
  request.items.forEach((item, index) => {
    if ('problem' in item) {
      problems.push(`span ${index}: ${item.problem}`);
      return;
    }
    const problem = problemOf(item.span);
    if (problem !== undefined) {
      problems.push(`span ${index}: ${problem}`);
      return;
    }
    const r = row(item.span, item.resource);
    spans.push(r);
    for (const keyName of businessKeys) {
      for (const keyValue of keyValuesOf(item.span.attributes[keyName])) {
        keys.push({ keyName, keyValue, traceId: r.traceId, spanId: r.spanId, tsUs: r.startUs });
      }
    }
  });
  const more = problems.length > MAX_PROBLEMS_LISTED ? `; and ${problems.length - MAX_PROBLEMS_LISTED} more` : '';
  const errorMessage = problems.length
    ? `${problems.length} of ${request.items.length} spans rejected: ${problems.slice(0, MAX_PROBLEMS_LISTED).join('; ')}${more}`
    : '';
  return { spans, keys, total: request.items.length, rejected: problems.length, errorMessage };
}
