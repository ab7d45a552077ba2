// OTLP AnyValue/KeyValue as protobufjs decodes them, to plain JSON values. protobufjs exposes the
// chosen oneof member's name as `value`; unset members read their prototype defaults, so only the
// named member is trusted.
import { int64Value } from './int64';
import type { AttrValue, Attrs } from './model';
import { storable } from './text';

/** Nesting beyond this is kept as a marker: no real attribute is that deep, a hostile one can be. */
export const MAX_ATTR_DEPTH = 8;
export const TOO_DEEP = '[truncated: nested too deep]';

interface ProtoAnyValue {
  value?: string;
  stringValue?: string;
  boolValue?: boolean;
  intValue?: unknown;
  doubleValue?: number;
  arrayValue?: { values?: ProtoAnyValue[] } | null;
  kvlistValue?: { values?: ProtoKeyValue[] } | null;
  bytesValue?: Uint8Array;
}

export interface ProtoKeyValue {
  key?: string;
  value?: ProtoAnyValue | null;
}

export function protoValue(v: ProtoAnyValue | null | undefined, depth = 0): AttrValue {
  if (!v) return null;
  if (depth >= MAX_ATTR_DEPTH) return TOO_DEEP;
  switch (v.value) {
    case 'stringValue':
      return storable(v.stringValue ?? '');
    case 'boolValue':
      return v.boolValue === true;
    case 'intValue':
      return int64Value(v.intValue);
    case 'doubleValue':
      return Number.isFinite(v.doubleValue) ? (v.doubleValue as number) : String(v.doubleValue);
    case 'arrayValue':
      return (v.arrayValue?.values ?? []).map((item) => protoValue(item, depth + 1));
    case 'kvlistValue':
      return protoAttrs(v.kvlistValue?.values, depth + 1);
    case 'bytesValue':
      return Buffer.from(v.bytesValue ?? []).toString('base64');
    default:
      return null; // an empty AnyValue is allowed and means "no value"
  }
}

export function protoAttrs(list: ProtoKeyValue[] | null | undefined, depth = 0): Attrs {
  // No prototype: a "__proto__" attribute stays a plain key instead of re-parenting the object.
  const out = Object.create(null) as Attrs;
  if (!list) return out;
  for (const kv of list) out[storable(kv.key ?? '')] = protoValue(kv.value, depth);
  return out;
}
