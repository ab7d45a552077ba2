import { describe, expect, it } from 'vitest';
import { decodeJson } from './decode-json';
import { MalformedBodyError, type DecodedSpan } from './model';

const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const one = (span: unknown, resource: unknown = { attributes: [{ key: 'service.name', value: { stringValue: 'relay' } }] }) =>
  decodeJson(bytes({ resourceSpans: [{ resource, scopeSpans: [{ spans: [span] }] }] })).items[0]!;
const spanOf = (item: ReturnType<typeof one>): DecodedSpan => {
  if ('problem' in item) throw new Error(item.problem);
  return item.span;
};

describe('decodeJson', () => {
  it('reads hex ids, integer enums and int64 given as strings', () => {
    const item = one({
      traceId: '5B8EFFF798038103D269B633813FC60C',
      spanId: 'EEE19B7EC3C1B174',
      parentSpanId: 'eee19b7ec3c1b173',
      name: 'publish',
      kind: 4,
      startTimeUnixNano: '1764165731123456789',
      endTimeUnixNano: '1764165731223456789',
      attributes: [
        { key: 'order_id', value: { stringValue: 'A-1' } },
        { key: 'retries', value: { intValue: '9007199254740993' } },
      ],
      status: { code: 2, message: 'boom' },
    });
    const span = spanOf(item);
    expect(span).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      kind: 4,
      statusCode: 2,
      statusMessage: 'boom',
    });
    expect(span.startNs).toBe(1764165731123456789n);
    // Beyond 2^53 the value stays exact, as a string.
    expect(span.attributes).toEqual({ order_id: 'A-1', retries: '9007199254740993' });
    expect((item as { resource: object }).resource).toEqual({ 'service.name': 'relay' });
  });

  it('accepts int64 as numbers and enums by name', () => {
    const span = spanOf(
      one({
        traceId: 'a'.repeat(32),
        spanId: 'b'.repeat(16),
        kind: 'SPAN_KIND_CONSUMER',
        startTimeUnixNano: 1764165731000000000,
        endTimeUnixNano: 1764165731000000000,
        attributes: [{ key: 'n', value: { intValue: 7 } }],
      }),
    );
    expect(span.kind).toBe(5);
    expect(span.attributes.n).toBe(7);
    expect(span.startNs).toBeGreaterThan(0n);
  });

  it('ignores unknown fields at every level', () => {
    const span = spanOf(
      one(
        {
          traceId: 'a'.repeat(32),
          spanId: 'b'.repeat(16),
          futureField: { x: 1 },
          attributes: [{ key: 'k', value: { stringValue: 'v', newKind: 3 }, extra: true }],
          status: { code: 1, details: 'x' },
        },
        { attributes: [], droppedAttributesCount: 0, entityRefs: [{ type: 'service' }] },
      ),
    );
    expect(span.attributes).toEqual({ k: 'v' });
    expect(span.statusCode).toBe(1);
  });

  it('converts nested values, bytes and special doubles, and bounds nesting', () => {
    let deep: unknown = { stringValue: 'bottom' };
    for (let i = 0; i < 20; i++) deep = { arrayValue: { values: [deep] } };
    const span = spanOf(
      one({
        traceId: 'a'.repeat(32),
        spanId: 'b'.repeat(16),
        attributes: [
          { key: 'list', value: { arrayValue: { values: [{ stringValue: 'x' }, { boolValue: true }, { doubleValue: 1.5 }] } } },
          { key: 'map', value: { kvlistValue: { values: [{ key: 'inner', value: { intValue: '3' } }] } } },
          { key: 'raw', value: { bytesValue: 'AQID' } },
          { key: 'nan', value: { doubleValue: 'NaN' } },
          { key: 'empty', value: {} },
          { key: 'deep', value: deep },
        ],
      }),
    );
    expect(span.attributes).toMatchObject({ list: ['x', true, 1.5], map: { inner: 3 }, raw: 'AQID', nan: 'NaN', empty: null });
    expect(JSON.stringify(span.attributes.deep)).toContain('[truncated: nested too deep]');
  });

  it('rejects a span with a badly typed field alone, keeping the others', () => {
    const request = {
      resourceSpans: [
        {
          scopeSpans: [
            { spans: [{ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }, { traceId: 12, name: 'bad' }, { kind: 'SPAN_KIND_WHATEVER' }] },
          ],
        },
      ],
    };
    const { items } = decodeJson(bytes(request));
    expect(items).toHaveLength(3);
    expect('span' in items[0]!).toBe(true);
    expect(items[1]).toEqual({ problem: expect.stringContaining('traceId') });
    expect(items[2]).toEqual({ problem: expect.stringContaining('expected an integer enum value') });
  });

  it('makes NUL and lone surrogates storable', () => {
    const span = spanOf(
      one({
        traceId: 'a'.repeat(32),
        spanId: 'b'.repeat(16),
        name: 'a\u0000b\ud800',
        attributes: [{ key: 'k\u0000', value: { stringValue: '\udc00x' } }],
      }),
    );
    expect(span.name).toBe('a\uFFFDb\uFFFD');
    expect(span.attributes).toEqual({ 'k\uFFFD': '\uFFFDx' });
  });

  it('treats an empty request as no spans', () => {
    expect(decodeJson(bytes({})).items).toEqual([]);
    expect(decodeJson(bytes({ resourceSpans: null })).items).toEqual([]);
  });

  it.each([
    ['not json', '{"resourceSpans":'],
    ['an array', '[]'],
    ['a number', '5'],
    ['a wrong envelope', '{"resourceSpans":{"a":1}}'],
    ['bad resource attributes', '{"resourceSpans":[{"resource":{"attributes":[{"nokey":1}]}}]}'],
  ])('refuses %s as malformed', (_what, body) => {
    expect(() => decodeJson(bytes(body))).toThrow(MalformedBodyError);
  });
});
