import { describe, expect, it } from 'vitest';
import { decodeProtobuf } from './decode-proto';
import { MalformedBodyError } from './model';
import { exportRequest, jsonSpan, toProtobuf } from '@/e2e/fixtures/otlp-requests';

describe('decodeProtobuf', () => {
  it('decodes ids to hex, fixed64 times exactly and attributes to plain values', () => {
    const span = jsonSpan({
      traceId: 'ab'.repeat(16),
      spanId: 'cd'.repeat(8),
      kind: 5,
      attributes: { order_id: 'A-1', n: 3, ok: true, f: 0.5 },
      links: [{ traceId: '12'.repeat(16), spanId: '34'.repeat(8) }],
    });
    span.startTimeUnixNano = '1764165731123456789';
    span.endTimeUnixNano = '1764165731123456999';
    const { items } = decodeProtobuf(toProtobuf(exportRequest({ indexer: [span] })));
    expect(items).toHaveLength(1);
    const item = items[0]!;
    if ('problem' in item) throw new Error(item.problem);
    expect(item.resource).toEqual({ 'service.name': 'indexer' });
    expect(item.span).toMatchObject({
      traceId: 'ab'.repeat(16),
      spanId: 'cd'.repeat(8),
      parentSpanId: '',
      kind: 5,
      startNs: 1764165731123456789n,
      endNs: 1764165731123456999n,
    });
    expect(item.span.attributes).toEqual({ order_id: 'A-1', n: 3, ok: true, f: 0.5 });
    expect(item.span.links).toEqual([{ traceId: '12'.repeat(16), spanId: '34'.repeat(8), attributes: {} }]);
  });

  it('reads an empty body as an empty request', () => {
    expect(decodeProtobuf(new Uint8Array()).items).toEqual([]);
  });

  it('refuses bytes that are not a message', () => {
    expect(() => decodeProtobuf(Buffer.from('{"resourceSpans": []}'))).toThrow(MalformedBodyError);
    const valid = toProtobuf(exportRequest({ s: [jsonSpan()] }));
    expect(() => decodeProtobuf(valid.subarray(0, valid.length - 3))).toThrow(MalformedBodyError);
  });
});
