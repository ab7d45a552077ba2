// A reproducible corpus of hostile OTLP bodies for the receiver's fuzz test: random bytes, random
// JSON, and valid requests (both encodings) mutated at the byte level and at the field level, some
// gzipped. Seeded, so a failure can be replayed by its index.
import { gzipSync } from 'node:zlib';
import { exportRequest, jsonSpan, toProtobuf } from './testing';

export interface FuzzCase {
  body: Uint8Array;
  contentType: string;
  gzip: boolean;
  kind: string;
}

/** mulberry32: tiny, fast, good enough to pick mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY: unknown[] = [null, true, -1, 0, 1.5, 2 ** 64, -(2 ** 63), '', '0', 'A'.repeat(300), 'a\u0000b', '\ud800', '<script>alert(1)</script>', "'; DROP TABLE spans; --", [], {}, [[[[[]]]]], JSON.parse('{"__proto__": {"order_id": "x"}}'), 'NaN', '18446744073709551616', '-5', 'zz'.repeat(16), '0'.repeat(32)];
const FIELDS = ['traceId', 'spanId', 'parentSpanId', 'name', 'kind', 'startTimeUnixNano', 'endTimeUnixNano', 'attributes', 'events', 'links', 'status'];

export function buildCorpus(size: number, seed = 42): FuzzCase[] {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));

  const hexOf = (n: number) => Array.from({ length: n }, () => int(16).toString(16)).join('');
  const validRequest = () => {
    const spans = Array.from({ length: 1 + int(8) }, () =>
      jsonSpan({ traceId: hexOf(32), spanId: hexOf(16), startMs: Date.UTC(2026, 0, 1) + int(1e9), durationMs: int(5000), kind: int(6), attributes: { order_id: `FZ-${int(50)}`, 'db.system': pick(['postgresql', 'opensearch', 'redis']), n: int(1000) } }),
    );
    return exportRequest({ [`svc-${int(4)}`]: spans });
  };

  const randomJson = (depth: number): unknown => {
    const r = rnd();
    if (depth > 4 || r < 0.3) return pick(NASTY);
    if (r < 0.6) return Array.from({ length: int(4) }, () => randomJson(depth + 1));
    return Object.fromEntries(Array.from({ length: int(4) }, () => [pick([...FIELDS, 'resourceSpans', 'scopeSpans', 'spans', 'value', 'key', 'x']), randomJson(depth + 1)]));
  };

  const mutateFields = (request: { resourceSpans: unknown[] }) => {
    const rs = request.resourceSpans[0] as { scopeSpans: { spans: Record<string, unknown>[] }[] };
    for (let i = 0, n = 1 + int(3); i < n; i++) {
      const span = pick(rs.scopeSpans[0]!.spans);
      const field = pick(FIELDS);
      span[field] = rnd() < 0.7 ? pick(NASTY) : randomJson(0);
    }
    if (rnd() < 0.1) (request as Record<string, unknown>).resourceSpans = randomJson(0);
    return request;
  };

  const mutateBytes = (input: Uint8Array) => {
    const out = Array.from(input);
    for (let i = 0, n = 1 + int(6); i < n && out.length > 0; i++) {
      const at = int(out.length);
      const op = int(5);
      if (op === 0) out[at] = int(256);
      else if (op === 1) out[at] = out[at]! ^ (1 << int(8));
      else if (op === 2) out.splice(at, 1 + int(8));
      else if (op === 3) out.splice(at, 0, ...bytes(1 + int(8)));
      else out.length = at; // truncate
    }
    return Uint8Array.from(out);
  };

  const cases: FuzzCase[] = [];
  const add = (kind: string, body: Uint8Array, contentType: string) => {
    const gzip = rnd() < 0.15;
    // Now and then corrupt the gzip stream itself.
    const wire = gzip ? (rnd() < 0.2 ? mutateBytes(gzipSync(body)) : gzipSync(body)) : body;
    cases.push({ body: wire, contentType, gzip, kind });
  };
  const JSON_T = 'application/json';
  const PROTO_T = 'application/x-protobuf';
  const text = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  while (cases.length < size) {
    const r = rnd();
    if (r < 0.08) add('random-bytes', bytes(int(2000)), pick([JSON_T, PROTO_T]));
    else if (r < 0.18) add('random-json', text(randomJson(0)), JSON_T);
    else if (r < 0.4) add('mutated-json-text', mutateBytes(text(validRequest())), JSON_T);
    else if (r < 0.65) add('mutated-json-fields', text(mutateFields(validRequest())), JSON_T);
    else if (r < 0.92) add('mutated-protobuf', mutateBytes(toProtobuf(validRequest())), PROTO_T);
    else if (r < 0.97) {
      if (rnd() < 0.5) add('valid', text(validRequest()), JSON_T);
      else add('valid', toProtobuf(validRequest()), PROTO_T);
    }
    else if (r < 0.975) add('oversized', text({ resourceSpans: [], pad: 'x'.repeat(300_000 + int(100_000)) }), JSON_T);
    else add('odd-content-type', bytes(int(100)), pick(['text/plain', 'application/grpc', '', 'application/json+x']));
  }
  return cases;
}
