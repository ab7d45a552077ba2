// Per-request bounds on OTLP work, beyond the body's byte cap: a 4 MiB body of minimal spans holds
// tens of thousands of them, and one with 64-value key arrays on every configured key multiplies
// the business-key rows. What is cut is said in partial_success, never dropped silently:
//   - spans beyond maxSpansPerRequest are refused (rejected_spans counts them);
//   - string attribute values longer than maxAttributeValueLength are cut (the span is kept);
//   - business-key rows beyond maxKeyRowsPerRequest are not indexed (the spans are kept, and can
//     still be found through their other keys or their trace).
import type { TracesConfig } from '@/lib/config';
import type { SpanKeyRow } from '@/lib/store/queries/span-keys';
import type { AttrValue, Attrs, DecodedRequest } from './model';

export interface RequestLimits {
  maxSpans: number;
  maxKeyRows: number;
  maxValueLength: number;
}

export const limitsOf = (traces: TracesConfig): RequestLimits => ({
  maxSpans: traces.maxSpansPerRequest,
  maxKeyRows: traces.maxKeyRowsPerRequest,
  maxValueLength: traces.maxAttributeValueLength,
});

export interface Bounded {
  request: DecodedRequest;
  droppedSpans: number;
  cutValues: number;
}

/** Cuts long strings in place (the decoded request is this request's own); counts them. */
function cutAttrs(attrs: Attrs, max: number, seen: WeakSet<object>): number {
  if (seen.has(attrs)) return 0;
  seen.add(attrs);
  return cutIn(attrs, max);
}

// No closure per call and no write-back of values left alone: this runs on every attribute of
// every span on the ingest hot path, and nearly every value is a short string.
function cutIn(container: AttrValue[] | { [key: string]: AttrValue }, max: number): number {
  let cut = 0;
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) {
      const value = container[i]!;
      if (typeof value === 'string') {
        if (value.length > max) {
          container[i] = `${value.slice(0, max)}…`;
          cut++;
        }
      } else if (value !== null && typeof value === 'object') cut += cutIn(value, max);
    }
    return cut;
  }
  for (const key in container) {
    const value = container[key]!;
    if (typeof value === 'string') {
      if (value.length > max) {
        container[key] = `${value.slice(0, max)}…`;
        cut++;
      }
    } else if (value !== null && typeof value === 'object') cut += cutIn(value, max);
  }
  return cut;
}

export function boundRequest(request: DecodedRequest, limits: RequestLimits): Bounded {
  const droppedSpans = Math.max(0, request.items.length - limits.maxSpans);
  const items = droppedSpans > 0 ? request.items.slice(0, limits.maxSpans) : request.items;
  // Resources are shared by the spans of a batch: each is cut once.
  const seen = new WeakSet<object>();
  let cutValues = 0;
  for (const item of items) {
    if ('problem' in item) continue;
    const { span, resource } = item;
    cutValues += cutAttrs(resource, limits.maxValueLength, seen) + cutAttrs(span.attributes, limits.maxValueLength, seen);
    for (const e of span.events) cutValues += cutAttrs(e.attributes, limits.maxValueLength, seen);
    for (const l of span.links) cutValues += cutAttrs(l.attributes, limits.maxValueLength, seen);
  }
  return { request: droppedSpans > 0 ? { items } : request, droppedSpans, cutValues };
}

export function boundKeys(keys: SpanKeyRow[], limits: RequestLimits): { keys: SpanKeyRow[]; droppedKeys: number } {
  if (keys.length <= limits.maxKeyRows) return { keys, droppedKeys: 0 };
  return { keys: keys.slice(0, limits.maxKeyRows), droppedKeys: keys.length - limits.maxKeyRows };
}

/** The words partial_success.error_message carries for what the limits cut. */
export function limitNotes(limits: RequestLimits, cut: { droppedSpans: number; cutValues: number; droppedKeys: number }): string[] {
  return [
    cut.droppedSpans > 0 ? `${cut.droppedSpans} spans beyond the limit of ${limits.maxSpans} per request were refused` : '',
    cut.cutValues > 0 ? `${cut.cutValues} attribute values longer than ${limits.maxValueLength} characters were cut` : '',
    cut.droppedKeys > 0
      ? `${cut.droppedKeys} business-key entries beyond ${limits.maxKeyRows} per request were not indexed (their spans are stored)`
      : '',
  ].filter(Boolean);
}
