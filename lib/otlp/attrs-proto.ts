// OTLP KeyValue/AnyValue read from the wire to plain JSON values. AnyValue is a oneof: the last
// member on the wire wins, and an AnyValue with no member (or an unknown one) means "no value".
import type { AttrValue, Attrs } from './model';
import { I64, LEN, VARINT, wrongType, type WireReader } from './wire';

/** Nesting beyond this is kept as a marker: no real attribute is that deep, a hostile one can be. */
export const MAX_ATTR_DEPTH = 8;
export const TOO_DEEP = '[truncated: nested too deep]';

/** One AnyValue ending at `end`. Deeper than MAX_ATTR_DEPTH it is still read (framing errors
 *  count wherever they are) but kept as TOO_DEEP. */
export function wireValue(r: WireReader, end: number, depth: number): AttrValue {
  let value: AttrValue = null;
  while (r.pos < end) {
    const tag = r.uint32(end);
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1:
        if (wt !== LEN) throw wrongType('AnyValue.string_value', wt);
        value = r.string(end);
        break;
      case 2:
        if (wt !== VARINT) throw wrongType('AnyValue.bool_value', wt);
        value = r.uint32(end) !== 0;
        break;
      case 3:
        if (wt !== VARINT) throw wrongType('AnyValue.int_value', wt);
        value = r.int64(end);
        break;
      case 4: {
        if (wt !== I64) throw wrongType('AnyValue.double_value', wt);
        const d = r.double(end);
        value = Number.isFinite(d) ? d : String(d);
        break;
      }
      case 5:
        if (wt !== LEN) throw wrongType('AnyValue.array_value', wt);
        value = wireArray(r, r.len(end), depth + 1);
        break;
      case 6:
        if (wt !== LEN) throw wrongType('AnyValue.kvlist_value', wt);
        value = wireAttrsInto(emptyAttrs(), r, r.len(end), 1, depth + 1);
        break;
      case 7:
        if (wt !== LEN) throw wrongType('AnyValue.bytes_value', wt);
        value = r.base64(end);
        break;
      default:
        r.skip(wt, end);
    }
  }
  return depth >= MAX_ATTR_DEPTH ? TOO_DEEP : value;
}

function wireArray(r: WireReader, end: number, depth: number): AttrValue[] {
  const out: AttrValue[] = [];
  while (r.pos < end) {
    const tag = r.uint32(end);
    if (tag >>> 3 !== 1) r.skip(tag & 7, end);
    else if ((tag & 7) !== LEN) throw wrongType('ArrayValue.values', tag & 7);
    else out.push(wireValue(r, r.len(end), depth));
  }
  return out;
}

/** One KeyValue ending at `end`, set on `into` (a later duplicate key wins). */
function wireKeyValue(into: Attrs, r: WireReader, end: number, depth: number): void {
  let key = '';
  let value: AttrValue = null;
  while (r.pos < end) {
    const tag = r.uint32(end);
    const wt = tag & 7;
    if (tag >>> 3 === 1 && wt === LEN) key = r.string(end);
    else if (tag >>> 3 === 2 && wt === LEN) value = wireValue(r, r.len(end), depth);
    else if (tag >>> 3 === 1 || tag >>> 3 === 2) throw wrongType('KeyValue', wt);
    else r.skip(wt, end);
  }
  into[key] = value;
}

/**
 * The repeated KeyValue field `field` of the message ending at `end`, added to `into`. Every
 * other field of that message is skipped: callers with more fields read them with wireKeyValues.
 */
export function wireAttrsInto(into: Attrs, r: WireReader, end: number, field: number, depth = 0): Attrs {
  while (r.pos < end) {
    const tag = r.uint32(end);
    if (tag >>> 3 !== field) r.skip(tag & 7, end);
    else if ((tag & 7) !== LEN) throw wrongType('attributes', tag & 7);
    else wireKeyValue(into, r, r.len(end), depth);
  }
  return into;
}

/** One KeyValue at the reader (its tag already read), added to `into`. */
export function wireKeyValueAt(into: Attrs, r: WireReader, end: number, wireType: number): void {
  if (wireType !== LEN) throw wrongType('attributes', wireType);
  wireKeyValue(into, r, r.len(end), 0);
}

// Attribute maps inherit from an empty object with no prototype: a "__proto__" key stays a plain
// key and no Object.prototype member reads as an attribute, as with Object.create(null), but V8
// keeps these objects in fast mode (Object.create(null) starts a dictionary), which makes
// building them and JSON.stringify on them several times cheaper.
function AttrMap(): void {}
AttrMap.prototype = Object.create(null) as object;

export const emptyAttrs = (): Attrs => new (AttrMap as unknown as new () => Attrs)();
