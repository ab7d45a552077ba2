// OTLP/JSON AnyValue/KeyValue to plain JSON values, one nesting level at a time so that depth stays
// bounded (MAX_ATTR_DEPTH) however deep the sender nests. Throws a ZodError on a malformed value;
// the caller rejects that span only.
import { MAX_ATTR_DEPTH, TOO_DEEP } from './attrs-proto';
import { int64Value } from './int64';
import { anyValue, keyValue } from './json-schema';
import type { AttrValue, Attrs } from './model';
import { storable } from './text';

export function jsonValue(raw: unknown, depth = 0): AttrValue {
  if (raw === undefined || raw === null) return null;
  if (depth >= MAX_ATTR_DEPTH) return TOO_DEEP;
  const v = anyValue.parse(raw);
  if (v.stringValue != null) return storable(v.stringValue);
  if (v.boolValue != null) return v.boolValue;
  if (v.intValue != null) return int64Value(v.intValue);
  if (v.doubleValue != null) return v.doubleValue; // a number, or 'NaN' / 'Infinity' spelled out
  if (v.arrayValue != null) return (v.arrayValue.values ?? []).map((item) => jsonValue(item, depth + 1));
  if (v.kvlistValue != null) return jsonAttrs(v.kvlistValue.values ?? [], depth + 1);
  if (v.bytesValue != null) return v.bytesValue; // already base64 in JSON
  return null;
}

export function jsonAttrs(list: readonly unknown[] | null | undefined, depth = 0): Attrs {
  // No prototype: a "__proto__" attribute stays a plain key instead of re-parenting the object.
  const out = Object.create(null) as Attrs;
  for (const raw of list ?? []) {
    const kv = keyValue.parse(raw);
    out[storable(kv.key)] = jsonValue(kv.value, depth);
  }
  return out;
}
