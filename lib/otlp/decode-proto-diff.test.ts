// The wire decoder against protobufjs, which the receiver used before: the same DecodedItems for
// rich requests, every truncation of one, and strings holding any bytes at all.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportRequest, jsonSpan, toProtobuf } from '@/e2e/fixtures/otlp-requests';
import { TOO_DEEP } from './attrs-proto';
import { decodeProtobuf } from './decode-proto';
import { int64Value, toBigInt } from './int64';
import type { AttrValue, Attrs, DecodedRequest } from './model';
import { otlpTypes } from './protos';
import { storable } from './text';

// The previous decoder, condensed: protobufjs objects converted to DecodedItems.
type P = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const hex = (b: Uint8Array | undefined) => (b && b.length ? Buffer.from(b).toString('hex') : '');
function refValue(v: P | null | undefined, depth: number): AttrValue {
  if (!v) return null;
  if (depth >= 8) return TOO_DEEP;
  switch (v.value as string | undefined) {
    case 'stringValue':
      return storable(v.stringValue ?? '');
    case 'boolValue':
      return v.boolValue === true;
    case 'intValue':
      return int64Value(v.intValue);
    case 'doubleValue':
      return Number.isFinite(v.doubleValue) ? (v.doubleValue as number) : String(v.doubleValue);
    case 'arrayValue':
      return ((v.arrayValue?.values ?? []) as P[]).map((i) => refValue(i, depth + 1));
    case 'kvlistValue':
      return refAttrs(v.kvlistValue?.values, depth + 1);
    case 'bytesValue':
      return Buffer.from(v.bytesValue ?? []).toString('base64');
    default:
      return null;
  }
}
function refAttrs(list: P[] | undefined, depth = 0): Attrs {
  const out = Object.create(null) as Attrs;
  for (const kv of list ?? []) out[storable(kv.key ?? '')] = refValue(kv.value, depth);
  return out;
}
function reference(body: Uint8Array): DecodedRequest | 'malformed' {
  let m: P;
  try {
    m = otlpTypes().ExportTraceServiceRequest.decode(Buffer.from(body)) as P;
  } catch {
    return 'malformed';
  }
  const items: DecodedRequest['items'] = [];
  for (const rs of (m.resourceSpans ?? []) as P[]) {
    const resource = refAttrs(rs.resource?.attributes);
    for (const ss of (rs.scopeSpans ?? []) as P[])
      for (const s of (ss.spans ?? []) as P[])
        items.push({
          resource,
          span: {
            traceId: hex(s.traceId),
            spanId: hex(s.spanId),
            parentSpanId: hex(s.parentSpanId),
            name: storable(s.name ?? ''),
            kind: s.kind ?? 0,
            startNs: toBigInt(s.startTimeUnixNano),
            endNs: toBigInt(s.endTimeUnixNano),
            attributes: refAttrs(s.attributes),
            events: ((s.events ?? []) as P[]).map((e) => ({
              timeNs: toBigInt(e.timeUnixNano),
              name: storable(e.name ?? ''),
              attributes: refAttrs(e.attributes),
            })),
            links: ((s.links ?? []) as P[]).map((l) => ({
              traceId: hex(l.traceId),
              spanId: hex(l.spanId),
              attributes: refAttrs(l.attributes),
            })),
            statusCode: s.status?.code ?? 0,
            statusMessage: storable(s.status?.message ?? ''),
          },
        });
  }
  return { items };
}

function ours(body: Uint8Array): DecodedRequest | 'malformed' {
  try {
    // Plain objects, so that toEqual compares values and not prototypes.
    return JSON.parse(JSON.stringify(decodeProtobuf(body), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))) as DecodedRequest;
  } catch {
    return 'malformed';
  }
}
const plain = (r: DecodedRequest | 'malformed') =>
  r === 'malformed' ? r : (JSON.parse(JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))) as DecodedRequest);

function richRequest(): Uint8Array {
  let deep: unknown = { stringValue: 'bottom' };
  for (let i = 0; i < 12; i++)
    deep = i % 2 ? { arrayValue: { values: [deep] } } : { kvlistValue: { values: [{ key: `k${i}`, value: deep }] } };
  const span = jsonSpan({ attributes: { order_id: 'A-1', n: 3 }, links: [{ traceId: '12'.repeat(16), spanId: '34'.repeat(8) }] });
  const attrs = span.attributes as unknown[];
  attrs.push(
    { key: 'big', value: { intValue: '9007199254740993' } },
    { key: 'neg', value: { intValue: '-42' } },
    { key: 'min', value: { intValue: '-9223372036854775808' } },
    { key: 'nan', value: { doubleValue: NaN } },
    { key: 'inf', value: { doubleValue: -Infinity } },
    { key: 'raw', value: { bytesValue: Buffer.from([1, 2, 3, 250]) } },
    { key: 'list', value: { arrayValue: { values: [{ stringValue: 'x' }, { boolValue: false }, {}] } } },
    { key: 'uni', value: { stringValue: 'ünï 😀 \u0000 nul' } },
    { key: '__proto__', value: { stringValue: 'plain key' } },
    { key: 'order_id', value: { stringValue: 'later duplicate wins' } },
    { key: 'deep', value: deep },
  );
  span.events = [{ timeUnixNano: '1764165731123456789', name: 'ev', attributes: [{ key: 'e', value: { stringValue: 'v' } }] }];
  span.status = { code: 2, message: 'boom' };
  span.kind = 5;
  return toProtobuf(exportRequest({ 'svc-ä': [span, jsonSpan({ name: 'second' })], other: [jsonSpan()] }));
}

describe('decodeProtobuf matches protobufjs', () => {
  it('on a rich request', () => {
    const body = richRequest();
    const decoded = ours(body);
    expect(decoded).toEqual(plain(reference(body)));
    expect(JSON.stringify(decoded)).toContain(TOO_DEEP);
  });

  it('on every truncation of a request', () => {
    const body = richRequest();
    for (let cut = 0; cut < body.length; cut++) {
      const part = body.subarray(0, cut);
      expect(ours(part), `cut at ${cut}`).toEqual(plain(reference(part)));
    }
  });

  it('on any bytes inside strings (invalid UTF-8, NUL, non-ASCII)', () => {
    const body = richRequest();
    // Where the request's strings lie: mutating there leaves the framing valid, so both decoders
    // must read the request and agree on every string. (On corrupt framing their verdicts differ
    // both ways: protobufjs read a field with its declared wire type whatever the tag said and
    // bounded a nested message by the whole buffer; the wire decoder refuses a known field with
    // the wrong wire type and bounds every message by its parent. fuzz.int.test.ts covers those.)
    const spots = ['ünï 😀', 'boom', 'A-1', 'svc-ä', 'order_id', 'plain key', 'bottom'].flatMap((text) => {
      const at = Buffer.from(body).indexOf(Buffer.from(text));
      expect(at, text).toBeGreaterThan(0);
      return Array.from({ length: Buffer.byteLength(text) }, (_, i) => at + i);
    });
    let compared = 0;
    for (let i = 0; i < 200; i++) {
      const copy = Buffer.from(body);
      const [at, value] = [spots[randomBytes(4).readUInt32LE() % spots.length]!, randomBytes(1)[0]! % (i % 3 === 0 ? 1 : 256)];
      copy[at] = value;
      expect(ours(copy), `byte ${at} = ${value}`).toEqual(plain(reference(copy)));
      compared++;
    }
    expect(compared).toBe(200);
  });
});
